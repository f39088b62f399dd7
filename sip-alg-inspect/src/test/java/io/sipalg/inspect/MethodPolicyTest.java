package io.sipalg.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipalg.api.SipMethodOption;
import io.sipalg.api.VoipProfile;
import io.sipalg.api.inspect.SipInspector;
import io.sipalg.api.inspect.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MethodPolicyTest {
  private final Harness harness = new Harness();

  @ParameterizedTest
  @EnumSource(SipMethodOption.class)
  void blockMethodDropsSilentlyWithOneViolation(SipMethodOption method) {
    VoipProfile profile = Harness.profile().block(method, true).build();
    FakeContext ctx = new FakeContext(profile);
    Sip.Run run = Sip.run(harness.chain(profile), ctx, Sip.request(method.sipMethod()));

    assertThat(run.verdict().kind()).isEqualTo(Verdict.Kind.DROP);
    assertThat(ctx.violations).containsExactly(new FakeContext.Violation(
        "block-" + method.fortiOsName(), "drop", method.sipMethod() + " blocked"));
  }

  @ParameterizedTest
  @EnumSource(SipMethodOption.class)
  void unblockedMethodsPass(SipMethodOption method) {
    VoipProfile profile = VoipProfile.defaults();
    FakeContext ctx = new FakeContext(profile);
    Sip.Run run = Sip.run(harness.chain(profile), ctx, Sip.request(method.sipMethod()));

    assertThat(run.verdict()).isEqualTo(Verdict.forward());
    assertThat(ctx.violations).isEmpty();
  }

  @Test
  void blockOnlyAffectsItsMethod() {
    VoipProfile profile = Harness.profile().block(messageOption(), true).build();
    FakeContext ctx = new FakeContext(profile);
    assertThat(Sip.run(harness.chain(profile), ctx, Sip.request("OPTIONS")).verdict())
        .isEqualTo(Verdict.forward());
  }

  private static SipMethodOption messageOption() {
    return SipMethodOption.MESSAGE;
  }

  @Test
  void blockUnknownDropsUnrecognisedMethodsByDefault() {
    VoipProfile profile = VoipProfile.defaults();
    assertThat(profile.blockUnknown()).isTrue();
    FakeContext ctx = new FakeContext(profile);
    Sip.Run run = Sip.run(harness.chain(profile), ctx, Sip.request("FOO"));

    assertThat(run.verdict().kind()).isEqualTo(Verdict.Kind.DROP);
    assertThat(ctx.options()).containsExactly("block-unknown");
  }

  @Test
  void blockUnknownDisabledForwardsUnrecognisedMethods() {
    VoipProfile profile = Harness.profile().blockUnknown(false).build();
    FakeContext ctx = new FakeContext(profile);
    assertThat(Sip.run(harness.chain(profile), ctx, Sip.request("FOO")).verdict())
        .isEqualTo(Verdict.forward());
    assertThat(ctx.violations).isEmpty();
  }

  @Test
  void methodsAreCaseSensitiveSoLowerCaseInviteIsUnknown() {
    VoipProfile profile = VoipProfile.defaults();
    FakeContext ctx = new FakeContext(profile);
    assertThat(Sip.run(harness.chain(profile), ctx, Sip.request("invite")).verdict().kind())
        .isEqualTo(Verdict.Kind.DROP);
    assertThat(ctx.options()).containsExactly("block-unknown");
  }

  @Test
  void blockGeoRedOptionsDropsOptionsButNotesTheKeepalive() {
    VoipProfile profile = Harness.profile().blockGeoRedOptions(true).build();
    FakeContext ctx = new FakeContext(profile);
    SipInspector chain = harness.chain(profile);
    Sip.run(chain, ctx, Sip.invite("geo@10.0.0.5"));
    ctx.serverToPhone();
    Sip.run(chain, ctx, Sip.inviteResponse("geo@192.0.2.1", "200 OK", true));
    long before = SessionState.peek(ctx).dialog("geo@10.0.0.5").lastActivityNanos;
    ctx.advanceSeconds(30);
    ctx.phoneToServer();

    Sip.Run run = Sip.run(chain, ctx, Sip.request("OPTIONS"));

    assertThat(run.verdict().kind()).isEqualTo(Verdict.Kind.DROP);
    assertThat(ctx.options()).containsExactly("block-geo-red-options");
    assertThat(SessionState.peek(ctx).dialog("geo@10.0.0.5").lastActivityNanos)
        .isGreaterThan(before);
    assertThat(Sip.run(chain, ctx, Sip.request("MESSAGE")).verdict()).isEqualTo(Verdict.forward());
  }

  @Test
  void responsesAreNeverBlocked() {
    VoipProfile profile = Harness.profile().block(SipMethodOption.INVITE, true).build();
    FakeContext ctx = new FakeContext(profile).serverToPhone();
    assertThat(Sip.run(harness.chain(profile), ctx, Sip.inviteResponse("x@y", "180 Ringing", false))
        .verdict()).isEqualTo(Verdict.forward());
  }
}
