package io.sipalg.api.session;

import io.sipalg.api.inspect.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Something that happened in a session, delivered to the host's {@link AlgEventListener} on the
 * thread that drove the session. Events are immutable; switch over them with pattern matching:
 *
 * <pre>{@code
 * switch (event) {
 *   case AlgEvent.HandshakeCompleted h -> log.info("{} {} {}", h.sessionId(), h.tls().leg(), h.tls().protocol());
 *   case AlgEvent.SessionClosed c -> log.info("{} closed: {}", c.sessionId(), c.reason());
 *   default -> {}
 * }
 * }</pre>
 * (On Java 17 use {@code instanceof} chains; pattern switches need Java 21.)
 */
public sealed interface AlgEvent {
  /** The session the event belongs to. */
  String sessionId();

  /** When it happened, from the session's clock. */
  Instant time();

  /**
   * A leg's TLS handshake completed.
   *
   * @param sessionId the session
   * @param time when
   * @param tls what was negotiated and the effective policy of the leg
   */
  record HandshakeCompleted(String sessionId, Instant time, LegTlsInfo tls) implements AlgEvent {}

  /**
   * A leg's TLS handshake failed or timed out; the session closes both legs.
   *
   * @param sessionId the session
   * @param time when
   * @param leg which leg
   * @param check which check refused it, e.g. {@code protocol-version}, {@code cipher-suite},
   *     {@code peer-certificate}, {@code client-certificate-required}, {@code server-name},
   *     {@code secure-renegotiation}, {@code handshake-timeout}, {@code alert-received}
   * @param detail why, in words
   */
  record HandshakeFailed(String sessionId, Instant time, Leg leg, String check, String detail)
      implements AlgEvent {}

  /**
   * The session asks the host to open the upstream connection (after the phone's handshake, or at
   * once with eager connection).
   *
   * @param sessionId the session
   * @param time when
   */
  record UpstreamRequested(String sessionId, Instant time) implements AlgEvent {}

  /**
   * A profile rule was violated. Emitted once per violation, whatever the action.
   *
   * @param sessionId the session
   * @param time when
   * @param direction which way the offending message or record travelled
   * @param option the FortiOS option that applies, e.g. {@code block-invite}, {@code invite-rate},
   *     {@code malformed-header-via}, {@code ssl-client-renegotiation}
   * @param action what the ALG did: {@code drop}, {@code discard}, {@code pass}, {@code respond},
   *     {@code close}
   * @param detail what was wrong, e.g. {@code malformed Via header at offset 57: missing sent-by}
   */
  record PolicyViolation(
      String sessionId, Instant time, Direction direction, String option, String action, String detail)
      implements AlgEvent {}

  /**
   * The inspector chain decided what to do with a message. Always emitted for drop, respond and
   * close verdicts; for forward verdicts only when the listener asks for them
   * ({@link AlgEventListener#wantsForwardVerdicts()}).
   *
   * @param sessionId the session
   * @param time when
   * @param direction which way the message travelled
   * @param summary the message's start line, e.g. {@code REGISTER sip:example.com} or {@code 200 OK}
   * @param verdict the decision
   * @param notes what the inspectors did, e.g. {@code nat: Contact 10.0.0.5:5060 -> 192.0.2.1:5061}
   */
  record VerdictIssued(
      String sessionId,
      Instant time,
      Direction direction,
      String summary,
      Verdict verdict,
      List<String> notes)
      implements AlgEvent {
    /** Copies the notes. */
    public VerdictIssued {
      notes = List.copyOf(notes);
    }
  }

  /**
   * A media pinhole was opened, changed or closed.
   *
   * @param sessionId the session
   * @param time when
   * @param change open, update or close
   * @param pinhole the pinhole (for update, its new state)
   */
  record PinholeChanged(String sessionId, Instant time, Pinhole.Change change, Pinhole pinhole)
      implements AlgEvent {}

  /**
   * The session ended; no more bytes will come out of it.
   *
   * @param sessionId the session
   * @param time when
   * @param reason why
   * @param counters its final message accounting
   */
  record SessionClosed(String sessionId, Instant time, CloseReason reason, SessionCounters counters)
      implements AlgEvent {
    /** Checks that the reason is present. */
    public SessionClosed {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
