package io.sipalg.tls.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ssl-send-empty-frags: the 1/n-1 record split on SSL 3.0 / TLS 1.0 CBC sessions. */
class EmptyFragmentsTest {
  private static final int APPLICATION_DATA = 23;

  private static LegPair connect(JsseProvider p, String version, String suite,
      TestPki.Credential cred, boolean emptyFrags) {
    SSLEngine server = TestPki.serverEngine(TestPki.serverContext(p, cred), List.of(version),
        List.of(suite));
    SSLEngine client = TestPki.clientEngine(TestPki.clientContext(p, null), TestPki.HOST,
        TestPki.freshPort(), List.of(version), List.of(suite));
    LegPair pair = new LegPair(TlsLeg.builder(client).sendEmptyFragments(emptyFrags).build(),
        TlsLeg.builder(server).build()).handshake();
    assertThat(pair.clientError).isNull();
    assertThat(pair.client.handshake().orElseThrow().protocol()).isEqualTo(version);
    return pair;
  }

  /** Sends three writes, one flush each; returns the application records each produced. */
  private static long recordsPerWrite(LegPair pair) throws Exception {
    long before = LegPair.count(pair.clientRecords, APPLICATION_DATA);
    byte[] expected = new byte[0];
    for (int i = 0; i < 3; i++) {
      byte[] msg = new byte[1000 + i];
      new Random(i).nextBytes(msg);
      pair.send(pair.client, msg);
      pair.pump();
      expected = concat(expected, msg);
    }
    assertThat(pair.receivedByServer.toByteArray()).isEqualTo(expected);
    long records = LegPair.count(pair.clientRecords, APPLICATION_DATA) - before;
    assertThat(records % 3).isZero();
    return records / 3;
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void sunJsseSplitsEachWriteOnTls10CbcOnlyWhenEnabled(boolean enabled) throws Exception {
    LegPair pair = connect(JsseProvider.SUN_JSSE, "TLSv1", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
        TestPki.SERVER_EC, enabled);
    assertThat(pair.client.handshake().orElseThrow().splitsCbcRecords()).isEqualTo(enabled);
    assertThat(recordsPerWrite(pair)).isEqualTo(enabled ? 2 : 1);
    if (enabled) {
      // The first record of each write carries exactly one byte: 1/n-1.
      byte[] first = pair.clientRecords.get(pair.clientRecords.size() - 2);
      byte[] second = pair.clientRecords.get(pair.clientRecords.size() - 1);
      assertThat(first.length).isLessThan(second.length);
    }
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(JsseProvider.class)
  void splitsOnSsl3Cbc(JsseProvider p) throws Exception {
    LegPair pair = connect(p, "SSLv3", "TLS_RSA_WITH_AES_128_CBC_SHA", TestPki.SERVER_RSA, true);
    // SunJSSE: the leg's split; BCJSSE: its own (the leg leaves it alone).
    assertThat(pair.client.handshake().orElseThrow().splitsCbcRecords())
        .isEqualTo(p == JsseProvider.SUN_JSSE);
    assertThat(recordsPerWrite(pair)).isEqualTo(2);
  }

  @Test
  void sunJsseDoesNotSplitOnTls12Cbc() throws Exception {
    LegPair pair = connect(JsseProvider.SUN_JSSE, "TLSv1.2",
        "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", TestPki.SERVER_EC, true);
    assertThat(pair.client.handshake().orElseThrow().splitsCbcRecords()).isFalse();
    assertThat(recordsPerWrite(pair)).isEqualTo(1);
  }

  /** Measured: BCJSSE always splits on TLS 1.0 by itself; the leg leaves it alone. */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void bcJsseAlwaysSplitsOnTls10Cbc(boolean enabled) throws Exception {
    LegPair pair = connect(JsseProvider.BCJSSE, "TLSv1", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
        TestPki.SERVER_EC, enabled);
    assertThat(pair.client.handshake().orElseThrow().splitsCbcRecords()).isFalse();
    assertThat(recordsPerWrite(pair)).isEqualTo(2);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}
