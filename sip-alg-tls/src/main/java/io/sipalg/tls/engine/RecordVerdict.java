package io.sipalg.tls.engine;

/**
 * A {@link RecordObserver}'s decision on one record.
 *
 * @param refused whether the leg must fail
 * @param reason why, when refused
 * @param detail specifics, when refused
 */
public record RecordVerdict(boolean refused, FailureReason reason, String detail) {
  /** Let the record through. */
  public static final RecordVerdict PASS = new RecordVerdict(false, null, null);

  /**
   * Refuse the record: the leg fails with this reason.
   *
   * @param reason the failure reason
   * @param detail specifics for the event
   */
  public static RecordVerdict refuse(FailureReason reason, String detail) {
    return new RecordVerdict(true, reason, detail);
  }
}
