package io.sipalg.parser;

/**
 * A message-level problem found by {@link SipMessage#validate()}: something a parser accepts but an
 * element must reject (RFC 4475 3.1.2 / 3.3).
 *
 * @param kind what is wrong, with the response RFC 3261 suggests
 * @param header the header concerned ({@code "Request-URI"}, {@code "start line"} for the version)
 * @param offset byte offset in the message, or -1 when the problem is an absence
 * @param detail a short human-readable description
 */
public record Violation(Kind kind, String header, int offset, String detail) {
  /** Kinds of violation and the status code a UAS or proxy would answer with. */
  public enum Kind {
    /** A header's value cannot be tokenised. */
    MALFORMED_HEADER(400),
    /** A mandatory header (To, From, Call-ID, CSeq, Via) is missing. */
    MISSING_HEADER(400),
    /** A single-valued header (To, From, Call-ID, CSeq, Max-Forwards, ...) occurs more than once. */
    DUPLICATE_HEADER(400),
    /** The CSeq method differs from the request method. */
    CSEQ_METHOD_MISMATCH(400),
    /** The Request-URI is malformed or carries URI headers. */
    BAD_REQUEST_URI(400),
    /** The SIP version is not 2.0. */
    UNSUPPORTED_VERSION(505),
    /** The header section is not terminated by an empty line. */
    TRUNCATED(400);

    private final int status;

    Kind(int status) {
      this.status = status;
    }

    /** The status code to respond with. */
    public int status() {
      return status;
    }
  }

  @Override
  public String toString() {
    return detail;
  }
}
