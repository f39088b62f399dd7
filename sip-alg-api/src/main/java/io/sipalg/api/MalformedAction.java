package io.sipalg.api;

/** Values of {@code unknown-header}, {@code malformed-request-line} and {@code malformed-header-*}. */
public enum MalformedAction implements FortiOsValue {
  /** {@code discard}: drop the message at once. */
  DISCARD,
  /** {@code pass}: keep parsing; the message is still used for NAT and pinholes. */
  PASS,
  /** {@code respond}: answer {@code 400 Bad Request} (or {@code 413} for an over-long line) and drop the message. */
  RESPOND;

  @Override
  public String toString() {
    return fortiOsName();
  }
}
