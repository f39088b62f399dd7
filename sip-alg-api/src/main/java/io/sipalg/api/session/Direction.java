package io.sipalg.api.session;

/** Which way a SIP message travels through the ALG. */
public enum Direction {
  /** Decrypted from the phone leg, forwarded on the server leg. */
  PHONE_TO_SERVER(Leg.PHONE, Leg.SERVER),
  /** Decrypted from the server leg, forwarded on the phone leg. */
  SERVER_TO_PHONE(Leg.SERVER, Leg.PHONE);

  private final Leg from;
  private final Leg to;

  Direction(Leg from, Leg to) {
    this.from = from;
    this.to = to;
  }

  /** The leg the message arrived on (a generated response goes back on this leg). */
  public Leg from() {
    return from;
  }

  /** The leg the message is forwarded on. */
  public Leg to() {
    return to;
  }

  /** The direction of messages arriving on {@code leg}. */
  public static Direction arrivingOn(Leg leg) {
    return leg == Leg.PHONE ? PHONE_TO_SERVER : SERVER_TO_PHONE;
  }
}
