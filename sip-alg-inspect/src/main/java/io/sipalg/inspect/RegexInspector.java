package io.sipalg.inspect;

import io.sipalg.api.VoipProfile;
import io.sipalg.api.inspect.InspectionContext;
import io.sipalg.api.inspect.Verdict;
import io.sipalg.parser.SipHeader;
import io.sipalg.parser.SipMessage;
import java.util.regex.Pattern;

/**
 * {@code call-id-regex} and {@code content-type-regex}: the whole Call-ID (resp. Content-Type
 * value) must match, else the message is dropped with one violation. Requests and responses are
 * checked alike (a response repeats its request's Call-ID). A match that needs more than
 * {@link BoundedInput}'s budget of steps (a backtracking pattern meeting a crafted value) counts as
 * no match, so the event loop never spins on one header.
 */
final class RegexInspector extends Link {
  private final Pattern callId;
  private final Pattern contentType;
  private final InspectionLog log;

  RegexInspector(VoipProfile profile, InspectionLog log) {
    this.callId = profile.callIdPattern().orElse(null);
    this.contentType = profile.contentTypePattern().orElse(null);
    this.log = log;
  }

  boolean isActive() {
    return callId != null || contentType != null;
  }

  @Override
  public Verdict inspect(SipMessage message, InspectionContext context) {
    Verdict v = check(message, context, "Call-ID", callId, "call-id-regex");
    return v != null ? v : orForward(check(message, context, "Content-Type", contentType,
        "content-type-regex"));
  }

  private Verdict check(SipMessage message, InspectionContext context, String name, Pattern pattern,
      String option) {
    if (pattern == null) {
      return null;
    }
    SipHeader header = message.header(name);
    if (header == null) {
      return null;
    }
    String value = header.value();
    String detail;
    try {
      if (pattern.matcher(BoundedInput.of(value)).matches()) {
        return null;
      }
      detail = name + " '" + value + "' does not match " + option + " " + pattern;
    } catch (BoundedInput.Exhausted e) {
      detail = name + " '" + value + "': " + option + " " + pattern + " gave up after "
          + BoundedInput.budgetFor(value) + " steps (catastrophic backtracking?); treated as no match";
    }
    log.violation(context, option, "drop", detail);
    return Verdict.drop(detail);
  }

  private static Verdict orForward(Verdict v) {
    return v == null ? Verdict.forward() : v;
  }

  @Override
  public String toString() {
    return "regex";
  }
}
