package io.sipalg.tls;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sipalg.api.session.AlgSession;
import io.sipalg.api.session.Leg;

/**
 * Coverage-guided fuzzing of what the SIP server side (the real server, or whoever sits on that
 * path) can answer to the ALG's ClientHello: any bytes, cut anywhere, on SunJSSE or BCJSSE, with
 * {@code ssl-auth-server} on, so TLS 1.2 certificates the fuzzer bends reach the ALG's peer-group
 * trust manager and server-identity check. The upstream is connected at once ({@code
 * eagerUpstream}), so no phone handshake is needed per input. Checks: nothing thrown escapes the
 * session, the server leg never completes a handshake (the fuzzer cannot forge a Finished), a
 * closed session has a reason and a handshake-failure event, and once the handshake timeout passes
 * every session is closed. Seeds ({@code src/test/resources/io/sipalg/tls/ServerLegFuzzTestInputs/})
 * are real TLS 1.2 and 1.3 server flights of both providers and a SIP response instead of TLS.
 */
class ServerLegFuzzTest {
  private static final AlgHarness[] ALGS = {alg(TlsProvider.SUN_JSSE), alg(TlsProvider.BC_JSSE)};

  private static AlgHarness alg(TlsProvider provider) {
    AlgHarness.Setup setup = new AlgHarness.Setup();
    setup.provider = provider;
    setup.eagerUpstream = true;
    return new AlgHarness(setup);
  }

  /** Byte 0: the provider; byte 1: chunk sizes; the rest: what the server side sends. */
  @FuzzTest(maxDuration = "30s")
  void bytesFromAServer(byte[] input) {
    if (input.length < 2) {
      return;
    }
    AlgHarness h = ALGS[input[0] & 1];
    AlgSession session = LegFuzzing.newSession(h);
    assertThat(session.upstreamWanted()).isTrue();
    session.upstreamConnected(AlgHarness.ALG_OUTSIDE, AlgHarness.SERVER);
    LegFuzzing.drain(session); // the ClientHello
    LegFuzzing.feed(session, Leg.SERVER, input, 2, input[1] & 0xFF);
    LegFuzzing.assertNoHandshakeAndClosedByTheTimeout(h, session);
  }
}
