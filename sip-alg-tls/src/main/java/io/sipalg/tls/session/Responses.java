package io.sipalg.tls.session;

import io.sipalg.api.inspect.Verdict;
import io.sipalg.parser.ResponseBuilder;
import io.sipalg.parser.SipMessage;

/** Builds the SIP response a {@code respond} verdict asks for (RFC 3261 8.2.6 headers copied). */
final class Responses {
  private Responses() {}

  static byte[] build(SipMessage request, Verdict verdict) {
    return ResponseBuilder.to(request).status(verdict.statusCode()).reason(verdict.reasonPhrase()).build();
  }
}
