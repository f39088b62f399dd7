package io.sipalg.inspect;

import io.sipalg.api.SipMethodOption;
import io.sipalg.api.VoipProfile;
import io.sipalg.api.inspect.InspectionContext;
import io.sipalg.api.inspect.Verdict;
import io.sipalg.parser.SipMessage;
import java.util.Optional;

/**
 * {@code block-<method>}, {@code block-unknown} and {@code block-geo-red-options}: a blocked request
 * is dropped silently (no response, as FortiGate does) with one violation.
 */
final class MethodPolicyInspector extends Link {
  private final VoipProfile profile;
  private final InspectionLog log;
  MethodPolicyInspector(VoipProfile profile, InspectionLog log) {
    this.profile = profile;
    this.log = log;
  }

  @Override
  public Verdict inspect(SipMessage message, InspectionContext context) {
    if (!message.isRequest()) {
      return Verdict.forward();
    }
    String method = message.method();
    Optional<SipMethodOption> option = SipMethodOption.forSipMethod(method);
    if (option.isEmpty()) {
      if (profile.blockUnknown()) {
        return block(context, "block-unknown", "unknown request method " + method + " blocked");
      }
      return Verdict.forward();
    }
    SipMethodOption m = option.get();
    if (profile.blocked(m)) {
      return block(context, "block-" + m.fortiOsName(), method + " blocked");
    }
    if (m == SipMethodOption.OPTIONS && profile.blockGeoRedOptions()) {
      // The OPTIONS still signals that the peer is alive (FortiOS: "still notify for redundancy"):
      // it refreshes the activity of the session's dialogs before it is dropped.
      SessionState state = SessionState.peek(context);
      if (state != null) {
        state.touchAll(context.nanoTime());
      }
      return block(context, "block-geo-red-options",
          "OPTIONS blocked (geo-redundancy keepalive noted, not forwarded)");
    }
    return Verdict.forward();
  }

  private Verdict block(InspectionContext context, String option, String detail) {
    log.violation(context, option, "drop", detail);
    return Verdict.drop(option + ": " + detail);
  }

  @Override
  public String toString() {
    return "method-policy";
  }
}
