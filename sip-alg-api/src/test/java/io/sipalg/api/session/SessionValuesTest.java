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
    assertThatThrownBy(() -> new Pinhole("d", "sdp", "udp", "10.0.0.5", 70000, 70001))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
