package io.sipalg.tls.engine;

/**
 * A TLS profile combination that cannot work (no protocol or no cipher suite left, a certificate
 * the key exchange cannot use). The profile must be changed; the ALG never silently weakens it.
 */
public final class TlsPolicyException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong and which options to change
   */
  public TlsPolicyException(String message) {
    super(message);
  }
}
