package io.sipalg.api.session;

import java.util.Objects;
import java.util.Optional;

/**
 * Why a session ended: the cause, the leg it started on (when one did), and a human-readable detail
 * naming the check or event, e.g. {@code PHONE: TLS_POLICY: client renegotiation denied by
 * ssl-client-renegotiation deny}.
 *
 * @param cause what ended the session
 * @param leg the leg where it started, empty when neither leg is to blame (host or inspector close)
 * @param detail what happened, for logs and events
 */
public record CloseReason(Cause cause, Optional<Leg> leg, String detail) {

  /** What ended a session. */
  public enum Cause {
    /** A peer sent close_notify; the ALG propagated it to the other leg. */
    CLOSED_BY_PEER,
    /** The host asked the session to close (e.g. shutdown). */
    CLOSED_BY_HOST,
    /** A peer closed TCP without close_notify (possible truncation attack). */
    TRUNCATED,
    /** The TLS handshake failed: an alert, a refused version or cipher, or a failed certificate check. */
    HANDSHAKE_FAILED,
    /** The TLS handshake did not complete in time. */
    HANDSHAKE_TIMEOUT,
    /** The TLS policy ended an established session (e.g. a denied renegotiation). */
    TLS_POLICY,
    /** A TLS error after the handshake (bad record MAC, unexpected message, ...). */
    TLS_ERROR,
    /** The decrypted SIP byte stream cannot be framed any more (e.g. a bad Content-Length). */
    FRAMING_ERROR,
    /** An inspector returned a close verdict. */
    INSPECTOR,
    /** The host could not open the upstream connection. */
    UPSTREAM_UNAVAILABLE,
    /** More data was waiting for the server leg than the session may hold. */
    BUFFER_LIMIT,
    /** The session had no traffic for longer than the host's idle limit. */
    IDLE
  }

  /** Checks that no component is null. */
  public CloseReason {
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(leg, "leg");
    Objects.requireNonNull(detail, "detail");
  }

  /** A reason that started on {@code leg}. */
  public static CloseReason on(Leg leg, Cause cause, String detail) {
    return new CloseReason(cause, Optional.of(leg), detail);
  }

  /** A reason that belongs to no leg. */
  public static CloseReason of(Cause cause, String detail) {
    return new CloseReason(cause, Optional.empty(), detail);
  }

  /** Whether the session ended normally rather than through an error or a policy decision. */
  public boolean isClean() {
    return cause == Cause.CLOSED_BY_PEER || cause == Cause.CLOSED_BY_HOST || cause == Cause.IDLE;
  }

  @Override
  public String toString() {
    return leg.map(l -> l + ": ").orElse("") + cause + ": " + detail;
  }
}
