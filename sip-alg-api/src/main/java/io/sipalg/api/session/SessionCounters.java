package io.sipalg.api.session;

/**
 * A snapshot of one session's message accounting, per direction.
 *
 * @param phoneToServer messages decrypted from the phone
 * @param serverToPhone messages decrypted from the server
 */
public record SessionCounters(MessageCounts phoneToServer, MessageCounts serverToPhone) {

  /** Nothing counted yet. */
  public static final SessionCounters ZERO =
      new SessionCounters(MessageCounts.ZERO, MessageCounts.ZERO);

  /** The counts of one direction. */
  public MessageCounts of(Direction direction) {
    return direction == Direction.PHONE_TO_SERVER ? phoneToServer : serverToPhone;
  }

  /** Both directions added up. */
  public MessageCounts total() {
    return phoneToServer.plus(serverToPhone);
  }
}
