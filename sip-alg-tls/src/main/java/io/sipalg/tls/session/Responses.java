package io.sipalg.tls.session;

import io.sipalg.api.inspect.Verdict;
import io.sipalg.parser.ResponseBuilder;
import io.sipalg.parser.SipFrame;
import io.sipalg.parser.SipMessage;
import io.sipalg.parser.UnanswerableMessageException;

/**
 * Builds the SIP response a {@code respond} verdict asks for: RFC 3261 8.2.6 headers copied from
 * the request, then the verdict's own headers (e.g. {@code Retry-After}).
 */
final class Responses {
  private Responses() {}

  /** The response to a parsed request. */
  static byte[] build(SipMessage request, Verdict verdict) {
    return complete(ResponseBuilder.to(request), verdict);
  }

  /**
   * The response to a request whose start line did not parse, from its raw header lines.
   *
   * @throws UnanswerableMessageException when the headers a response copies are missing, or the
   *     message looks like a response or an ACK
   */
  static byte[] buildUnparseable(SipFrame frame, Verdict verdict) throws UnanswerableMessageException {
    return complete(ResponseBuilder.toUnparseable(frame.array(), frame.offset(), frame.length()), verdict);
  }

  private static byte[] complete(ResponseBuilder builder, Verdict verdict) {
    builder.status(verdict.statusCode()).reason(verdict.reasonPhrase());
    for (Verdict.Header h : verdict.headers()) {
      builder.header(h.name(), h.value());
    }
    return builder.build();
  }
}
