package io.sipalg.inspect;

import io.sipalg.api.session.Pinhole;
import java.time.Instant;

/**
 * Where state changes found outside a message's inspection go: the inspection context while a
 * message or {@code sessionClosed} is being handled, the housekeeping listener otherwise.
 */
interface Reporter {
  /** A pinhole opened, changed or closed. */
  void pinhole(Pinhole.Change change, Pinhole pinhole);

  /** The wall-clock time, for call summaries. */
  Instant now();

  /** Records what was done, when someone reads notes. */
  default void note(String text) {}

  /** A profile violation found while expiring state (e.g. {@code max-idle-dialogs}). */
  default void violation(String option, String action, String detail) {}

  /** A reporter over the inspection context of the message (or close) being handled. */
  static Reporter of(io.sipalg.api.inspect.InspectionContext context, InspectionLog log) {
    return new Reporter() {
      @Override
      public void pinhole(Pinhole.Change change, Pinhole pinhole) {
        context.reportPinhole(change, pinhole);
      }

      @Override
      public Instant now() {
        return context.clock().instant();
      }

      @Override
      public void note(String text) {
        if (context.notesEnabled()) {
          context.note(text);
        }
      }

      @Override
      public void violation(String option, String action, String detail) {
        log.violation(context, option, action, detail);
      }
    };
  }
}
