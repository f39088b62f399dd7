package io.sipalg.api.inspect;

import java.util.Objects;

/**
 * What an inspector decided about one SIP message.
 *
 * <ul>
 *   <li>{@link #forward()}: send it on to the other leg, with whatever edits the inspectors made;
 *   <li>{@link #respond(int, String)}: do not forward; the ALG answers the sender itself with that
 *       status (never for ACK or for responses: such a verdict is turned into a drop);
 *   <li>{@link #drop(String)}: discard it silently (counted and evented, as FortiGate does);
 *   <li>{@link #close(String)}: discard it and close the session (both legs).
 * </ul>
 *
 * Immutable. {@code forward()} is a shared instance, so the common case allocates nothing.
 */
public final class Verdict {
  /** The kinds of decision. */
  public enum Kind {
    /** Forward the (possibly edited) message. */
    FORWARD,
    /** Answer the sender with a SIP response instead of forwarding. */
    RESPOND,
    /** Discard the message. */
    DROP,
    /** Discard the message and close the session. */
    CLOSE
  }

  private static final Verdict FORWARD = new Verdict(Kind.FORWARD, 0, "", "");

  private final Kind kind;
  private final int statusCode;
  private final String reasonPhrase;
  private final String reason;

  private Verdict(Kind kind, int statusCode, String reasonPhrase, String reason) {
    this.kind = kind;
    this.statusCode = statusCode;
    this.reasonPhrase = reasonPhrase;
    this.reason = reason;
  }

  /** Forward the message (the shared instance). */
  public static Verdict forward() {
    return FORWARD;
  }

  /**
   * Answer the sender with {@code statusCode reasonPhrase} (e.g. {@code 400 Bad Request}), built
   * from the request as RFC 3261 8.2.6 says; the request is not forwarded.
   *
   * @param statusCode a final status, 300..699
   * @param reasonPhrase the reason phrase, e.g. {@code "Bad Request"}; a detail such as the header at
   *     fault may be appended by the inspector (e.g. {@code "Bad Request (malformed Via header)"})
   * @throws IllegalArgumentException if the status is not 300..699 or the phrase has CR or LF
   */
  public static Verdict respond(int statusCode, String reasonPhrase) {
    if (statusCode < 300 || statusCode > 699) {
      throw new IllegalArgumentException("respond needs a final non-2xx status, got " + statusCode);
    }
    Objects.requireNonNull(reasonPhrase, "reasonPhrase");
    if (reasonPhrase.indexOf('\r') >= 0 || reasonPhrase.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("reason phrase must be one line: " + reasonPhrase);
    }
    return new Verdict(Kind.RESPOND, statusCode, reasonPhrase, statusCode + " " + reasonPhrase);
  }

  /** Discard the message; {@code reason} goes to the event and the log. */
  public static Verdict drop(String reason) {
    return new Verdict(Kind.DROP, 0, "", Objects.requireNonNull(reason, "reason"));
  }

  /** Discard the message and close the session; {@code reason} goes to the close event. */
  public static Verdict close(String reason) {
    return new Verdict(Kind.CLOSE, 0, "", Objects.requireNonNull(reason, "reason"));
  }

  /** The kind of decision. */
  public Kind kind() {
    return kind;
  }

  /** Whether the message goes on to the other leg. */
  public boolean isForward() {
    return kind == Kind.FORWARD;
  }

  /** The status to answer with, for {@link Kind#RESPOND}; 0 otherwise. */
  public int statusCode() {
    return statusCode;
  }

  /** The reason phrase to answer with, for {@link Kind#RESPOND}; empty otherwise. */
  public String reasonPhrase() {
    return reasonPhrase;
  }

  /** Why, in words (empty for forward). */
  public String reason() {
    return reason;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Verdict v
        && v.kind == kind
        && v.statusCode == statusCode
        && v.reasonPhrase.equals(reasonPhrase)
        && v.reason.equals(reason);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, statusCode, reasonPhrase, reason);
  }

  @Override
  public String toString() {
    return kind == Kind.FORWARD ? "forward" : kind.name().toLowerCase(java.util.Locale.ROOT) + " (" + reason + ")";
  }
}
