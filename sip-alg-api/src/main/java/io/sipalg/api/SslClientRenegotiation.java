package io.sipalg.api;

/** Values of {@code ssl-client-renegotiation}: what happens when a phone renegotiates. */
public enum SslClientRenegotiation implements FortiOsValue {
  /** {@code allow}: renegotiation permitted. */
  ALLOW("allow"),
  /** {@code deny}: the session ends when the phone tries to renegotiate. */
  DENY("deny"),
  /** {@code secure}: connections without RFC 5746 secure renegotiation support are rejected. */
  SECURE("secure");

  private final String fortiOsName;

  SslClientRenegotiation(String fortiOsName) {
    this.fortiOsName = fortiOsName;
  }

  @Override
  public String fortiOsName() {
    return fortiOsName;
  }

  @Override
  public String toString() {
    return fortiOsName;
  }
}
