package io.sipalg.tls.engine;

/**
 * Sees every whole inbound record before the engine unwraps it and may end the leg. Called on the
 * thread driving the leg, once per record.
 */
@FunctionalInterface
public interface RecordObserver {
  /** An observer that lets everything through. */
  RecordObserver NONE = record -> RecordVerdict.PASS;

  /**
   * Inspects one record.
   *
   * @param record the record; its bytes are valid only during this call
   * @return {@link RecordVerdict#PASS} or a refusal that fails the leg
   */
  RecordVerdict inspect(InboundRecord record);
}
