package io.sipalg.api.session;

/**
 * Receives a session's events, on the thread that is driving the session (no locking needed per
 * session; listeners shared by sessions on several threads must be thread-safe). Must not block
 * and must not call back into the session.
 */
@FunctionalInterface
public interface AlgEventListener {
  /** A listener that ignores everything. */
  AlgEventListener NONE = event -> {};

  /** Handles one event. */
  void onEvent(AlgEvent event);

  /**
   * Whether to emit {@link AlgEvent.VerdictIssued} for forwarded messages too (with the
   * inspectors' notes). Off by default: it costs an event per message.
   */
  default boolean wantsForwardVerdicts() {
    return false;
  }
}
