package io.sipalg.inspect;

import io.sipalg.api.MalformedAction;
import io.sipalg.api.inspect.InspectionContext;
import io.sipalg.api.inspect.Verdict;
import io.sipalg.parser.SipMessage;

/** Turns a FortiOS discard / pass / respond action into a reported violation and a verdict. */
final class Outcome {
  private Outcome() {}

  /**
   * Reports the violation and returns the verdict: {@code null} for pass (keep going), a drop for
   * discard, a response for respond (a drop for ACK and responses, which are never answered).
   *
   * @param status the status to respond with (400 or 413)
   * @param phrase the reason phrase, e.g. {@code Bad Request (malformed Via header)}
   */
  static Verdict apply(InspectionContext context, InspectionLog log, SipMessage message,
      String option, MalformedAction action, String detail, int status, String phrase) {
    switch (action) {
      case PASS:
        log.violation(context, option, "pass", detail);
        return null;
      case RESPOND:
        if (answerable(message)) {
          log.violation(context, option, "respond", detail);
          return Verdict.respond(status, phrase);
        }
        log.violation(context, option, "discard",
            detail + " (respond: never answered for ACK or a response, discarded)");
        return Verdict.drop(option + ": " + detail);
      case DISCARD:
      default:
        log.violation(context, option, "discard", detail);
        return Verdict.drop(option + ": " + detail);
    }
  }

  /** RFC 3261 17: neither ACK nor a response is ever answered. */
  static boolean answerable(SipMessage message) {
    return message != null && message.isRequest() && !message.isMethod("ACK");
  }
}
