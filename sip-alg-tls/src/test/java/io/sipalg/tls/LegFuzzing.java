package io.sipalg.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipalg.api.session.AlgEvent;
import io.sipalg.api.session.AlgSession;
import io.sipalg.api.session.Leg;
import io.sipalg.api.session.SessionAddresses;
import java.nio.ByteBuffer;
import java.time.Duration;

/** What the TLS-side fuzz tests share: feeding one leg in chunks, and the checks at the end. */
final class LegFuzzing {
  private LegFuzzing() {}

  /** A new session of {@code h}'s ALG, with the harness's events cleared. */
  static AlgSession newSession(AlgHarness h) {
    h.events.clear();
    return h.alg.newSession(
        SessionAddresses.accepted(AlgHarness.PHONE, AlgHarness.ALG_INSIDE), "test");
  }

  /**
   * Feeds {@code input[from..]} to {@code leg} in chunks whose sizes {@code sizes} picks, writing
   * out whatever the session sends meanwhile, until the input ends or the session takes no more.
   */
  static void feed(AlgSession session, Leg leg, byte[] input, int from, int sizes) {
    int p = from;
    for (int k = 0; p < input.length && session.wantsToRead(leg); k++) {
      int chunk = Math.min(input.length - p, 1 + (sizes * (k + 3) + 31 * k) % 900);
      ByteBuffer bytes = ByteBuffer.wrap(input, p, chunk);
      session.receive(leg, bytes);
      p += chunk - bytes.remaining();
      drain(session);
      if (bytes.hasRemaining()) {
        return; // the session took no more (closing, or waiting for the caller)
      }
    }
  }

  /** Plays the host writing out what the session sends on both legs. */
  static void drain(AlgSession session) {
    for (Leg leg : Leg.values()) {
      ByteBuffer out = session.outbound(leg);
      out.position(out.limit());
    }
  }

  /**
   * No handshake completed (the fuzzer cannot forge a Finished); a closed session has a reason,
   * one close event and a handshake failure; once the handshake timeout passes, it is closed.
   */
  static void assertNoHandshakeAndClosedByTheTimeout(AlgHarness h, AlgSession session) {
    assertThat(h.events(AlgEvent.HandshakeCompleted.class)).isEmpty();
    assertClosedProperly(h, session);
    session.tick(h.now + Duration.ofMinutes(10).toNanos()); // past any handshake timeout
    assertThat(session.isClosed()).as("closed once the handshake timeout passed").isTrue();
    assertClosedProperly(h, session);
  }

  private static void assertClosedProperly(AlgHarness h, AlgSession session) {
    if (session.isClosed()) {
      assertThat(session.closeReason()).isPresent();
      assertThat(h.events(AlgEvent.SessionClosed.class)).hasSize(1);
      assertThat(h.events(AlgEvent.HandshakeFailed.class)).isNotEmpty();
    }
  }
}
