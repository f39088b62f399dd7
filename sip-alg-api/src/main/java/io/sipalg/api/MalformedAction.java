package io.sipalg.api;

/** Values of {@code unknown-header}, {@code malformed-request-line} and {@code malformed-header-*}. */
public enum MalformedAction implements FortiOsValue {
  /** {@code discard}: drop the message at once. */
  DISCARD("discard"),
  /** {@code pass}: keep parsing; the message is still used for NAT and pinholes. */
  PASS("pass"),
  /** {@code respond}: answer {@code 400 Bad Request} (or {@code 413} for an over-long line) and drop the message. */
  RESPOND("respond");

  private final String fortiOsName;

  MalformedAction(String fortiOsName) {
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
