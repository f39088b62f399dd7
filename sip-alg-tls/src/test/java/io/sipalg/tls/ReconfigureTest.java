package io.sipalg.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipalg.api.TlsVersion;
import io.sipalg.api.VoipProfile;
import io.sipalg.api.inspect.SipInspector;
import io.sipalg.api.session.AlgSession;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link SipAlg#reconfigure}: new sessions get the new profiles (and a new inspector for a changed
 * profile), running sessions keep theirs, and a configuration that cannot be served changes
 * nothing.
 */
class ReconfigureTest {
  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void newSessionsGetTheChangedProfileWhileTheRunningOneKeepsItsOwn(TlsProvider provider) {
    AlgHarness running = harness(provider, new AtomicInteger());
    assertThat(phoneProtocol(running)).isEqualTo("TLSv1.3");

    running.alg.reconfigure(
        List.of(running.profile.toBuilder().sslMaxVersion(TlsVersion.TLS_1_2).build()),
        running.alg.certificates());

    AlgHarness next = running.nextSession().pump();
    assertThat(next.session.state()).isEqualTo(AlgSession.State.ESTABLISHED);
    assertThat(phoneProtocol(next)).isEqualTo("TLSv1.2");
    String register = SipMessages.register(1);
    running.phone.send(register);
    running.pump();
    assertThat(running.server.received()).isEqualTo(register);
    assertThat(phoneProtocol(running)).isEqualTo("TLSv1.3");
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void anUnchangedProfileKeepsItsInspectorAndAChangedOneGetsANewOne(TlsProvider provider) {
    AtomicInteger inspectorsMade = new AtomicInteger();
    AlgHarness h = harness(provider, inspectorsMade);
    assertThat(inspectorsMade).hasValue(1);

    h.alg.reconfigure(List.of(h.profile), h.alg.certificates());
    assertThat(inspectorsMade).as("same profile: same inspector").hasValue(1);

    h.alg.reconfigure(List.of(h.profile.toBuilder().comment("edited").build()),
        h.alg.certificates());
    assertThat(inspectorsMade).as("changed profile: a new inspector").hasValue(2);
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void aProfileLeftOutCanNoLongerBeNamed(TlsProvider provider) {
    AlgHarness h = harness(provider, new AtomicInteger());
    VoipProfile other = h.profile.toBuilder().name("other").build();

    h.alg.reconfigure(List.of(other), h.alg.certificates());

    assertThatThrownBy(h::nextSession)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'test'")
        .hasMessageContaining("[other]");
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void aProfileThatCannotBeServedLeavesTheRunningConfigurationInService(TlsProvider provider) {
    AlgHarness h = harness(provider, new AtomicInteger());
    long version = h.alg.certificates().version();
    VoipProfile broken = h.profile.toBuilder()
        .sslMaxVersion(TlsVersion.TLS_1_2).sslServerCertificate("no-such-certificate").build();

    assertThatThrownBy(() -> h.alg.reconfigure(List.of(broken), h.alg.certificates()))
        .isInstanceOf(AlgConfigurationException.class)
        .hasMessageContaining("no-such-certificate");

    assertThat(h.alg.certificates().version()).isEqualTo(version);
    AlgHarness next = h.nextSession().pump();
    assertThat(next.session.state()).isEqualTo(AlgSession.State.ESTABLISHED);
    assertThat(phoneProtocol(next)).isEqualTo("TLSv1.3");
  }

  private static AlgHarness harness(TlsProvider provider, AtomicInteger inspectorsMade) {
    AlgHarness.Setup setup = new AlgHarness.Setup();
    setup.provider = provider;
    setup.inspectors = profile -> {
      inspectorsMade.incrementAndGet();
      return SipInspector.passThrough();
    };
    return new AlgHarness(setup).pump();
  }

  private static String phoneProtocol(AlgHarness h) {
    return h.phone.engine().getSession().getProtocol();
  }
}
