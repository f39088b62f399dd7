package io.sipalg.inspect;

import io.sipalg.api.inspect.InspectionContext;
import io.sipalg.api.inspect.SipInspector;
import io.sipalg.api.inspect.Verdict;
import io.sipalg.parser.SipFrame;
import io.sipalg.parser.SipParseException;

/**
 * A link of the standard chain after validation. An unparseable message is the validation
 * link's business ({@code malformed-request-line}); the other links have nothing to look at and
 * forward it, so that {@code pass} really passes.
 */
abstract class Link implements SipInspector {
  @Override
  public final Verdict inspectUnparseable(SipFrame frame, SipParseException error,
      InspectionContext context) {
    return Verdict.forward();
  }
}
