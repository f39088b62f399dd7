package io.sipalg.api.cert;

/**
 * A certificate entry that cannot be loaded or found: a wrong password, a key that does not match
 * its certificate, an expired or not-yet-valid certificate, unparseable PEM or PKCS#12, or a
 * reference to a missing name. The message names the entry and says what to do, e.g. {@code wrong
 * password for local certificate 'Server_cert': set the password the key was encrypted with}.
 */
public final class CertificateStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String entryName;

  /**
   * Creates the exception.
   *
   * @param entryName the name of the entry at fault
   * @param message what is wrong and how to fix it
   */
  public CertificateStoreException(String entryName, String message) {
    super(message);
    this.entryName = entryName;
  }

  /**
   * Creates the exception with a cause.
   *
   * @param entryName the name of the entry at fault
   * @param message what is wrong and how to fix it
   * @param cause the underlying error
   */
  public CertificateStoreException(String entryName, String message, Throwable cause) {
    super(message, cause);
    this.entryName = entryName;
  }

  /** The name of the entry at fault (a local certificate, CA, peer or peer group). */
  public String entryName() {
    return entryName;
  }
}
