package io.sipalg.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One option of {@code config voip profile} → {@code config sip}, under its FortiOS name, with its
 * type, default and valid values. The table of all options ({@link #all()}) drives the config
 * reader, the writer, {@link VoipProfile#equals}, {@link VoipProfile#toString} and validation, so
 * no option can be forgotten in one of them.
 *
 * <pre>{@code
 * VoipOption<?> option = VoipOption.byName("ssl-min-version").orElseThrow();
 * VoipProfile p = VoipProfile.builder().setText(option, "tls-1.2").build();
 * boolean blocked = p.get(VoipOption.block(SipMethodOption.INVITE));
 * }</pre>
 *
 * @param <T> the Java type of the value
 */
public final class VoipOption<T> {
  private static final List<VoipOption<?>> ALL = new ArrayList<>();
  private static final Map<String, VoipOption<?>> BY_NAME = new LinkedHashMap<>();

  /** {@code ssl-mode}: TLS interception mode: {@code full} terminates TLS on the phone leg and originates it on the server leg. */
  public static final VoipOption<SslMode> SSL_MODE =
      define("ssl-mode", ValueType.of(SslMode.class), SslMode.OFF);

  /** {@code ssl-server-certificate}: name of the local certificate (with key) presented to phones; required in full mode. */
  public static final VoipOption<String> SSL_SERVER_CERTIFICATE =
      define("ssl-server-certificate", ValueType.NAME, "");

  /** {@code ssl-client-certificate}: name of the local certificate presented to the SIP server ({@code ""} = none). */
  public static final VoipOption<String> SSL_CLIENT_CERTIFICATE =
      define("ssl-client-certificate", ValueType.NAME, "");

  /** {@code ssl-auth-client}: peer or peer group that phone certificates must match ({@code ""} = no phone certificate requested). */
  public static final VoipOption<String> SSL_AUTH_CLIENT =
      define("ssl-auth-client", ValueType.NAME, "");

  /** {@code ssl-auth-server}: peer or peer group that the SIP server's certificate must match ({@code ""} = not verified). */
  public static final VoipOption<String> SSL_AUTH_SERVER =
      define("ssl-auth-server", ValueType.NAME, "");

  /** {@code ssl-send-empty-frags}: split CBC records against IV attacks (SSL 3.0 / TLS 1.0 only). */
  public static final VoipOption<Boolean> SSL_SEND_EMPTY_FRAGS =
      define("ssl-send-empty-frags", ValueType.BOOLEAN, true);

  /** {@code ssl-client-renegotiation}: what to do when a phone renegotiates. */
  public static final VoipOption<SslClientRenegotiation> SSL_CLIENT_RENEGOTIATION =
      define("ssl-client-renegotiation", ValueType.of(SslClientRenegotiation.class), SslClientRenegotiation.ALLOW);

  /** {@code ssl-algorithm}: relative strength of the permitted cipher suites. */
  public static final VoipOption<SslAlgorithm> SSL_ALGORITHM =
      define("ssl-algorithm", ValueType.of(SslAlgorithm.class), SslAlgorithm.HIGH);

  /** {@code ssl-pfs}: whether forward-secret key exchange is permitted, forbidden or mandatory. */
  public static final VoipOption<SslPfs> SSL_PFS =
      define("ssl-pfs", ValueType.of(SslPfs.class), SslPfs.ALLOW);

  /** {@code ssl-min-version}: lowest protocol version accepted. */
  public static final VoipOption<TlsVersion> SSL_MIN_VERSION =
      define("ssl-min-version", ValueType.of(TlsVersion.class), TlsVersion.TLS_1_1);

  /** {@code ssl-max-version}: highest protocol version offered. */
  public static final VoipOption<TlsVersion> SSL_MAX_VERSION =
      define("ssl-max-version", ValueType.of(TlsVersion.class), TlsVersion.TLS_1_3);

  /** {@code status}: SIP inspection on. */
  public static final VoipOption<Boolean> STATUS =
      define("status", ValueType.BOOLEAN, true);

  /** {@code rtp}: open RTP/RTCP pinholes for media described in SDP. */
  public static final VoipOption<Boolean> RTP =
      define("rtp", ValueType.BOOLEAN, true);

  /** {@code nat-port-range}: ports used when NATing RTP. */
  public static final VoipOption<PortRange> NAT_PORT_RANGE =
      define("nat-port-range", ValueType.PORT_RANGE, new PortRange(5117, 65533));

  /** {@code open-register-pinhole}: open a pinhole to the Contact address of REGISTER. */
  public static final VoipOption<Boolean> OPEN_REGISTER_PINHOLE =
      define("open-register-pinhole", ValueType.BOOLEAN, true);

  /** {@code open-contact-pinhole}: open a pinhole to the Contact address of other requests. */
  public static final VoipOption<Boolean> OPEN_CONTACT_PINHOLE =
      define("open-contact-pinhole", ValueType.BOOLEAN, true);

  /** {@code open-via-pinhole}: open a pinhole to the Via address. */
  public static final VoipOption<Boolean> OPEN_VIA_PINHOLE =
      define("open-via-pinhole", ValueType.BOOLEAN, false);

  /** {@code open-record-route-pinhole}: open a pinhole to the Record-Route address. */
  public static final VoipOption<Boolean> OPEN_RECORD_ROUTE_PINHOLE =
      define("open-record-route-pinhole", ValueType.BOOLEAN, true);

  /** {@code strict-register}: only the registrar may use the registration pinhole. */
  public static final VoipOption<Boolean> STRICT_REGISTER =
      define("strict-register", ValueType.BOOLEAN, true);

  /** {@code register-contact-trace}: keep the original IP:port in the REGISTER Contact. */
  public static final VoipOption<Boolean> REGISTER_CONTACT_TRACE =
      define("register-contact-trace", ValueType.BOOLEAN, false);

  private static final Map<SipMethodOption, VoipOption<Long>> RATES =
      perMethod("%s-rate", ValueType.longRange(0, 4294967295L), 0L);
  private static final Map<SipMethodOption, VoipOption<RateTrack>> RATE_TRACKS =
      perMethod("%s-rate-track", ValueType.of(RateTrack.class), RateTrack.NONE);

  /** {@code max-dialogs}: concurrent dialogs (0 = unlimited); at the cap new calls are refused. */
  public static final VoipOption<Long> MAX_DIALOGS =
      define("max-dialogs", ValueType.longRange(0, 4294967295L), 0L);

  /** {@code max-idle-dialogs}: established dialogs without activity that may be kept (0 = unlimited). */
  public static final VoipOption<Long> MAX_IDLE_DIALOGS =
      define("max-idle-dialogs", ValueType.longRange(0, 4294967295L), 0L);

  /** {@code max-line-length}: header line length limit (78-4096). */
  public static final VoipOption<Integer> MAX_LINE_LENGTH =
      define("max-line-length", ValueType.intRange(78, 4096), 998);

  /** {@code block-long-lines}: enforce {@code max-line-length}. */
  public static final VoipOption<Boolean> BLOCK_LONG_LINES =
      define("block-long-lines", ValueType.BOOLEAN, true);

  /** {@code max-body-length}: body size limit in bytes (0 = unlimited). */
  public static final VoipOption<Long> MAX_BODY_LENGTH =
      define("max-body-length", ValueType.longRange(0, 4294967295L), 0L);

  /** {@code block-unknown}: block unrecognised request methods. */
  public static final VoipOption<Boolean> BLOCK_UNKNOWN =
      define("block-unknown", ValueType.BOOLEAN, true);

  private static final Map<SipMethodOption, VoipOption<Boolean>> BLOCKS =
      perMethod("block-%s", ValueType.BOOLEAN, false);

  /** {@code block-geo-red-options}: block OPTIONS but let geo-redundancy keepalives through. */
  public static final VoipOption<Boolean> BLOCK_GEO_RED_OPTIONS =
      define("block-geo-red-options", ValueType.BOOLEAN, false);

  /** {@code call-keepalive}: minutes to keep tracking calls that carry no RTP (0-10080). */
  public static final VoipOption<Integer> CALL_KEEPALIVE =
      define("call-keepalive", ValueType.intRange(0, 10080), 0);

  /** {@code rfc2543-branch}: accept RFC 2543-style Via branches. */
  public static final VoipOption<Boolean> RFC2543_BRANCH =
      define("rfc2543-branch", ValueType.BOOLEAN, false);

  /** {@code log-violations}: log each violation. */
  public static final VoipOption<Boolean> LOG_VIOLATIONS =
      define("log-violations", ValueType.BOOLEAN, false);

  /** {@code log-call-summary}: log a summary per call. */
  public static final VoipOption<Boolean> LOG_CALL_SUMMARY =
      define("log-call-summary", ValueType.BOOLEAN, true);

  /** {@code nat-trace}: record the original address in the SDP {@code i=} line. */
  public static final VoipOption<Boolean> NAT_TRACE =
      define("nat-trace", ValueType.BOOLEAN, true);

  /** {@code preserve-override}: replace rather than append the original address in {@code i=}. */
  public static final VoipOption<Boolean> PRESERVE_OVERRIDE =
      define("preserve-override", ValueType.BOOLEAN, false);

  /** {@code no-sdp-fixup}: do not rewrite SDP addresses. */
  public static final VoipOption<Boolean> NO_SDP_FIXUP =
      define("no-sdp-fixup", ValueType.BOOLEAN, false);

  /** {@code contact-fixup}: always NAT the Contact header. */
  public static final VoipOption<Boolean> CONTACT_FIXUP =
      define("contact-fixup", ValueType.BOOLEAN, true);

  /** {@code hosted-nat-traversal}: phones behind a NAT without an ALG. */
  public static final VoipOption<Boolean> HOSTED_NAT_TRAVERSAL =
      define("hosted-nat-traversal", ValueType.BOOLEAN, false);

  /** {@code hnt-restrict-source-ip}: pin the RTP source to the SIP source (hosted NAT traversal). */
  public static final VoipOption<Boolean> HNT_RESTRICT_SOURCE_IP =
      define("hnt-restrict-source-ip", ValueType.BOOLEAN, false);

  /** {@code unknown-header}: action for unknown header lines. */
  public static final VoipOption<MalformedAction> UNKNOWN_HEADER =
      define("unknown-header", ValueType.of(MalformedAction.class), MalformedAction.PASS);

  /** {@code malformed-request-line}: action for a malformed request line. */
  public static final VoipOption<MalformedAction> MALFORMED_REQUEST_LINE =
      define("malformed-request-line", ValueType.of(MalformedAction.class), MalformedAction.PASS);

  private static final Map<MalformedHeaderOption, VoipOption<MalformedAction>> MALFORMED =
      perHeader();

  /** {@code call-id-regex}: regular expression Call-ID values must match ({@code ""} = any). */
  public static final VoipOption<String> CALL_ID_REGEX =
      define("call-id-regex", ValueType.REGEX, "");

  /** {@code content-type-regex}: regular expression Content-Type values must match ({@code ""} = any). */
  public static final VoipOption<String> CONTENT_TYPE_REGEX =
      define("content-type-regex", ValueType.REGEX, "");

  /** {@code provisional-invite-expiry-time}: seconds an INVITE with only provisional responses is tracked (10-3600). */
  public static final VoipOption<Integer> PROVISIONAL_INVITE_EXPIRY_TIME =
      define("provisional-invite-expiry-time", ValueType.intRange(10, 3600), 210);

  /** {@code ips-rtp}: pass RTP to intrusion prevention (host hook). */
  public static final VoipOption<Boolean> IPS_RTP =
      define("ips-rtp", ValueType.BOOLEAN, true);

  private static final List<VoipOption<?>> ALL_VIEW = Collections.unmodifiableList(ALL);

  private final String name;
  private final int index;
  private final ValueType<T> type;
  private final T defaultValue;

  private VoipOption(String name, int index, ValueType<T> type, T defaultValue) {
    this.name = name;
    this.index = index;
    this.type = type;
    this.defaultValue = defaultValue;
  }

  private static <T> VoipOption<T> define(String name, ValueType<T> type, T defaultValue) {
    VoipOption<T> option = new VoipOption<>(name, ALL.size(), type, defaultValue);
    ALL.add(option);
    BY_NAME.put(name, option);
    return option;
  }

  private static <T> Map<SipMethodOption, VoipOption<T>> perMethod(
      String pattern, ValueType<T> type, T defaultValue) {
    Map<SipMethodOption, VoipOption<T>> map = new EnumMap<>(SipMethodOption.class);
    for (SipMethodOption m : SipMethodOption.values()) {
      map.put(m, define(String.format(pattern, m.fortiOsName()), type, defaultValue));
    }
    return Collections.unmodifiableMap(map);
  }

  private static Map<MalformedHeaderOption, VoipOption<MalformedAction>> perHeader() {
    Map<MalformedHeaderOption, VoipOption<MalformedAction>> map =
        new EnumMap<>(MalformedHeaderOption.class);
    ValueType<MalformedAction> type = ValueType.of(MalformedAction.class);
    for (MalformedHeaderOption h : MalformedHeaderOption.values()) {
      map.put(h, define(h.optionName(), type, MalformedAction.PASS));
    }
    return Collections.unmodifiableMap(map);
  }

  /** Every option, in the order the writer prints them. */
  public static List<VoipOption<?>> all() {
    return ALL_VIEW;
  }

  /**
   * The option with a FortiOS name.
   *
   * @param fortiOsName e.g. {@code "ssl-min-version"}
   * @return the option, or empty if the name is unknown
   */
  public static Optional<VoipOption<?>> byName(String fortiOsName) {
    return Optional.ofNullable(BY_NAME.get(fortiOsName));
  }

  /** {@code block-<method>}: block that request method (dropped silently and logged). */
  public static VoipOption<Boolean> block(SipMethodOption method) {
    return BLOCKS.get(Objects.requireNonNull(method, "method"));
  }

  /** {@code <method>-rate}: requests per second (0 = unlimited). */
  public static VoipOption<Long> rate(SipMethodOption method) {
    return RATES.get(Objects.requireNonNull(method, "method"));
  }

  /** {@code <method>-rate-track}: what the request rate is counted per. */
  public static VoipOption<RateTrack> rateTrack(SipMethodOption method) {
    return RATE_TRACKS.get(Objects.requireNonNull(method, "method"));
  }

  /** {@code malformed-header-<x>}: action for a malformed header or SDP line. */
  public static VoipOption<MalformedAction> malformedHeader(MalformedHeaderOption header) {
    return MALFORMED.get(Objects.requireNonNull(header, "header"));
  }

  /** The FortiOS name, e.g. {@code "ssl-min-version"}. */
  public String name() {
    return name;
  }

  /** The FortiOS default. */
  public T defaultValue() {
    return defaultValue;
  }

  /** The valid values as told in error messages, e.g. {@code "off, full"}. */
  public String validValues() {
    return type.validValues();
  }

  /**
   * Parses FortiOS text for this option. Limits (ranges, regex syntax) are checked by {@link
   * #problem}, and by {@link VoipProfile.Builder#build()}.
   *
   * @param text the value as written after {@code set <option>}
   * @return the value
   * @throws IllegalArgumentException naming the option and listing the valid values
   */
  public T parse(String text) {
    T value = type.parseText(Objects.requireNonNull(text, "text"));
    if (value == null) {
      throw new IllegalArgumentException(
          "invalid value '" + text + "' for " + name + ": valid values are " + validValues());
    }
    return value;
  }

  /**
   * The problem with a value, naming the option and the fix, e.g. {@code "max-line-length 50 is
   * out of range: use a value from 78 to 4096"}.
   *
   * @param value a value of this option
   * @return the message, or empty if the value is within the option's limits
   */
  public Optional<String> problem(T value) {
    return Optional.ofNullable(type.problem(name, Objects.requireNonNull(value, name)));
  }

  /** The value as FortiOS CLI text, without quotes, e.g. {@code "enable"} or {@code "5117-65533"}. */
  public String format(T value) {
    return type.format(value);
  }

  /** Whether the value is free text that the writer puts in double quotes (names, regexes). */
  public boolean isQuoted() {
    return type.quoted();
  }

  int index() {
    return index;
  }

  @Override
  public String toString() {
    return name;
  }
}
