package io.sipalg.api;

/** Values of {@code ssl-mode}. With {@code off} the profile does not intercept SIP over TLS (see {@link VoipProfile#tlsInterception()}). */
public enum SslMode implements FortiOsValue {
  /** {@code off}: no TLS interception: the ALG refuses to create SIP-over-TLS sessions with the profile. */
  OFF,
  /** {@code full}: TLS terminated on the phone leg and originated on the server leg; both legs always encrypted. */
  FULL;

  @Override
  public String toString() {
    return fortiOsName();
  }
}
