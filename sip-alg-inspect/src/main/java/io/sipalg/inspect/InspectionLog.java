package io.sipalg.inspect;

import io.sipalg.api.inspect.InspectionContext;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The two log streams of the standard inspectors, one structured line per event, with the session
 * id in the MDC ({@value #MDC_KEY}) while the line is written:
 *
 * <pre>
 * io.sipalg.inspect.violations  WARN  violation session=s1 direction=PHONE_TO_SERVER option=block-invite action=drop detail="INVITE blocked"
 * io.sipalg.inspect.calls       INFO  call session=s1 call-id=a84b4c76e66710 from=sip:alice@example.com to=sip:bob@example.com start=2026-11-26T17:00:00Z answer=2026-11-26T17:00:02Z end=2026-11-26T17:01:02Z duration=60s result=completed
 * </pre>
 */
final class InspectionLog {
  static final String MDC_KEY = "sipalg.session";

  static final InspectionLog DEFAULT = new InspectionLog(
      LoggerFactory.getLogger("io.sipalg.inspect.violations"),
      LoggerFactory.getLogger("io.sipalg.inspect.calls"));

  private final Logger violations;
  private final Logger calls;

  InspectionLog(Logger violations, Logger calls) {
    this.violations = violations;
    this.calls = calls;
  }

  /** Reports a violation to the context and, with {@code log-violations}, logs it. */
  void violation(InspectionContext context, String option, String action, String detail) {
    context.reportViolation(option, action, detail);
    if (context.profile().logViolations() && violations.isWarnEnabled()) {
      String line = "violation session=" + context.sessionId() + " direction=" + context.direction()
          + " option=" + option + " action=" + action + " detail=" + quote(detail);
      withSession(context.sessionId(), () -> violations.warn(line));
    }
  }

  /** Logs a finished call ({@code log-call-summary}). */
  void callSummary(String sessionId, CallRecord call) {
    if (!calls.isInfoEnabled()) {
      return;
    }
    String line = "call session=" + sessionId + " call-id=" + call.callId()
        + " from=" + call.from() + " to=" + call.to()
        + " start=" + call.start() + " answer=" + orDash(call.answer())
        + " end=" + call.end() + " duration=" + duration(call) + "s result=" + call.result();
    withSession(sessionId, () -> calls.info(line));
  }

  private static long duration(CallRecord call) {
    return call.answer() == null ? 0 : Duration.between(call.answer(), call.end()).toSeconds();
  }

  private static String orDash(Instant i) {
    return i == null ? "-" : i.toString();
  }

  private static void withSession(String sessionId, Runnable log) {
    String previous = MDC.get(MDC_KEY);
    MDC.put(MDC_KEY, sessionId);
    try {
      log.run();
    } finally {
      if (previous == null) {
        MDC.remove(MDC_KEY);
      } else {
        MDC.put(MDC_KEY, previous);
      }
    }
  }

  /** Quotes free text so a log parser can split the line at spaces. */
  static String quote(String text) {
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "\\r")
        .replace("\n", "\\n") + '"';
  }

  /**
   * One finished call, as logged by {@code log-call-summary}.
   *
   * @param callId the Call-ID as the phone wrote it
   * @param from the From URI
   * @param to the To URI
   * @param start when the INVITE passed
   * @param answer when the 2xx passed, or null when never answered
   * @param end when the call ended
   * @param result how it ended, e.g. {@code completed}, {@code cancelled}, {@code failed 486}
   */
  record CallRecord(String callId, String from, String to, Instant start, Instant answer,
      Instant end, String result) {}
}
