package io.sipalg.api.session;

/** One of the two TLS connections of a session. */
public enum Leg {
  /** The phone's connection to the ALG: TLS server side, presents {@code ssl-server-certificate}. */
  PHONE,
  /** The ALG's connection to the SIP server: TLS client side, presents {@code ssl-client-certificate}. */
  SERVER;

  /** The other leg. */
  public Leg other() {
    return this == PHONE ? SERVER : PHONE;
  }
}
