package io.sipalg.tls.engine;

/** The peer-certificate check that failed, as reported by {@link PeerTrustManager}. */
public enum CertificateCheck {
  /** The chain does not lead to a CA of the peer group. */
  UNTRUSTED_CHAIN(FailureReason.CERTIFICATE_UNTRUSTED),
  /** A certificate in the chain is expired or not yet valid. */
  EXPIRED(FailureReason.CERTIFICATE_EXPIRED),
  /** The server certificate names neither the expected host nor the SIP domain. */
  WRONG_NAME(FailureReason.CERTIFICATE_WRONG_NAME),
  /** The client sent no certificate although one is required. */
  MISSING_CLIENT_CERTIFICATE(FailureReason.CLIENT_CERTIFICATE_MISSING),
  /** The leaf certificate's subject does not satisfy the configured constraint. */
  SUBJECT_MISMATCH(FailureReason.CERTIFICATE_SUBJECT_MISMATCH);

  private final FailureReason reason;

  CertificateCheck(FailureReason reason) {
    this.reason = reason;
  }

  /** The {@link TlsLeg} failure reason this check maps to. */
  public FailureReason reason() {
    return reason;
  }
}
