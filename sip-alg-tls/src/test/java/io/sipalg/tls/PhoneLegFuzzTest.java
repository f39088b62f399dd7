package io.sipalg.tls;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sipalg.api.SslClientRenegotiation;
import io.sipalg.api.session.AlgEvent;
import io.sipalg.api.session.AlgSession;
import io.sipalg.api.session.Leg;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * Coverage-guided fuzzing of what a phone can send to a new session before its TLS handshake
 * completes: any bytes, cut anywhere, on SunJSSE or BCJSSE. The profile asks for
 * {@code ssl-client-renegotiation secure}, so the ALG's own ClientHello reassembly and parsing
 * ({@code ClientHelloParser}) and its record checks see every byte before the engine does, or for
 * {@code ssl-auth-client}, so client certificates reach the ALG's trust manager. Checks:
 * nothing thrown escapes the session, no handshake completes and no upstream is asked for (the
 * fuzzer cannot forge a Finished), a closed session has a reason and a handshake-failure event, and
 * once the handshake timeout passes every session is closed. In a normal build only the seeds in
 * {@code src/test/resources/io/sipalg/tls/PhoneLegFuzzTestInputs/} (real ClientHellos of both
 * providers, cut and corrupted) are replayed; {@code JAZZER_FUZZ=1} fuzzes for real (module
 * README).
 */
class PhoneLegFuzzTest {
  /**
   * Indexed by input byte 0: SunJSSE / BCJSSE with {@code ssl-client-renegotiation secure}, then
   * with {@code ssl-auth-client} naming a peer group whose peer requires CN phone-2 (TLS 1.2 client
   * certificates travel in clear, so bent ones reach the peer-group trust manager).
   */
  private static final AlgHarness[] ALGS = {
    alg(TlsProvider.SUN_JSSE, false), alg(TlsProvider.BC_JSSE, false),
    alg(TlsProvider.SUN_JSSE, true), alg(TlsProvider.BC_JSSE, true)
  };

  private static AlgHarness alg(TlsProvider provider, boolean clientAuth) {
    AlgHarness.Setup setup = new AlgHarness.Setup();
    setup.provider = provider;
    setup.profile = clientAuth
        ? b -> b.sslAuthClient("named-phones")
        : b -> b.sslClientRenegotiation(SslClientRenegotiation.SECURE);
    return new AlgHarness(setup);
  }

  /**
   * The fuzzer's first finding: BCJSSE hands on an SNI entry that is no host name. The leg must
   * not fail on it (it once threw out of receive; now the catch-all would report "internal").
   */
  @Test
  void anSniEntryThatIsNoHostNameIsLeftOutNotAFailure() throws Exception {
    byte[] input;
    try (InputStream in = getClass().getResourceAsStream(
        "PhoneLegFuzzTestInputs/bytesFromAPhone/bcjsse-sni-that-is-no-host-name")) {
      input = in.readAllBytes();
    }
    AlgHarness h = ALGS[input[0] & 3];
    AlgSession session = LegFuzzing.newSession(h);
    LegFuzzing.feed(session, Leg.PHONE, input, 2, input[1] & 0xFF);
    assertThat(h.events(AlgEvent.HandshakeFailed.class)).noneMatch(f -> f.check().equals("internal"));
  }

  /** Byte 0: the ALG ({@link #ALGS}); byte 1: chunk sizes; the rest: what the phone sends. */
  @FuzzTest(maxDuration = "30s")
  void bytesFromAPhone(byte[] input) {
    if (input.length < 2) {
      return;
    }
    AlgHarness h = ALGS[input[0] & 3];
    AlgSession session = LegFuzzing.newSession(h);
    LegFuzzing.feed(session, Leg.PHONE, input, 2, input[1] & 0xFF);
    assertThat(session.upstreamWanted()).as("upstream asked for without a handshake").isFalse();
    LegFuzzing.assertNoHandshakeAndClosedByTheTimeout(h, session);
    assertThat(h.events(AlgEvent.HandshakeFailed.class))
        .allSatisfy(f -> assertThat(f.leg()).isEqualTo(Leg.PHONE));
  }
}
