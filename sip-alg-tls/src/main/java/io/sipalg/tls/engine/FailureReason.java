package io.sipalg.tls.engine;

/** Which check or event ended a {@link TlsLeg}, and what the caller must do next. */
public enum FailureReason {
  /** The peer offered only protocol versions this leg does not enable. */
  PROTOCOL_VERSION("the peer's protocol versions are outside ssl-min-version..ssl-max-version"),
  /** No cipher suite in common (ssl-algorithm / ssl-pfs). */
  NO_SHARED_CIPHER_SUITE("no cipher suite in common: check ssl-algorithm and ssl-pfs"),
  /** The peer's certificate chain does not lead to a trusted CA of the peer group. */
  CERTIFICATE_UNTRUSTED("the peer's certificate is not issued by a CA of the peer group"),
  /** A certificate of the peer's chain is expired or not yet valid. */
  CERTIFICATE_EXPIRED("the peer's certificate is expired or not yet valid"),
  /** The server certificate does not name the host or SIP domain this leg connected to. */
  CERTIFICATE_WRONG_NAME("the server certificate does not match the expected host or SIP domain"),
  /** The phone sent no certificate although ssl-auth-client requires one. */
  CLIENT_CERTIFICATE_MISSING("the phone sent no certificate but ssl-auth-client requires one"),
  /** The peer's certificate subject does not satisfy the peer group's constraint. */
  CERTIFICATE_SUBJECT_MISMATCH("the peer's certificate subject is not the one the peer group requires"),
  /** The peer ended the handshake or session with a fatal alert. */
  PEER_ALERT("the peer refused the session with a fatal alert"),
  /** The phone tried to renegotiate under ssl-client-renegotiation deny. */
  RENEGOTIATION_DENIED("the phone tried to renegotiate and ssl-client-renegotiation is deny"),
  /** The phone's ClientHello does not indicate RFC 5746 under ssl-client-renegotiation secure. */
  SECURE_RENEGOTIATION_UNSUPPORTED(
      "the phone does not support RFC 5746 secure renegotiation and ssl-client-renegotiation is secure"),
  /** The phone's ClientHello could not be parsed. */
  MALFORMED_CLIENT_HELLO("the ClientHello is malformed or too large"),
  /** The peer does not speak TLS (or sent a record no TLS version allows). */
  NOT_TLS("the peer's bytes are not TLS records"),
  /** The transport ended without close_notify (possible truncation attack). */
  TRUNCATED("the transport ended without close_notify: the last data may be truncated"),
  /** A delegated task failed or another unexpected engine error. */
  INTERNAL("the TLS engine failed unexpectedly"),
  /** Any other handshake or record-layer failure reported by the engine. */
  HANDSHAKE_FAILED("the TLS handshake failed");

  private final String description;

  FailureReason(String description) {
    this.description = description;
  }

  /** A sentence describing the failure, for events and logs. */
  public String description() {
    return description;
  }

  /** What the caller must do now: the same for every reason, since the leg cannot recover. */
  public String nextStep() {
    return "write out TlsLeg.networkOutbound() (it may hold an alert), then close the transport"
        + " and end the session";
  }
}
