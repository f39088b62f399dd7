package io.sipalg.api.inspect;

import io.sipalg.parser.HeaderNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an inspector decided about one SIP message.
 *
 * <ul>
 *   <li>{@link #forward()}: send it on to the other leg, with whatever edits the inspectors made;
 *   <li>{@link #respond(int, String)}: do not forward; the ALG answers the sender itself with that
 *       status (never for ACK or for responses: such a verdict is turned into a drop), optionally
 *       with extra headers ({@link #withHeader(String, String)}, e.g. {@code Retry-After});
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

  /**
   * A header the ALG adds to its response (after the copied Via, From, To, Call-ID and CSeq).
   *
   * @param name the header name, a SIP token
   * @param value the header value, one line
   */
  public record Header(String name, String value) {
    /** Checks both. */
    public Header {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      if (name.isEmpty() || !name.chars().allMatch(Header::isTokenChar)) {
        throw new IllegalArgumentException("header name must be a SIP token: '" + name + "'");
      }
      if (value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
        throw new IllegalArgumentException("header value must be one line: " + name);
      }
      String canonical = HeaderNames.canonical(name);
      if (RESERVED.stream().anyMatch(canonical::equalsIgnoreCase)) {
        throw new IllegalArgumentException(canonical
            + " is written by the ALG itself (copied from the request or computed)");
      }
    }

    private static final List<String> RESERVED = List.of(HeaderNames.VIA, HeaderNames.FROM,
        HeaderNames.TO, HeaderNames.CALL_ID, HeaderNames.CSEQ, HeaderNames.CONTENT_LENGTH,
        HeaderNames.CONTENT_TYPE);

    /** RFC 3261 token: alphanumerics and {@code -.!%*_+`'~}. */
    private static boolean isTokenChar(int c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "-.!%*_+`'~".indexOf(c) >= 0;
    }
  }

  private static final Verdict FORWARD = new Verdict(Kind.FORWARD, 0, "", "", List.of());

  private final Kind kind;
  private final int statusCode;
  private final String reasonPhrase;
  private final String reason;
  private final List<Header> headers;

  private Verdict(Kind kind, int statusCode, String reasonPhrase, String reason, List<Header> headers) {
    this.kind = kind;
    this.statusCode = statusCode;
    this.reasonPhrase = reasonPhrase;
    this.reason = reason;
    this.headers = headers;
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
    return new Verdict(Kind.RESPOND, statusCode, reasonPhrase, statusCode + " " + reasonPhrase,
        List.of());
  }

  /**
   * This response with one more header, e.g.
   * {@code Verdict.respond(503, "Service Unavailable").withHeader("Retry-After", "30")}. The verdict
   * is immutable: a new one is returned. Headers keep the order they were added in.
   *
   * @param name header name, a SIP token; not one the ALG writes itself (Via, From, To, Call-ID,
   *     CSeq, Content-Length, Content-Type, long or compact)
   * @param value header value without CR or LF
   * @return a respond verdict with the header added
   * @throws IllegalStateException if this verdict is not a respond
   * @throws IllegalArgumentException for an invalid or reserved name, or a value with CR or LF
   */
  public Verdict withHeader(String name, String value) {
    if (kind != Kind.RESPOND) {
      throw new IllegalStateException("only a respond verdict carries response headers, this is " + this);
    }
    List<Header> more = new ArrayList<>(headers.size() + 1);
    more.addAll(headers);
    more.add(new Header(name, value));
    return new Verdict(kind, statusCode, reasonPhrase, reason, List.copyOf(more));
  }

  /** Discard the message; {@code reason} goes to the event and the log. */
  public static Verdict drop(String reason) {
    return new Verdict(Kind.DROP, 0, "", Objects.requireNonNull(reason, "reason"), List.of());
  }

  /** Discard the message and close the session; {@code reason} goes to the close event. */
  public static Verdict close(String reason) {
    return new Verdict(Kind.CLOSE, 0, "", Objects.requireNonNull(reason, "reason"), List.of());
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

  /** The headers to add to the response, in order (empty unless {@link #withHeader} was used). */
  public List<Header> headers() {
    return headers;
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
        && v.reason.equals(reason)
        && v.headers.equals(headers);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, statusCode, reasonPhrase, reason, headers);
  }

  @Override
  public String toString() {
    if (kind == Kind.FORWARD) {
      return "forward";
    }
    StringBuilder text = new StringBuilder(kind.name().toLowerCase(java.util.Locale.ROOT))
        .append(" (").append(reason);
    for (Header h : headers) {
      text.append("; ").append(h.name()).append(": ").append(h.value());
    }
    return text.append(')').toString();
  }
}
