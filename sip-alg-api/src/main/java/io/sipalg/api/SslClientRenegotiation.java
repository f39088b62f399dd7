package io.sipalg.api;

/** Values of {@code ssl-client-renegotiation}: what happens when a phone renegotiates. */
public enum SslClientRenegotiation implements FortiOsValue {
  /** {@code allow}: renegotiation permitted. */
  ALLOW,
  /** {@code deny}: the session ends when the phone tries to renegotiate. */
  DENY,
  /** {@code secure}: connections without RFC 5746 secure renegotiation support are rejected. */
  SECURE;

  @Override
  public String toString() {
    return fortiOsName();
  }
}
