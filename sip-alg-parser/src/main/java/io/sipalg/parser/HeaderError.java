package io.sipalg.parser;

/**
 * Why one header (or the Request-URI, or an SDP line) could not be tokenised.
 *
 * @param name the header name as canonicalised by {@link HeaderNames#canonical(String)}
 *     ({@code "Request-URI"} for the request line URI, {@code "sdp:c"} and so on for SDP lines)
 * @param offset byte offset of the problem from the start of the message (or SDP body)
 * @param reason a short human-readable cause, e.g. {@code "unterminated quoted string"}
 */
public record HeaderError(String name, int offset, String reason) {
  /** Renders {@code malformed NAME header at offset N: REASON}. */
  @Override
  public String toString() {
    return "malformed " + name + " header at offset " + offset + ": " + reason;
  }
}
