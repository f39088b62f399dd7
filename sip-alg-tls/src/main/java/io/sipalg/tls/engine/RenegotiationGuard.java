package io.sipalg.tls.engine;

import io.sipalg.api.SslClientRenegotiation;
import java.util.Objects;
import java.util.Optional;

/**
 * Enforces {@code ssl-client-renegotiation} on the phone leg by watching inbound records, since
 * neither provider offers a per-engine switch.
 *
 * <ul>
 *   <li>{@link SslClientRenegotiation#DENY}: after the initial handshake on TLS 1.2 and below, any
 *       handshake record from the phone is a renegotiation attempt and ends the session. (On TLS
 *       1.3 a client key update travels in application-data records and passes.)
 *   <li>{@link SslClientRenegotiation#SECURE}: the phone's first ClientHello must offer the SCSV or
 *       the {@code renegotiation_info} extension, unless it offers TLS 1.3 only; a malformed hello
 *       is refused too. Renegotiations after such a hello pass (the engine verifies the binding).
 *   <li>{@link SslClientRenegotiation#ALLOW}: everything passes; only a SunJSSE phone leg then
 *       performs the renegotiation, BCJSSE refuses it (see {@link #effectiveNote()}).
 * </ul>
 *
 * <p>One guard per phone leg; it records the first ClientHello for the handshake event.
 */
public final class RenegotiationGuard implements RecordObserver {
  private static final int HANDSHAKE = 22;

  private final SslClientRenegotiation policy;
  private final JsseProvider provider;
  private final ClientHelloParser parser = new ClientHelloParser();
  private ClientHelloParser.Result hello;
  private int renegotiationAttempts;

  /**
   * Creates a guard.
   *
   * @param policy the profile's {@code ssl-client-renegotiation}
   * @param phoneLegProvider the provider of the guarded (server-mode) engine
   */
  public RenegotiationGuard(SslClientRenegotiation policy, JsseProvider phoneLegProvider) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.provider = Objects.requireNonNull(phoneLegProvider, "phoneLegProvider");
  }

  @Override
  public RecordVerdict inspect(InboundRecord record) {
    if (record.contentType() != HANDSHAKE) {
      return RecordVerdict.PASS;
    }
    if (!record.initialHandshakeComplete()) {
      return hello == null ? inspectHello(record) : RecordVerdict.PASS;
    }
    if ("TLSv1.3".equals(record.protocol())) {
      return RecordVerdict.PASS;
    }
    renegotiationAttempts++;
    if (policy == SslClientRenegotiation.DENY) {
      return RecordVerdict.refuse(FailureReason.RENEGOTIATION_DENIED,
          "the phone sent a handshake record after the " + record.protocol() + " handshake");
    }
    return RecordVerdict.PASS;
  }

  private RecordVerdict inspectHello(InboundRecord record) {
    ClientHelloParser.Result r = parser.offer(record.body());
    if (r.status() == ClientHelloParser.Status.NEED_MORE) {
      return RecordVerdict.PASS;
    }
    hello = r;
    if (policy != SslClientRenegotiation.SECURE) {
      return RecordVerdict.PASS;
    }
    if (r.status() == ClientHelloParser.Status.MALFORMED) {
      return RecordVerdict.refuse(FailureReason.MALFORMED_CLIENT_HELLO, r.error());
    }
    ClientHello h = r.hello();
    if (!h.indicatesSecureRenegotiation() && !h.offersOnlyTls13()) {
      return RecordVerdict.refuse(FailureReason.SECURE_RENEGOTIATION_UNSUPPORTED,
          "the ClientHello has neither TLS_EMPTY_RENEGOTIATION_INFO_SCSV nor renegotiation_info");
    }
    return RecordVerdict.PASS;
  }

  /** The phone's first ClientHello, once parsed. */
  public Optional<ClientHello> clientHello() {
    return hello == null ? Optional.empty() : Optional.ofNullable(hello.hello());
  }

  /** Why the first ClientHello could not be parsed, when it could not. */
  public Optional<String> clientHelloError() {
    return hello == null ? Optional.empty() : Optional.ofNullable(hello.error());
  }

  /** Renegotiation attempts seen (handshake records after a TLS 1.2-or-older handshake). */
  public int renegotiationAttempts() {
    return renegotiationAttempts;
  }

  /** The policy this guard enforces. */
  public SslClientRenegotiation policy() {
    return policy;
  }

  /**
   * How the policy actually behaves on this provider, for the effective configuration; empty when
   * it behaves as configured.
   */
  public Optional<String> effectiveNote() {
    return effectiveNote(policy, provider);
  }

  /**
   * How {@code policy} actually behaves on a phone leg run by {@code provider}.
   *
   * @param policy the configured policy
   * @param provider the phone leg's provider
   */
  public static Optional<String> effectiveNote(SslClientRenegotiation policy, JsseProvider provider) {
    if (policy != SslClientRenegotiation.DENY && !provider.performsClientInitiatedRenegotiation()) {
      return Optional.of("ssl-client-renegotiation " + policy.name().toLowerCase(java.util.Locale.ROOT)
          + ": " + provider + " refuses client-initiated renegotiation with a no_renegotiation"
          + " warning (phones that treat it as fatal, such as SunJSSE clients, then end the"
          + " session); only a SunJSSE phone leg performs it");
    }
    return Optional.empty();
  }
}
