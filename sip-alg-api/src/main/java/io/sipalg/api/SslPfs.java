package io.sipalg.api;

/** Values of {@code ssl-pfs}: forward-secret key exchange. */
public enum SslPfs implements FortiOsValue {
  /** {@code allow}: forward-secret and RSA key exchange both permitted. */
  ALLOW,
  /** {@code deny}: only RSA key exchange; needs {@code ssl-max-version} tls-1.2 or lower, because TLS 1.3 is always forward-secret. */
  DENY,
  /** {@code require}: only ECDHE/DHE (and TLS 1.3) key exchange. */
  REQUIRE;

  @Override
  public String toString() {
    return fortiOsName();
  }
}
