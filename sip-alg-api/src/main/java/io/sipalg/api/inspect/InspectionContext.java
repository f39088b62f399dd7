package io.sipalg.api.inspect;

import io.sipalg.api.VoipProfile;
import io.sipalg.api.session.Direction;
import io.sipalg.api.session.Leg;
import io.sipalg.api.session.LegTlsInfo;
import io.sipalg.api.session.Pinhole;
import io.sipalg.api.session.SessionAddresses;
import java.time.Clock;
import java.util.Optional;

/**
 * What an inspector knows about the message in hand: where it is going, the session it belongs to
 * (addresses, TLS facts of both legs, attributes), the profile in force, the time, and where to
 * report what it did. Implemented by the ALG core; one instance may be reused for every message of
 * a session, so do not keep it beyond the call except as {@link #attributes()} state.
 */
public interface InspectionContext {
  /** The session's identifier (also in the SLF4J MDC as {@code sipalg.session} during the call). */
  String sessionId();

  /** Which way the message travels. */
  Direction direction();

  /** The session's address mapping; the server side is empty until the upstream connection exists. */
  SessionAddresses addresses();

  /** What {@code leg}'s TLS handshake negotiated; empty until it completed. */
  Optional<LegTlsInfo> tls(Leg leg);

  /** The VoIP profile the session runs under. */
  VoipProfile profile();

  /** State kept with the session between messages. */
  SessionAttributes attributes();

  /** The wall clock, for log lines and call summaries. */
  Clock clock();

  /** A monotonic time in nanoseconds, for rates and expiry (same ticker as the session's timers). */
  long nanoTime();

  /**
   * Reports a profile violation: one event per call (and a log line when the inspector's
   * {@code log-violations} says so, which the inspector handles).
   *
   * @param option the FortiOS option, e.g. {@code block-invite}
   * @param action what is done: {@code drop}, {@code discard}, {@code pass}, {@code respond}, {@code close}
   * @param detail what was wrong
   */
  void reportViolation(String option, String action, String detail);

  /** Reports that a pinhole opened, changed or closed. */
  void reportPinhole(Pinhole.Change change, Pinhole pinhole);

  /**
   * Whether anyone reads {@link #note} texts. Build note strings only when true: the hot path must
   * not pay for text nobody reads.
   */
  boolean notesEnabled();

  /** Records what the inspector did to the message, e.g. {@code nat: Via 10.0.0.5:5060 -> 192.0.2.1:5061}. */
  void note(String note);
}
