package io.sipalg.api.inspect;

import io.sipalg.parser.SipFrame;
import io.sipalg.parser.SipMessage;
import io.sipalg.parser.SipParseException;
import java.util.List;

/** Runs inspectors in order; see {@link SipInspector#chain}. */
final class InspectorChain implements SipInspector {
  private final SipInspector[] inspectors;

  InspectorChain(List<? extends SipInspector> inspectors) {
    this.inspectors = inspectors.toArray(new SipInspector[0]);
    for (SipInspector inspector : this.inspectors) {
      if (inspector == null) {
        throw new NullPointerException("inspector list contains null");
      }
    }
  }

  @Override
  public Verdict inspect(SipMessage message, InspectionContext context) {
    for (SipInspector inspector : inspectors) {
      Verdict verdict = inspector.inspect(message, context);
      if (!verdict.isForward()) {
        return respondable(message, verdict);
      }
    }
    return Verdict.forward();
  }

  @Override
  public Verdict inspectUnparseable(
      SipFrame frame, SipParseException error, InspectionContext context) {
    for (SipInspector inspector : inspectors) {
      Verdict verdict = inspector.inspectUnparseable(frame, error, context);
      if (!verdict.isForward()) {
        return verdict;
      }
    }
    return Verdict.forward();
  }

  @Override
  public void sessionClosed(InspectionContext context) {
    for (SipInspector inspector : inspectors) {
      inspector.sessionClosed(context);
    }
  }

  /** RFC 3261 17: nothing answers an ACK or a response; such a verdict can only drop. */
  private static Verdict respondable(SipMessage message, Verdict verdict) {
    if (verdict.kind() == Verdict.Kind.RESPOND
        && (!message.isRequest() || "ACK".equals(message.method()))) {
      return Verdict.drop(verdict.reason() + " (not sent: no response to an ACK or a response)");
    }
    return verdict;
  }

  @Override
  public String toString() {
    return "chain" + List.of(inspectors);
  }
}
