package io.sipalg.tls.engine;

import java.security.cert.CertificateException;

/**
 * A {@link CertificateException} saying which check of {@link PeerTrustManager} failed. The engine
 * turns it into an alert; {@link TlsLeg} finds it in the cause chain and reports the check.
 */
public final class PeerVerificationException extends CertificateException {
  private static final long serialVersionUID = 1L;

  private final CertificateCheck check;

  /**
   * Creates the exception.
   *
   * @param check the check that failed
   * @param message specifics (subject, expected name)
   * @param cause the underlying validation error, or {@code null}
   */
  public PeerVerificationException(CertificateCheck check, String message, Throwable cause) {
    super(check + ": " + message, cause);
    this.check = check;
  }

  /** The check that failed. */
  public CertificateCheck check() {
    return check;
  }
}
