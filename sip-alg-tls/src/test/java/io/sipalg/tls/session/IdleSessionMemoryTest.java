package io.sipalg.tls.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipalg.tls.AlgHarness;
import io.sipalg.tls.SipMessages;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What an idle established session keeps: the TLS legs return their buffers to the pool as soon as
 * they are idle, the framers release theirs after the quiet period. Target: well under 40 KB.
 */
class IdleSessionMemoryTest {
  @Test
  void anIdleEstablishedSessionReleasesItsBuffers() {
    AlgHarness h = AlgHarness.standard().pump();
    String register = SipMessages.register(1);
    h.phone.send(register);
    h.pump();
    h.server.send(SipMessages.ok(register));
    h.pump();
    ProxySession session = (ProxySession) h.session;
    int busy = session.retainedBufferBytes();
    assertThat(busy).as("framers keep their buffers while traffic flows").isPositive();
    assertThat(session.nextDeadlineNanos()).isEqualTo(h.now + Duration.ofSeconds(2).toNanos());

    h.advance(Duration.ofSeconds(2));
    assertThat(session.retainedBufferBytes()).isZero();
    assertThat(session.nextDeadlineNanos()).isEqualTo(Long.MAX_VALUE);

    // and it still works afterwards
    h.phone.send(SipMessages.register(2));
    h.pump();
    assertThat(h.server.received()).endsWith(SipMessages.register(2));
  }
}
