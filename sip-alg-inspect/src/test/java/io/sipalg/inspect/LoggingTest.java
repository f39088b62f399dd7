package io.sipalg.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipalg.api.SipMethodOption;
import io.sipalg.api.VoipProfile;
import io.sipalg.api.inspect.SipInspector;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class LoggingTest {
  private final Harness harness = new Harness();

  @Test
  void logViolationsWritesOneStructuredLineWithTheSessionInTheMdc() {
    VoipProfile profile = Harness.profile().logViolations(true).block(SipMethodOption.MESSAGE, true).build();
    FakeContext ctx = new FakeContext("sess-42", profile);
    Sip.run(harness.chain(profile), ctx, Sip.request("MESSAGE"));

    assertThat(harness.violationLog.lines).containsExactly("WARN violation session=sess-42"
        + " direction=PHONE_TO_SERVER option=block-message action=drop detail=\"MESSAGE blocked\"");
    assertThat(harness.violationLog.mdcSessions).containsExactly("sess-42");
    assertThat(MDC.get(InspectionLog.MDC_KEY)).isNull();
    assertThat(ctx.violations).hasSize(1);
  }

  @Test
  void logViolationsDisabledStillReportsTheEventButLogsNothing() {
    VoipProfile profile = Harness.profile().block(SipMethodOption.MESSAGE, true).build();
    assertThat(profile.logViolations()).isFalse();
    FakeContext ctx = new FakeContext(profile);
    Sip.run(harness.chain(profile), ctx, Sip.request("MESSAGE"));
    assertThat(harness.violationLog.lines).isEmpty();
    assertThat(ctx.violations).hasSize(1);
  }

  @Test
  void quotesInDetailsAreEscaped() {
    assertThat(InspectionLog.quote("a \"b\"\r\n")).isEqualTo("\"a \\\"b\\\"\\r\\n\"");
  }

  @Test
  void logCallSummaryWritesOneLinePerFinishedCall() {
    VoipProfile profile = VoipProfile.defaults();
    assertThat(profile.logCallSummary()).isTrue();
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = new FakeContext(profile);
    MDC.put(InspectionLog.MDC_KEY, "outer");
    try {
      Sip.run(chain, ctx, Sip.invite("sum@10.0.0.5"));
      ctx.advanceSeconds(2);
      ctx.serverToPhone();
      Sip.run(chain, ctx, Sip.inviteResponse("sum@192.0.2.1", "200 OK", true));
      ctx.advanceSeconds(60);
      ctx.phoneToServer();
      Sip.run(chain, ctx, Sip.inDialog("BYE", "sum@10.0.0.5", 314160));
      assertThat(MDC.get(InspectionLog.MDC_KEY)).isEqualTo("outer");
    } finally {
      MDC.remove(InspectionLog.MDC_KEY);
    }

    assertThat(harness.callLog.lines).containsExactly("INFO call session=s1 call-id=sum@10.0.0.5"
        + " from=sip:alice@10.0.0.5:5061 to=sip:bob@example.com start=2026-11-26T17:00:00Z"
        + " answer=2026-11-26T17:00:02Z end=2026-11-26T17:01:02Z duration=60s result=completed");
    assertThat(harness.callLog.mdcSessions).containsExactly("s1");
  }

  @Test
  void unansweredCallsHaveNoAnswerTime() {
    VoipProfile profile = VoipProfile.defaults();
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = new FakeContext(profile);
    Sip.run(chain, ctx, Sip.invite("na@10.0.0.5"));
    ctx.advanceSeconds(5);
    ctx.serverToPhone();
    Sip.run(chain, ctx, Sip.inviteResponse("na@192.0.2.1", "603 Decline", false));
    assertThat(harness.callLog.lines).singleElement().asString()
        .contains("answer=- end=2026-11-26T17:00:05Z duration=0s result=failed 603");
  }

  @Test
  void logCallSummaryDisabledLogsNothing() {
    VoipProfile profile = Harness.profile().logCallSummary(false).build();
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = new FakeContext(profile);
    Sip.run(chain, ctx, Sip.invite("q@10.0.0.5"));
    Sip.run(chain, ctx, Sip.inDialog("BYE", "q@10.0.0.5", 314160));
    assertThat(harness.callLog.lines).isEmpty();
  }

  @Test
  void subscriptionsAreNotCalls() {
    VoipProfile profile = VoipProfile.defaults();
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = new FakeContext(profile);
    Sip.run(chain, ctx, Sip.request("SUBSCRIBE").replace("Content-Length: 0", "Expires: 0\nContent-Length: 0"));
    chain.sessionClosed(ctx);
    assertThat(harness.callLog.lines).isEmpty();
  }
}
