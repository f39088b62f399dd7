package io.sipalg.tls;

/**
 * A profile cannot be served as configured: a missing or unusable certificate or peer group, a TLS
 * policy the chosen provider cannot honour (e.g. {@code ssl-pfs deny} with an EC certificate), or
 * a profile with {@code ssl-mode off}. Raised when the ALG is built or a profile is first used,
 * never in the middle of a session; the message names the profile, the option and the fix.
 */
public final class AlgConfigurationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param profile the profile's name
   * @param message what is wrong and how to fix it
   * @param cause the underlying error, or {@code null}
   */
  public AlgConfigurationException(String profile, String message, Throwable cause) {
    super("voip profile '" + profile + "': " + message, cause);
  }
}
