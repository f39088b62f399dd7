package io.sipalg.api.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class SessionValuesTest {
  @Test
  void directionsKnowTheirLegs() {
    assertThat(Direction.PHONE_TO_SERVER.from()).isEqualTo(Leg.PHONE);
    assertThat(Direction.PHONE_TO_SERVER.to()).isEqualTo(Leg.SERVER);
    assertThat(Direction.arrivingOn(Leg.SERVER)).isEqualTo(Direction.SERVER_TO_PHONE);
    assertThat(Leg.PHONE.other()).isEqualTo(Leg.SERVER);
  }

  @Test
  void messageCountsAccountForHeldMessages() {
    MessageCounts counts = new MessageCounts(10, 6, 1, 2, 5);
    assertThat(counts.held()).isEqualTo(1);
    assertThat(counts.plus(counts)).isEqualTo(new MessageCounts(20, 12, 2, 4, 10));
    SessionCounters counters = new SessionCounters(counts, MessageCounts.ZERO);
    assertThat(counters.of(Direction.PHONE_TO_SERVER)).isEqualTo(counts);
    assertThat(counters.total()).isEqualTo(counts);
  }

  @Test
  void addressesGainTheServerSideLater() {
    InetSocketAddress phone = new InetSocketAddress("10.0.0.5", 40000);
    InetSocketAddress inside = new InetSocketAddress("10.0.0.1", 5061);
    SessionAddresses accepted = SessionAddresses.accepted(phone, inside);
    assertThat(accepted.algOutside()).isEmpty();
    SessionAddresses connected =
        accepted.withServerSide(
            new InetSocketAddress("192.0.2.1", 41000), new InetSocketAddress("192.0.2.9", 5061));
    assertThat(connected.phone()).isEqualTo(phone);
    assertThat(connected.algOutside()).contains(new InetSocketAddress("192.0.2.1", 41000));
  }

  @Test
  void closeReasonsSayWhereAndWhy() {
    CloseReason reason =
        CloseReason.on(Leg.PHONE, CloseReason.Cause.TLS_POLICY, "renegotiation denied");
    assertThat(reason).hasToString("PHONE: TLS_POLICY: renegotiation denied");
    assertThat(reason.isClean()).isFalse();
    assertThat(CloseReason.of(CloseReason.Cause.CLOSED_BY_HOST, "shutdown").isClean()).isTrue();
  }

  @Test
  void pinholesRejectImpossiblePorts() {
    assertThatThrownBy(() -> Pinhole.media("d", "udp", "10.0.0.5", 70000))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Pinhole.media("d", "udp", "10.0.0.5", 4000).translatedTo("192.0.2.1", 70000))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Pinhole.media("d", "udp", "10.0.0.5", 4000).translatedTo("192.0.2.1", 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pinholeFactoriesAndWithersReadAsSentences() {
    Pinhole rtp = Pinhole.media("c1;from-tag=7", "udp", "10.0.0.5", 49170);
    assertThat(rtp.origin()).isEqualTo("sdp");
    assertThat(rtp.rtcpPort()).isEqualTo(49171);
    assertThat(rtp.ipsInspect()).isTrue();
    assertThat(rtp.source()).isEmpty();
    assertThat(rtp.isTranslated()).isFalse();
    assertThat(rtp.translatedRtcpPort()).isZero();

    Pinhole natted = rtp.translatedTo("192.0.2.1", 5118).withSource("203.0.113.7").withIpsInspect(false);
    assertThat(natted.translatedAddress()).contains("192.0.2.1");
    assertThat(natted.translatedRtpPort()).isEqualTo(5118);
    assertThat(natted.translatedRtcpPort()).isEqualTo(5119);
    assertThat(natted.source()).contains("203.0.113.7");
    assertThat(natted.ipsInspect()).isFalse();
    assertThat(natted.address()).isEqualTo("10.0.0.5");
    assertThat(natted.rtpPort()).isEqualTo(49170);
    assertThat(natted).isNotEqualTo(rtp);
    assertThat(rtp.translatedTo("192.0.2.1", 5118)).isEqualTo(rtp.translatedTo("192.0.2.1", 5118));

    assertThat(rtp.withRtcpPort(53020).rtcpPort()).isEqualTo(53020);
    assertThat(rtp.withRtcpPort(53020).translatedTo("192.0.2.1", 5118).translatedRtcpPort()).isEqualTo(5119);
    Pinhole reg = Pinhole.signalling("register:r", "register-contact", "tcp", "10.0.0.5", 5061);
    assertThat(reg.rtcpPort()).isZero();
    assertThat(reg.ipsInspect()).isFalse();
    assertThat(Pinhole.media("d", "udp", "10.0.0.5", 65535).rtcpPort()).isZero();

    assertThatThrownBy(() -> reg.withSource("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Pinhole("d", "sdp", "udp", "10.0.0.5", 4000, 4001,
        java.util.Optional.empty(), java.util.Optional.of("192.0.2.1"), 0, true))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pinholesAreEqualExactlyWhenEveryComponentIs() {
    Pinhole base = new Pinhole("d", "sdp", "udp", "10.0.0.5", 4000, 4001,
        java.util.Optional.of("203.0.113.7"), java.util.Optional.of("192.0.2.1"), 5000, true);
    Pinhole same = new Pinhole(new String("d"), new String("sdp"), new String("udp"),
        new String("10.0.0.5"), 4000, 4001, java.util.Optional.of(new String("203.0.113.7")),
        java.util.Optional.of(new String("192.0.2.1")), 5000, true);
    assertThat(same).isEqualTo(base).hasSameHashCodeAs(base);
    java.util.List<Pinhole> differing = java.util.List.of(
        new Pinhole("e", "sdp", "udp", "10.0.0.5", 4000, 4001, base.source(),
            base.translatedAddress(), 5000, true),
        new Pinhole("d", "via", "udp", "10.0.0.5", 4000, 4001, base.source(),
            base.translatedAddress(), 5000, true),
        new Pinhole("d", "sdp", "tcp", "10.0.0.5", 4000, 4001, base.source(),
            base.translatedAddress(), 5000, true),
        new Pinhole("d", "sdp", "udp", "10.0.0.6", 4000, 4001, base.source(),
            base.translatedAddress(), 5000, true),
        new Pinhole("d", "sdp", "udp", "10.0.0.5", 4002, 4001, base.source(),
            base.translatedAddress(), 5000, true),
        new Pinhole("d", "sdp", "udp", "10.0.0.5", 4000, 4003, base.source(),
            base.translatedAddress(), 5000, true),
        new Pinhole("d", "sdp", "udp", "10.0.0.5", 4000, 4001, java.util.Optional.empty(),
            base.translatedAddress(), 5000, true),
        new Pinhole("d", "sdp", "udp", "10.0.0.5", 4000, 4001, base.source(),
            java.util.Optional.of("192.0.2.2"), 5000, true),
        new Pinhole("d", "sdp", "udp", "10.0.0.5", 4000, 4001, base.source(),
            base.translatedAddress(), 5002, true),
        new Pinhole("d", "sdp", "udp", "10.0.0.5", 4000, 4001, base.source(),
            base.translatedAddress(), 5000, false));
    for (Pinhole other : differing) {
      assertThat(other).isNotEqualTo(base);
      assertThat(base).isNotEqualTo(other);
    }
    assertThat(base).isNotEqualTo(null).isNotEqualTo("d");
  }
}
