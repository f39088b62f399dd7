package io.sipalg.tls.engine;

/** The {@code ssl-pfs} option: forward-secret key exchange permitted, forbidden or mandatory. */
public enum PfsPolicy {
  /** Forward-secret and RSA key exchange are both offered. */
  ALLOW,
  /** Only {@code TLS_RSA_*} suites; TLS 1.3 is excluded because it is always forward-secret. */
  DENY,
  /** Only ECDHE/DHE suites and TLS 1.3. */
  REQUIRE
}
