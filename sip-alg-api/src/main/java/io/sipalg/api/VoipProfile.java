package io.sipalg.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A FortiOS VoIP profile ({@code config voip profile} → {@code edit NAME} → {@code config sip}):
 * immutable, with every option under its FortiOS name and default. Build one with {@link
 * #builder()} or {@link #toBuilder()}; {@link Builder#build()} checks every option and throws an
 * {@link InvalidProfileException} naming the option and the fix.
 *
 * <pre>{@code
 * VoipProfile profile = VoipProfile.builder()
 *     .name("default")
 *     .sslMode(SslMode.FULL)
 *     .sslServerCertificate("Server_cert")
 *     .sslClientCertificate("Client_cert")
 *     .block(SipMethodOption.MESSAGE, true)
 *     .rate(SipMethodOption.INVITE, 100)
 *     .build();
 * if (profile.blocked(SipMethodOption.MESSAGE)) { ... }
 * }</pre>
 *
 * <h2>{@code ssl-mode off}</h2>
 *
 * <p>On a FortiGate, a profile with {@code ssl-mode off} does not intercept SIP over TLS. sip-alg is
 * a TLS ALG, so such a profile has nothing to inspect: {@link #tlsInterception()} is {@code false}
 * and the ALG refuses to create a SIP-over-TLS session with it ({@link #requireTlsInterception()}
 * throws with a message telling the administrator to set {@code ssl-mode full}). The default is
 * {@code off}, as on FortiOS.
 *
 * <h2>Cross-checks</h2>
 *
 * <p>{@code build()} checks each value's range and these combinations: {@code ssl-min-version} not
 * above {@code ssl-max-version}; {@code ssl-pfs deny} only with {@code ssl-max-version} tls-1.2 or
 * lower (TLS 1.3 is always forward-secret); {@code ssl-mode full} needs {@code
 * ssl-server-certificate}. Whether certificate and peer-group names exist is checked when a whole
 * configuration is resolved ({@code io.sipalg.api.config}).
 */
public final class VoipProfile {
  /** The name FortiOS gives its built-in profile. */
  public static final String DEFAULT_NAME = "default";

  private static final VoipProfile DEFAULTS = builder().build();

  private final String name;
  private final String comment;
  private final Object[] values;
  private final Pattern callIdPattern;
  private final Pattern contentTypePattern;

  private VoipProfile(Builder b) {
    this.name = b.name;
    this.comment = b.comment;
    this.values = b.values.clone();
    this.callIdPattern = compile(callIdRegex());
    this.contentTypePattern = compile(contentTypeRegex());
  }

  private static Pattern compile(String regex) {
    return regex.isEmpty() ? null : Pattern.compile(regex);
  }

  /** A builder holding every FortiOS default and the name {@code "default"}. */
  public static Builder builder() {
    return new Builder();
  }

  /** The profile with every FortiOS default, named {@code "default"}. */
  public static VoipProfile defaults() {
    return DEFAULTS;
  }

  /** A builder holding this profile's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The profile name ({@code edit NAME}). */
  public String name() {
    return name;
  }

  /** The profile's {@code comment} ({@code ""} if none). */
  public String comment() {
    return comment;
  }

  /**
   * The value of any option.
   *
   * @param option an option from {@link VoipOption}
   * @param <T> the option's value type
   * @return the value (never {@code null})
   */
  @SuppressWarnings("unchecked")
  public <T> T get(VoipOption<T> option) {
    return (T) values[option.index()];
  }

  /** Whether an option has its FortiOS default value. */
  public boolean isDefault(VoipOption<?> option) {
    return values[option.index()].equals(option.defaultValue());
  }

  /** {@code block-<method>}: whether requests of the method are blocked. */
  public boolean blocked(SipMethodOption method) {
    return get(VoipOption.block(method));
  }

  /** {@code <method>-rate}: requests per second allowed (0 = unlimited). */
  public long rate(SipMethodOption method) {
    return get(VoipOption.rate(method));
  }

  /** {@code <method>-rate-track}: what the rate limit is counted per. */
  public RateTrack rateTrack(SipMethodOption method) {
    return get(VoipOption.rateTrack(method));
  }

  /** {@code malformed-header-<x>}: the action for a malformed header or SDP line. */
  public MalformedAction malformedAction(MalformedHeaderOption header) {
    return get(VoipOption.malformedHeader(header));
  }

  /**
   * Whether the profile intercepts SIP over TLS ({@code ssl-mode full}). With {@code ssl-mode off}
   * the ALG refuses to create SIP-over-TLS sessions with this profile.
   */
  public boolean tlsInterception() {
    return sslMode() == SslMode.FULL;
  }

  /**
   * Checks that the profile intercepts SIP over TLS; the TLS core calls it before creating a
   * session.
   *
   * @return this profile
   * @throws IllegalStateException naming the profile and the fix if {@code ssl-mode} is {@code off}
   */
  public VoipProfile requireTlsInterception() {
    if (!tlsInterception()) {
      throw new IllegalStateException(
          "voip profile '" + name + "' has ssl-mode off, so it does not intercept SIP over TLS:"
              + " set ssl-mode full (with ssl-server-certificate) to use it for SIP-over-TLS"
              + " sessions");
    }
    return this;
  }

  /** The JSSE protocol names from {@code ssl-min-version} to {@code ssl-max-version}, oldest first. */
  public List<String> tlsProtocols() {
    return sslMinVersion().upTo(sslMaxVersion());
  }

  /** {@code call-id-regex} compiled, or empty if none is set. */
  public Optional<Pattern> callIdPattern() {
    return Optional.ofNullable(callIdPattern);
  }

  /** {@code content-type-regex} compiled, or empty if none is set. */
  public Optional<Pattern> contentTypePattern() {
    return Optional.ofNullable(contentTypePattern);
  }

  /** {@code ssl-mode}: TLS interception mode: {@code full} terminates TLS on the phone leg and originates it on the server leg. */
  public SslMode sslMode() {
    return get(VoipOption.SSL_MODE);
  }

  /** {@code ssl-server-certificate}: name of the local certificate (with key) presented to phones; required in full mode. */
  public String sslServerCertificate() {
    return get(VoipOption.SSL_SERVER_CERTIFICATE);
  }

  /** {@code ssl-client-certificate}: name of the local certificate presented to the SIP server ({@code ""} = none). */
  public String sslClientCertificate() {
    return get(VoipOption.SSL_CLIENT_CERTIFICATE);
  }

  /** {@code ssl-auth-client}: peer or peer group that phone certificates must match ({@code ""} = no phone certificate requested). */
  public String sslAuthClient() {
    return get(VoipOption.SSL_AUTH_CLIENT);
  }

  /** {@code ssl-auth-server}: peer or peer group that the SIP server's certificate must match ({@code ""} = not verified). */
  public String sslAuthServer() {
    return get(VoipOption.SSL_AUTH_SERVER);
  }

  /** {@code ssl-send-empty-frags}: split CBC records against IV attacks (SSL 3.0 / TLS 1.0 only). */
  public boolean sslSendEmptyFrags() {
    return get(VoipOption.SSL_SEND_EMPTY_FRAGS);
  }

  /** {@code ssl-client-renegotiation}: what to do when a phone renegotiates. */
  public SslClientRenegotiation sslClientRenegotiation() {
    return get(VoipOption.SSL_CLIENT_RENEGOTIATION);
  }

  /** {@code ssl-algorithm}: relative strength of the permitted cipher suites. */
  public SslAlgorithm sslAlgorithm() {
    return get(VoipOption.SSL_ALGORITHM);
  }

  /** {@code ssl-pfs}: whether forward-secret key exchange is permitted, forbidden or mandatory. */
  public SslPfs sslPfs() {
    return get(VoipOption.SSL_PFS);
  }

  /** {@code ssl-min-version}: lowest protocol version accepted. */
  public TlsVersion sslMinVersion() {
    return get(VoipOption.SSL_MIN_VERSION);
  }

  /** {@code ssl-max-version}: highest protocol version offered. */
  public TlsVersion sslMaxVersion() {
    return get(VoipOption.SSL_MAX_VERSION);
  }

  /** {@code status}: SIP inspection on. */
  public boolean status() {
    return get(VoipOption.STATUS);
  }

  /** {@code rtp}: open RTP/RTCP pinholes for media described in SDP. */
  public boolean rtp() {
    return get(VoipOption.RTP);
  }

  /** {@code nat-port-range}: ports used when NATing RTP. */
  public PortRange natPortRange() {
    return get(VoipOption.NAT_PORT_RANGE);
  }

  /** {@code open-register-pinhole}: open a pinhole to the Contact address of REGISTER. */
  public boolean openRegisterPinhole() {
    return get(VoipOption.OPEN_REGISTER_PINHOLE);
  }

  /** {@code open-contact-pinhole}: open a pinhole to the Contact address of other requests. */
  public boolean openContactPinhole() {
    return get(VoipOption.OPEN_CONTACT_PINHOLE);
  }

  /** {@code open-via-pinhole}: open a pinhole to the Via address. */
  public boolean openViaPinhole() {
    return get(VoipOption.OPEN_VIA_PINHOLE);
  }

  /** {@code open-record-route-pinhole}: open a pinhole to the Record-Route address. */
  public boolean openRecordRoutePinhole() {
    return get(VoipOption.OPEN_RECORD_ROUTE_PINHOLE);
  }

  /** {@code strict-register}: only the registrar may use the registration pinhole. */
  public boolean strictRegister() {
    return get(VoipOption.STRICT_REGISTER);
  }

  /** {@code register-contact-trace}: keep the original IP:port in the REGISTER Contact. */
  public boolean registerContactTrace() {
    return get(VoipOption.REGISTER_CONTACT_TRACE);
  }

  /** {@code max-dialogs}: concurrent dialogs (0 = unlimited); at the cap new calls are refused. */
  public long maxDialogs() {
    return get(VoipOption.MAX_DIALOGS);
  }

  /** {@code max-idle-dialogs}: established dialogs without activity that may be kept (0 = unlimited). */
  public long maxIdleDialogs() {
    return get(VoipOption.MAX_IDLE_DIALOGS);
  }

  /** {@code max-line-length}: header line length limit (78-4096). */
  public int maxLineLength() {
    return get(VoipOption.MAX_LINE_LENGTH);
  }

  /** {@code block-long-lines}: enforce {@code max-line-length}. */
  public boolean blockLongLines() {
    return get(VoipOption.BLOCK_LONG_LINES);
  }

  /** {@code max-body-length}: body size limit in bytes (0 = unlimited). */
  public long maxBodyLength() {
    return get(VoipOption.MAX_BODY_LENGTH);
  }

  /** {@code block-unknown}: block unrecognised request methods. */
  public boolean blockUnknown() {
    return get(VoipOption.BLOCK_UNKNOWN);
  }

  /** {@code block-geo-red-options}: block OPTIONS but let geo-redundancy keepalives through. */
  public boolean blockGeoRedOptions() {
    return get(VoipOption.BLOCK_GEO_RED_OPTIONS);
  }

  /** {@code call-keepalive}: minutes to keep tracking calls that carry no RTP (0-10080). */
  public int callKeepalive() {
    return get(VoipOption.CALL_KEEPALIVE);
  }

  /** {@code rfc2543-branch}: accept RFC 2543-style Via branches. */
  public boolean rfc2543Branch() {
    return get(VoipOption.RFC2543_BRANCH);
  }

  /** {@code log-violations}: log each violation. */
  public boolean logViolations() {
    return get(VoipOption.LOG_VIOLATIONS);
  }

  /** {@code log-call-summary}: log a summary per call. */
  public boolean logCallSummary() {
    return get(VoipOption.LOG_CALL_SUMMARY);
  }

  /** {@code nat-trace}: record the original address in the SDP {@code i=} line. */
  public boolean natTrace() {
    return get(VoipOption.NAT_TRACE);
  }

  /** {@code preserve-override}: replace rather than append the original address in {@code i=}. */
  public boolean preserveOverride() {
    return get(VoipOption.PRESERVE_OVERRIDE);
  }

  /** {@code no-sdp-fixup}: do not rewrite SDP addresses. */
  public boolean noSdpFixup() {
    return get(VoipOption.NO_SDP_FIXUP);
  }

  /** {@code contact-fixup}: always NAT the Contact header. */
  public boolean contactFixup() {
    return get(VoipOption.CONTACT_FIXUP);
  }

  /** {@code hosted-nat-traversal}: phones behind a NAT without an ALG. */
  public boolean hostedNatTraversal() {
    return get(VoipOption.HOSTED_NAT_TRAVERSAL);
  }

  /** {@code hnt-restrict-source-ip}: pin the RTP source to the SIP source (hosted NAT traversal). */
  public boolean hntRestrictSourceIp() {
    return get(VoipOption.HNT_RESTRICT_SOURCE_IP);
  }

  /** {@code unknown-header}: action for unknown header lines. */
  public MalformedAction unknownHeader() {
    return get(VoipOption.UNKNOWN_HEADER);
  }

  /** {@code malformed-request-line}: action for a malformed request line. */
  public MalformedAction malformedRequestLine() {
    return get(VoipOption.MALFORMED_REQUEST_LINE);
  }

  /** {@code call-id-regex}: regular expression Call-ID values must match ({@code ""} = any). */
  public String callIdRegex() {
    return get(VoipOption.CALL_ID_REGEX);
  }

  /** {@code content-type-regex}: regular expression Content-Type values must match ({@code ""} = any). */
  public String contentTypeRegex() {
    return get(VoipOption.CONTENT_TYPE_REGEX);
  }

  /** {@code provisional-invite-expiry-time}: seconds an INVITE with only provisional responses is tracked (10-3600). */
  public int provisionalInviteExpiryTime() {
    return get(VoipOption.PROVISIONAL_INVITE_EXPIRY_TIME);
  }

  /** {@code ips-rtp}: pass RTP to intrusion prevention (host hook). */
  public boolean ipsRtp() {
    return get(VoipOption.IPS_RTP);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VoipProfile
        && ((VoipProfile) o).name.equals(name)
        && ((VoipProfile) o).comment.equals(comment)
        && Arrays.equals(((VoipProfile) o).values, values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, comment, Arrays.hashCode(values));
  }

  /**
   * The name and every option that differs from its default, in FortiOS syntax, e.g. {@code
   * VoipProfile "default" {ssl-mode full, ssl-server-certificate "Server_cert"}}.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("VoipProfile \"").append(name).append("\" {");
    String sep = "";
    if (!comment.isEmpty()) {
      sb.append("comment \"").append(comment).append('"');
      sep = ", ";
    }
    for (VoipOption<?> option : VoipOption.all()) {
      if (!isDefault(option)) {
        sb.append(sep).append(option.name()).append(' ').append(text(option));
        sep = ", ";
      }
    }
    return sb.append(sep.isEmpty() ? "all defaults}" : "}").toString();
  }

  private <T> String text(VoipOption<T> option) {
    String text = option.format(get(option));
    return option.isQuoted() ? '"' + text + '"' : text;
  }

  /**
   * Builds a {@link VoipProfile}. Setters accept any value; {@link #build()} checks them all.
   * Not thread-safe.
   */
  public static final class Builder {
    private String name = DEFAULT_NAME;
    private String comment = "";
    private final Object[] values;

    private Builder() {
      values = new Object[VoipOption.all().size()];
      for (VoipOption<?> option : VoipOption.all()) {
        values[option.index()] = option.defaultValue();
      }
    }

    private Builder(VoipProfile profile) {
      name = profile.name;
      comment = profile.comment;
      values = profile.values.clone();
    }

    /** Sets the profile name ({@code edit NAME}). */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /** Sets the profile's {@code comment} ({@code ""} for none). */
    public Builder comment(String comment) {
      this.comment = Objects.requireNonNull(comment, "comment");
      return this;
    }

    /**
     * Sets any option.
     *
     * @param option the option
     * @param value its value, checked by {@link #build()}
     * @param <T> the option's value type
     * @return this builder
     */
    public <T> Builder set(VoipOption<T> option, T value) {
      values[option.index()] = Objects.requireNonNull(value, option.name());
      return this;
    }

    /**
     * Sets any option from FortiOS text, as after {@code set <option>}.
     *
     * @param option the option
     * @param text the value, e.g. {@code "tls-1.2"}
     * @return this builder
     * @throws IllegalArgumentException naming the option and its valid values if the text does not
     *     parse
     */
    public Builder setText(VoipOption<?> option, String text) {
      return setParsed(option, text);
    }

    private <T> Builder setParsed(VoipOption<T> option, String text) {
      return set(option, option.parse(text));
    }

    /** Resets an option to its FortiOS default ({@code unset <option>}). */
    public Builder unset(VoipOption<?> option) {
      values[option.index()] = option.defaultValue();
      return this;
    }

    /** The value an option has in this builder. */
    @SuppressWarnings("unchecked")
    public <T> T get(VoipOption<T> option) {
      return (T) values[option.index()];
    }

    /** Sets {@code block-<method>}. */
    public Builder block(SipMethodOption method, boolean blocked) {
      return set(VoipOption.block(method), blocked);
    }

    /** Sets {@code <method>-rate} (requests per second, 0 = unlimited). */
    public Builder rate(SipMethodOption method, long perSecond) {
      return set(VoipOption.rate(method), perSecond);
    }

    /** Sets {@code <method>-rate-track}. */
    public Builder rateTrack(SipMethodOption method, RateTrack track) {
      return set(VoipOption.rateTrack(method), track);
    }

    /** Sets {@code malformed-header-<x>}. */
    public Builder malformedAction(MalformedHeaderOption header, MalformedAction action) {
      return set(VoipOption.malformedHeader(header), action);
    }

    /** Sets {@code ssl-mode}: TLS interception mode: {@code full} terminates TLS on the phone leg and originates it on the server leg. */
    public Builder sslMode(SslMode value) {
      return set(VoipOption.SSL_MODE, value);
    }

    /** Sets {@code ssl-server-certificate}: name of the local certificate (with key) presented to phones; required in full mode. */
    public Builder sslServerCertificate(String value) {
      return set(VoipOption.SSL_SERVER_CERTIFICATE, value);
    }

    /** Sets {@code ssl-client-certificate}: name of the local certificate presented to the SIP server ({@code ""} = none). */
    public Builder sslClientCertificate(String value) {
      return set(VoipOption.SSL_CLIENT_CERTIFICATE, value);
    }

    /** Sets {@code ssl-auth-client}: peer or peer group that phone certificates must match ({@code ""} = no phone certificate requested). */
    public Builder sslAuthClient(String value) {
      return set(VoipOption.SSL_AUTH_CLIENT, value);
    }

    /** Sets {@code ssl-auth-server}: peer or peer group that the SIP server's certificate must match ({@code ""} = not verified). */
    public Builder sslAuthServer(String value) {
      return set(VoipOption.SSL_AUTH_SERVER, value);
    }

    /** Sets {@code ssl-send-empty-frags}: split CBC records against IV attacks (SSL 3.0 / TLS 1.0 only). */
    public Builder sslSendEmptyFrags(boolean value) {
      return set(VoipOption.SSL_SEND_EMPTY_FRAGS, value);
    }

    /** Sets {@code ssl-client-renegotiation}: what to do when a phone renegotiates. */
    public Builder sslClientRenegotiation(SslClientRenegotiation value) {
      return set(VoipOption.SSL_CLIENT_RENEGOTIATION, value);
    }

    /** Sets {@code ssl-algorithm}: relative strength of the permitted cipher suites. */
    public Builder sslAlgorithm(SslAlgorithm value) {
      return set(VoipOption.SSL_ALGORITHM, value);
    }

    /** Sets {@code ssl-pfs}: whether forward-secret key exchange is permitted, forbidden or mandatory. */
    public Builder sslPfs(SslPfs value) {
      return set(VoipOption.SSL_PFS, value);
    }

    /** Sets {@code ssl-min-version}: lowest protocol version accepted. */
    public Builder sslMinVersion(TlsVersion value) {
      return set(VoipOption.SSL_MIN_VERSION, value);
    }

    /** Sets {@code ssl-max-version}: highest protocol version offered. */
    public Builder sslMaxVersion(TlsVersion value) {
      return set(VoipOption.SSL_MAX_VERSION, value);
    }

    /** Sets {@code status}: SIP inspection on. */
    public Builder status(boolean value) {
      return set(VoipOption.STATUS, value);
    }

    /** Sets {@code rtp}: open RTP/RTCP pinholes for media described in SDP. */
    public Builder rtp(boolean value) {
      return set(VoipOption.RTP, value);
    }

    /** Sets {@code nat-port-range}: ports used when NATing RTP. */
    public Builder natPortRange(PortRange value) {
      return set(VoipOption.NAT_PORT_RANGE, value);
    }

    /** Sets {@code open-register-pinhole}: open a pinhole to the Contact address of REGISTER. */
    public Builder openRegisterPinhole(boolean value) {
      return set(VoipOption.OPEN_REGISTER_PINHOLE, value);
    }

    /** Sets {@code open-contact-pinhole}: open a pinhole to the Contact address of other requests. */
    public Builder openContactPinhole(boolean value) {
      return set(VoipOption.OPEN_CONTACT_PINHOLE, value);
    }

    /** Sets {@code open-via-pinhole}: open a pinhole to the Via address. */
    public Builder openViaPinhole(boolean value) {
      return set(VoipOption.OPEN_VIA_PINHOLE, value);
    }

    /** Sets {@code open-record-route-pinhole}: open a pinhole to the Record-Route address. */
    public Builder openRecordRoutePinhole(boolean value) {
      return set(VoipOption.OPEN_RECORD_ROUTE_PINHOLE, value);
    }

    /** Sets {@code strict-register}: only the registrar may use the registration pinhole. */
    public Builder strictRegister(boolean value) {
      return set(VoipOption.STRICT_REGISTER, value);
    }

    /** Sets {@code register-contact-trace}: keep the original IP:port in the REGISTER Contact. */
    public Builder registerContactTrace(boolean value) {
      return set(VoipOption.REGISTER_CONTACT_TRACE, value);
    }

    /** Sets {@code max-dialogs}: concurrent dialogs (0 = unlimited); at the cap new calls are refused. */
    public Builder maxDialogs(long value) {
      return set(VoipOption.MAX_DIALOGS, value);
    }

    /** Sets {@code max-idle-dialogs}: established dialogs without activity that may be kept (0 = unlimited). */
    public Builder maxIdleDialogs(long value) {
      return set(VoipOption.MAX_IDLE_DIALOGS, value);
    }

    /** Sets {@code max-line-length}: header line length limit (78-4096). */
    public Builder maxLineLength(int value) {
      return set(VoipOption.MAX_LINE_LENGTH, value);
    }

    /** Sets {@code block-long-lines}: enforce {@code max-line-length}. */
    public Builder blockLongLines(boolean value) {
      return set(VoipOption.BLOCK_LONG_LINES, value);
    }

    /** Sets {@code max-body-length}: body size limit in bytes (0 = unlimited). */
    public Builder maxBodyLength(long value) {
      return set(VoipOption.MAX_BODY_LENGTH, value);
    }

    /** Sets {@code block-unknown}: block unrecognised request methods. */
    public Builder blockUnknown(boolean value) {
      return set(VoipOption.BLOCK_UNKNOWN, value);
    }

    /** Sets {@code block-geo-red-options}: block OPTIONS but let geo-redundancy keepalives through. */
    public Builder blockGeoRedOptions(boolean value) {
      return set(VoipOption.BLOCK_GEO_RED_OPTIONS, value);
    }

    /** Sets {@code call-keepalive}: minutes to keep tracking calls that carry no RTP (0-10080). */
    public Builder callKeepalive(int value) {
      return set(VoipOption.CALL_KEEPALIVE, value);
    }

    /** Sets {@code rfc2543-branch}: accept RFC 2543-style Via branches. */
    public Builder rfc2543Branch(boolean value) {
      return set(VoipOption.RFC2543_BRANCH, value);
    }

    /** Sets {@code log-violations}: log each violation. */
    public Builder logViolations(boolean value) {
      return set(VoipOption.LOG_VIOLATIONS, value);
    }

    /** Sets {@code log-call-summary}: log a summary per call. */
    public Builder logCallSummary(boolean value) {
      return set(VoipOption.LOG_CALL_SUMMARY, value);
    }

    /** Sets {@code nat-trace}: record the original address in the SDP {@code i=} line. */
    public Builder natTrace(boolean value) {
      return set(VoipOption.NAT_TRACE, value);
    }

    /** Sets {@code preserve-override}: replace rather than append the original address in {@code i=}. */
    public Builder preserveOverride(boolean value) {
      return set(VoipOption.PRESERVE_OVERRIDE, value);
    }

    /** Sets {@code no-sdp-fixup}: do not rewrite SDP addresses. */
    public Builder noSdpFixup(boolean value) {
      return set(VoipOption.NO_SDP_FIXUP, value);
    }

    /** Sets {@code contact-fixup}: always NAT the Contact header. */
    public Builder contactFixup(boolean value) {
      return set(VoipOption.CONTACT_FIXUP, value);
    }

    /** Sets {@code hosted-nat-traversal}: phones behind a NAT without an ALG. */
    public Builder hostedNatTraversal(boolean value) {
      return set(VoipOption.HOSTED_NAT_TRAVERSAL, value);
    }

    /** Sets {@code hnt-restrict-source-ip}: pin the RTP source to the SIP source (hosted NAT traversal). */
    public Builder hntRestrictSourceIp(boolean value) {
      return set(VoipOption.HNT_RESTRICT_SOURCE_IP, value);
    }

    /** Sets {@code unknown-header}: action for unknown header lines. */
    public Builder unknownHeader(MalformedAction value) {
      return set(VoipOption.UNKNOWN_HEADER, value);
    }

    /** Sets {@code malformed-request-line}: action for a malformed request line. */
    public Builder malformedRequestLine(MalformedAction value) {
      return set(VoipOption.MALFORMED_REQUEST_LINE, value);
    }

    /** Sets {@code call-id-regex}: regular expression Call-ID values must match ({@code ""} = any). */
    public Builder callIdRegex(String value) {
      return set(VoipOption.CALL_ID_REGEX, value);
    }

    /** Sets {@code content-type-regex}: regular expression Content-Type values must match ({@code ""} = any). */
    public Builder contentTypeRegex(String value) {
      return set(VoipOption.CONTENT_TYPE_REGEX, value);
    }

    /** Sets {@code provisional-invite-expiry-time}: seconds an INVITE with only provisional responses is tracked (10-3600). */
    public Builder provisionalInviteExpiryTime(int value) {
      return set(VoipOption.PROVISIONAL_INVITE_EXPIRY_TIME, value);
    }

    /** Sets {@code ips-rtp}: pass RTP to intrusion prevention (host hook). */
    public Builder ipsRtp(boolean value) {
      return set(VoipOption.IPS_RTP, value);
    }

    /**
     * Checks every option and builds the profile.
     *
     * @return the profile
     * @throws InvalidProfileException listing every problem, each naming the option and the fix
     */
    public VoipProfile build() {
      List<InvalidProfileException.Violation> violations = new ArrayList<>();
      if (name.isBlank() || name.chars().anyMatch(Character::isISOControl)) {
        violations.add(new InvalidProfileException.Violation("name",
            "voip profile name \"" + name + "\" is empty or has control characters: give the"
                + " profile a printable name"));
      }
      for (VoipOption<?> option : VoipOption.all()) {
        check(option, violations);
      }
      TlsVersion min = get(VoipOption.SSL_MIN_VERSION);
      TlsVersion max = get(VoipOption.SSL_MAX_VERSION);
      if (min.compareTo(max) > 0) {
        violations.add(new InvalidProfileException.Violation("ssl-min-version",
            "ssl-min-version " + min + " is above ssl-max-version " + max
                + ": lower ssl-min-version or raise ssl-max-version"));
      }
      if (get(VoipOption.SSL_PFS) == SslPfs.DENY && max == TlsVersion.TLS_1_3) {
        violations.add(new InvalidProfileException.Violation("ssl-pfs",
            "ssl-pfs deny cannot be met with ssl-max-version tls-1.3 (TLS 1.3 is always"
                + " forward-secret): set ssl-max-version tls-1.2 or ssl-pfs allow"));
      }
      if (get(VoipOption.SSL_MODE) == SslMode.FULL
          && get(VoipOption.SSL_SERVER_CERTIFICATE).isEmpty()) {
        violations.add(new InvalidProfileException.Violation("ssl-server-certificate",
            "ssl-mode full needs ssl-server-certificate (the certificate presented to phones):"
                + " set ssl-server-certificate to a local certificate name, or set ssl-mode off"));
      }
      if (!violations.isEmpty()) {
        throw new InvalidProfileException(name, violations);
      }
      return new VoipProfile(this);
    }

    private <T> void check(
        VoipOption<T> option, List<InvalidProfileException.Violation> violations) {
      option.problem(get(option))
          .ifPresent(m -> violations.add(new InvalidProfileException.Violation(option.name(), m)));
    }
  }
}
