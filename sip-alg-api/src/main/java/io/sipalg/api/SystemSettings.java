package io.sipalg.api;

/**
 * The FortiOS {@code config system settings} values the ALG uses.
 *
 * <pre>{@code
 * SystemSettings settings = SystemSettings.defaults().withSipSslPort(5066);
 * }</pre>
 *
 * @param sipSslPort {@code sip-ssl-port}: TCP port on which the ALG accepts SIP over TLS
 */
public record SystemSettings(int sipSslPort) {
  /** FortiOS default for {@code sip-ssl-port}. */
  public static final int DEFAULT_SIP_SSL_PORT = 5061;

  /**
   * Validates the settings.
   *
   * @throws IllegalArgumentException if {@code sip-ssl-port} is not a TCP port (1-65535)
   */
  public SystemSettings {
    if (sipSslPort < 1 || sipSslPort > 65535) {
      throw new IllegalArgumentException(
          "sip-ssl-port " + sipSslPort + " is not a TCP port: use a value from 1 to 65535");
    }
  }

  /** The FortiOS defaults: {@code sip-ssl-port 5061}. */
  public static SystemSettings defaults() {
    return new SystemSettings(DEFAULT_SIP_SSL_PORT);
  }

  /** A copy with another {@code sip-ssl-port}. */
  public SystemSettings withSipSslPort(int port) {
    return new SystemSettings(port);
  }
}
