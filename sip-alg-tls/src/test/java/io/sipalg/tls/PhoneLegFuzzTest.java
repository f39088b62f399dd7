package io.sipalg.tls;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sipalg.api.SslClientRenegotiation;
import io.sipalg.api.session.AlgEvent;
import io.sipalg.api.session.AlgSession;
import io.sipalg.api.session.Leg;
import io.sipalg.api.session.SessionAddresses;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * Coverage-guided fuzzing of what a phone can send to a new session before its TLS handshake
 * completes: any bytes, cut anywhere, on SunJSSE or BCJSSE. The profile asks for
 * {@code ssl-client-renegotiation secure}, so the ALG's own ClientHello reassembly and parsing
 * ({@code ClientHelloParser}) and its record checks see every byte before the engine does. Checks:
 * nothing thrown escapes the session, no handshake completes and no upstream is asked for (the
 * fuzzer cannot forge a Finished), a closed session has a reason and a handshake-failure event, and
 * once the handshake timeout passes every session is closed. In a normal build only the seeds in
 * {@code src/test/resources/io/sipalg/tls/PhoneLegFuzzTestInputs/} (real ClientHellos of both
 * providers, cut and corrupted) are replayed; {@code JAZZER_FUZZ=1} fuzzes for real (module
 * README).
 */
class PhoneLegFuzzTest {
  private static final AlgHarness[] ALGS = {alg(TlsProvider.SUN_JSSE), alg(TlsProvider.BC_JSSE)};

  private static AlgHarness alg(TlsProvider provider) {
    AlgHarness.Setup setup = new AlgHarness.Setup();
    setup.provider = provider;
    setup.profile = b -> b.sslClientRenegotiation(SslClientRenegotiation.SECURE);
    return new AlgHarness(setup);
  }

  /** Byte 0: the provider; byte 1: chunk sizes; the rest: what the phone sends. */
  @FuzzTest(maxDuration = "30s")
  void bytesFromAPhone(byte[] input) {
    if (input.length < 2) {
      return;
    }
    AlgHarness h = ALGS[input[0] & 1];
    h.events.clear();
    AlgSession session = h.alg.newSession(SessionAddresses.accepted(AlgHarness.PHONE,
        AlgHarness.ALG_INSIDE), "test");
    int sizes = input[1] & 0xFF;
    int p = 2;
    for (int k = 0; p < input.length && session.wantsToRead(Leg.PHONE); k++) {
      int chunk = Math.min(input.length - p, 1 + (sizes * (k + 3) + 31 * k) % 700);
      ByteBuffer bytes = ByteBuffer.wrap(input, p, chunk);
      session.receive(Leg.PHONE, bytes);
      p += chunk - bytes.remaining();
      ByteBuffer out = session.outbound(Leg.PHONE); // the host writes what the ALG answers
      out.position(out.limit());
      if (bytes.hasRemaining()) {
        break; // the session took no more (closing, or waiting for the caller)
      }
    }
    assertThat(h.events(AlgEvent.HandshakeCompleted.class)).isEmpty();
    assertThat(session.upstreamWanted()).as("upstream asked for without a handshake").isFalse();
    assertClosedProperly(h, session);
    session.tick(h.now + Duration.ofMinutes(10).toNanos()); // past any handshake timeout
    assertThat(session.isClosed()).as("closed once the handshake timeout passed").isTrue();
    assertClosedProperly(h, session);
  }

  private static void assertClosedProperly(AlgHarness h, AlgSession session) {
    if (session.isClosed()) {
      assertThat(session.closeReason()).isPresent();
      assertThat(h.events(AlgEvent.SessionClosed.class)).hasSize(1);
      assertThat(h.events(AlgEvent.HandshakeFailed.class)).isNotEmpty()
          .allSatisfy(f -> assertThat(f.leg()).isEqualTo(Leg.PHONE));
    }
  }
}
