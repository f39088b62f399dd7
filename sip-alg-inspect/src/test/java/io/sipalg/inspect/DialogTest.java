package io.sipalg.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipalg.api.VoipProfile;
import io.sipalg.api.inspect.SipInspector;
import io.sipalg.api.inspect.Verdict;
import io.sipalg.api.session.AlgEvent;
import io.sipalg.api.session.Pinhole;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DialogTest {
  private final Harness harness = new Harness();

  /** INVITE from the phone and the server's answer with the given status. */
  private static void call(SipInspector chain, FakeContext ctx, String callId, String status) {
    ctx.phoneToServer();
    assertThat(Sip.run(chain, ctx, Sip.invite(callId + "@10.0.0.5")).verdict()).isEqualTo(Verdict.forward());
    ctx.serverToPhone();
    Sip.run(chain, ctx, Sip.inviteResponse(callId + "@192.0.2.1", status, status.startsWith("2")));
    ctx.phoneToServer();
  }

  @Test
  void maxDialogsRefusesTheNextInviteButNotInDialogRequests() {
    VoipProfile profile = Harness.profile().maxDialogs(1).build();
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = new FakeContext(profile);
    call(chain, ctx, "a", "200 OK");

    Sip.Run refused = Sip.run(chain, ctx, Sip.invite("b@10.0.0.5"));
    assertThat(refused.verdict()).isEqualTo(Verdict.respond(503, "Service Unavailable")
        .withHeader("Retry-After", "30"));
    assertThat(ctx.violations).singleElement().satisfies(v -> {
      assertThat(v.option()).isEqualTo("max-dialogs");
      assertThat(v.action()).isEqualTo("respond");
    });

    String reInvite = Sip.invite("a@10.0.0.5").replace("To: Bob <sip:bob@example.com>",
        "To: Bob <sip:bob@example.com>;tag=a6c85cf").replace("314159 INVITE", "314160 INVITE");
    assertThat(Sip.run(chain, ctx, reInvite).verdict()).isEqualTo(Verdict.forward());
    assertThat(Sip.run(chain, ctx, Sip.inDialog("INFO", "a@10.0.0.5", 314161)).verdict())
        .isEqualTo(Verdict.forward());
    assertThat(Sip.run(chain, ctx, Sip.invite("a@10.0.0.5")).verdict())
        .as("a retransmitted INVITE is not a new dialog").isEqualTo(Verdict.forward());
    assertThat(Sip.run(chain, ctx, Sip.inDialog("BYE", "a@10.0.0.5", 314162)).verdict())
        .isEqualTo(Verdict.forward());

    assertThat(harness.services.activeDialogs("default")).isZero();
    assertThat(Sip.run(chain, ctx, Sip.invite("c@10.0.0.5")).verdict()).isEqualTo(Verdict.forward());
  }

  @Test
  void maxDialogsCountsAcrossTheSessionsOfTheAlgInstance() {
    VoipProfile profile = Harness.profile().maxDialogs(1).build();
    SipInspector chain = harness.chain(profile);
    call(chain, new FakeContext("s1", profile), "a", "180 Ringing");
    FakeContext other = new FakeContext("s2", profile);
    assertThat(Sip.run(chain, other, Sip.invite("b@10.0.0.5")).verdict().statusCode()).isEqualTo(503);
    assertThat(harness.services.activeDialogs("default")).isEqualTo(1);
  }

  @Test
  void maxDialogsZeroIsUnlimited() {
    VoipProfile profile = VoipProfile.defaults();
    assertThat(profile.maxDialogs()).isZero();
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = new FakeContext(profile);
    for (int i = 0; i < 20; i++) {
      assertThat(Sip.run(chain, ctx, Sip.invite("u" + i + "@10.0.0.5")).verdict()).isEqualTo(Verdict.forward());
    }
    assertThat(harness.services.activeDialogs("default")).isEqualTo(20);
  }

  @Test
  void subscribeDialogsAreTrackedAndCounted() {
    VoipProfile profile = Harness.profile().maxDialogs(1).build();
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = new FakeContext(profile);
    String subscribe = Sip.request("SUBSCRIBE").replace("Content-Length: 0",
        "Event: presence\nExpires: 600\nContact: <sip:alice@10.0.0.5:5061;transport=tls>\nContent-Length: 0");
    assertThat(Sip.run(chain, ctx, subscribe).verdict()).isEqualTo(Verdict.forward());
    assertThat(Sip.run(chain, ctx, Sip.invite("x@10.0.0.5")).verdict().statusCode()).isEqualTo(503);

    ctx.serverToPhone();
    Sip.run(chain, ctx, """
        SIP/2.0 200 OK
        Via: SIP/2.0/TLS 192.0.2.1:40000;branch=z9hG4bK74bf9
        To: <sip:example.com>;tag=srv1
        From: Alice <sip:alice@example.com>;tag=9fxced76sl
        Call-ID: 3848276298220188511@example.com
        CSeq: 1 SUBSCRIBE
        Expires: 600
        Content-Length: 0

        """);
    ctx.advanceSeconds(599);
    Sip.run(chain, ctx, Sip.request("OPTIONS"));
    assertThat(harness.services.activeDialogs("default")).isEqualTo(1);
    ctx.advanceSeconds(1);
    Sip.run(chain, ctx, Sip.request("OPTIONS"));
    assertThat(harness.services.activeDialogs("default")).isZero();
  }

  @Test
  void notifyWithTerminatedSubscriptionStateEndsTheSubscription() {
    VoipProfile profile = VoipProfile.defaults();
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = new FakeContext(profile);
    Sip.run(chain, ctx, Sip.request("SUBSCRIBE").replace("Content-Length: 0", "Event: presence\nContent-Length: 0"));
    ctx.serverToPhone();
    Sip.run(chain, ctx, Sip.request("NOTIFY").replace("Content-Length: 0",
        "Event: presence\nSubscription-State: terminated;reason=timeout\nContent-Length: 0")
        .replace("CSeq: 1 NOTIFY", "CSeq: 7 NOTIFY"));
    assertThat(harness.services.activeDialogs("default")).isZero();
  }

  @Test
  void cancelAndFinalErrorsEndEarlyDialogs() {
    VoipProfile profile = VoipProfile.defaults();
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = new FakeContext(profile);
    call(chain, ctx, "busy", "486 Busy Here");
    assertThat(harness.services.activeDialogs("default")).isZero();
    assertThat(harness.callLog.lines).singleElement().asString().endsWith("result=failed 486");

    call(chain, ctx, "cancel", "180 Ringing");
    assertThat(harness.services.activeDialogs("default")).isEqualTo(1);
    String cancel = Sip.invite("cancel@10.0.0.5").replace("INVITE sip", "CANCEL sip")
        .replace("314159 INVITE", "314159 CANCEL");
    Sip.run(chain, ctx, cancel);
    assertThat(harness.services.activeDialogs("default")).isZero();
    assertThat(harness.callLog.lines.get(1)).endsWith("result=cancelled");
  }

  @Test
  void provisionalInviteExpiryTimeEndsUnansweredInvites() {
    VoipProfile profile = Harness.profile().provisionalInviteExpiryTime(30).build();
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = new FakeContext(profile);
    call(chain, ctx, "slow", "180 Ringing");
    assertThat(ctx.pinholes(Pinhole.Change.OPEN)).isNotEmpty();
    ctx.advanceSeconds(29);
    Sip.run(chain, ctx, Sip.request("OPTIONS"));
    assertThat(harness.services.activeDialogs("default")).isEqualTo(1);
    ctx.advanceSeconds(1);
    Sip.run(chain, ctx, Sip.request("OPTIONS"));
    assertThat(harness.services.activeDialogs("default")).isZero();
    assertThat(ctx.pinholes(Pinhole.Change.CLOSE)).containsExactlyInAnyOrderElementsOf(
        ctx.pinholes(Pinhole.Change.OPEN));
    assertThat(harness.callLog.lines).singleElement().asString()
        .contains("result=expired: no final response within provisional-invite-expiry-time");
  }

  @Test
  void provisionalInviteExpiryDefaultIs210Seconds() {
    VoipProfile profile = VoipProfile.defaults();
    assertThat(profile.provisionalInviteExpiryTime()).isEqualTo(210);
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = new FakeContext(profile);
    call(chain, ctx, "slow", "180 Ringing");
    assertThat(harness.services.housekeeping(ctx.nanoTime() + 209_000_000_000L)).isZero();
    assertThat(harness.services.housekeeping(ctx.nanoTime() + 210_000_000_000L)).isEqualTo(1);
  }

  @Test
  void answeredCallsDoNotExpireProvisionally() {
    VoipProfile profile = Harness.profile().provisionalInviteExpiryTime(10).build();
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = new FakeContext(profile);
    call(chain, ctx, "ok", "200 OK");
    assertThat(harness.services.housekeeping(ctx.nanoTime() + 3600_000_000_000L)).isZero();
    assertThat(harness.services.activeDialogs("default")).isEqualTo(1);
  }

  @Test
  void callKeepaliveExpiresCallsWithoutRtpAfterItsMinutes() {
    VoipProfile profile = Harness.profile().callKeepalive(5).build();
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = new FakeContext(profile);
    // a call without SDP: no RTP pinhole
    String invite = Sip.invite("nortp@10.0.0.5").replace("Content-Type: application/sdp\n", "")
        .replace(Sip.SDP_PHONE, "");
    Sip.run(chain, ctx, invite);
    ctx.serverToPhone();
    Sip.run(chain, ctx, Sip.inviteResponse("nortp@192.0.2.1", "200 OK", false));
    // and a call with RTP
    call(chain, ctx, "rtp", "200 OK");
    long now = ctx.nanoTime();
    assertThat(harness.services.housekeeping(now + 299_000_000_000L)).isZero();
    assertThat(harness.services.housekeeping(now + 300_000_000_000L)).isEqualTo(1);
    assertThat(harness.services.activeDialogs("default")).isEqualTo(1);
    assertThat(harness.callLog.lines).singleElement().asString().contains("call-id=nortp@10.0.0.5")
        .contains("call-keepalive");
  }

  @Test
  void callKeepaliveZeroKeepsCallsWithoutRtp() {
    VoipProfile profile = VoipProfile.defaults();
    assertThat(profile.callKeepalive()).isZero();
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = new FakeContext(profile);
    String invite = Sip.invite("nortp@10.0.0.5").replace("Content-Type: application/sdp\n", "")
        .replace(Sip.SDP_PHONE, "");
    Sip.run(chain, ctx, invite);
    ctx.serverToPhone();
    Sip.run(chain, ctx, Sip.inviteResponse("nortp@192.0.2.1", "200 OK", false));
    assertThat(harness.services.housekeeping(ctx.nanoTime() + 86_400_000_000_000L)).isZero();
  }

  @Test
  void maxIdleDialogsDropsTheLongestIdleBeyondTheLimit() {
    Harness h = new Harness(InspectorServices.builder().dialogIdle(Duration.ofSeconds(60)));
    VoipProfile profile = Harness.profile().maxIdleDialogs(1).build();
    SipInspector chain = h.chain(profile);
    FakeContext ctx = new FakeContext(profile);
    call(chain, ctx, "one", "200 OK");
    ctx.advanceSeconds(1);
    call(chain, ctx, "two", "200 OK");
    ctx.advanceSeconds(1);
    call(chain, ctx, "three", "200 OK");
    ctx.advanceSeconds(59);
    Sip.run(chain, ctx, Sip.inDialog("INFO", "three@10.0.0.5", 2)); // three stays active
    ctx.advanceSeconds(1);
    Sip.run(chain, ctx, Sip.inDialog("INFO", "three@10.0.0.5", 3));
    // one and two are idle (>= 60 s); only one idle dialog may be kept: the older goes
    assertThat(ctx.violations).singleElement().satisfies(v -> {
      assertThat(v.option()).isEqualTo("max-idle-dialogs");
      assertThat(v.detail()).contains("one@10.0.0.5");
    });
    SessionState state = SessionState.peek(ctx);
    assertThat(state.dialog("one@10.0.0.5")).isNull();
    assertThat(state.dialog("two@10.0.0.5")).isNotNull();
    assertThat(state.dialog("three@10.0.0.5")).isNotNull();
  }

  @Test
  void maxIdleDialogsZeroKeepsEveryIdleDialog() {
    VoipProfile profile = VoipProfile.defaults();
    assertThat(profile.maxIdleDialogs()).isZero();
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = new FakeContext(profile);
    call(chain, ctx, "one", "200 OK");
    call(chain, ctx, "two", "200 OK");
    ctx.advanceSeconds(3600);
    Sip.run(chain, ctx, Sip.request("OPTIONS"));
    assertThat(SessionState.peek(ctx).dialogCount()).isEqualTo(2);
  }

  @Test
  void sessionCloseEndsEverythingAndReleasesTheSession() {
    VoipProfile profile = VoipProfile.defaults();
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = new FakeContext(profile);
    call(chain, ctx, "a", "200 OK");
    assertThat(harness.services.trackedSessions()).isEqualTo(1);
    chain.sessionClosed(ctx);
    assertThat(harness.services.activeDialogs("default")).isZero();
    assertThat(harness.services.trackedSessions()).isZero();
    assertThat(ctx.pinholes(Pinhole.Change.CLOSE)).containsExactlyInAnyOrderElementsOf(
        ctx.pinholes(Pinhole.Change.OPEN));
    assertThat(harness.callLog.lines).singleElement().asString().endsWith("result=session closed");
  }

  @Test
  void housekeepingReportsClosesToItsListener() {
    List<AlgEvent> events = new ArrayList<>();
    Harness h = new Harness(InspectorServices.builder().housekeepingListener(events::add));
    VoipProfile profile = VoipProfile.defaults();
    SipInspector chain = h.chain(profile);
    FakeContext ctx = new FakeContext(profile);
    call(chain, ctx, "hk", "183 Session Progress");
    int opened = ctx.pinholes(Pinhole.Change.OPEN).size();
    assertThat(opened).isGreaterThan(0);
    assertThat(h.services.housekeeping(ctx.nanoTime() + 210_000_000_000L)).isEqualTo(1);
    assertThat(events).hasSize(opened).allSatisfy(e -> {
      assertThat(e).isInstanceOf(AlgEvent.PinholeChanged.class);
      assertThat(e.sessionId()).isEqualTo("s1");
      assertThat(((AlgEvent.PinholeChanged) e).change()).isEqualTo(Pinhole.Change.CLOSE);
    });
  }
}
