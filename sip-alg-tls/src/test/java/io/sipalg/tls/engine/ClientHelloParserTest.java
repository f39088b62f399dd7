package io.sipalg.tls.engine;

import io.sipalg.api.SslClientRenegotiation;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ClientHelloParserTest {
  /** The first record a real client leg sends. */
  private static byte[] realHelloRecord(JsseProvider p, List<String> versions) throws Exception {
    TlsLeg client = TlsLeg.builder(TestPki.clientEngine(TestPki.clientContext(p, null), versions))
        .build();
    client.beginHandshake();
    ByteBuffer out = client.networkOutbound();
    byte[] all = new byte[out.remaining()];
    out.get(all);
    return all;
  }

  private static byte[] body(byte[] record) {
    return Arrays.copyOfRange(record, 5, record.length);
  }

  @ParameterizedTest
  @EnumSource(JsseProvider.class)
  void readsARealClientHello(JsseProvider p) throws Exception {
    byte[] record = realHelloRecord(p, List.of("TLSv1.2", "TLSv1.3"));
    ClientHelloParser.Result r = ClientHelloParser.parseMessage(ByteBuffer.wrap(body(record)));
    assertThat(r.status()).isEqualTo(ClientHelloParser.Status.COMPLETE);
    ClientHello h = r.hello();
    assertThat(h.legacyVersion()).isEqualTo(0x0303);
    assertThat(h.supportedVersions()).contains(0x0304, 0x0303);
    assertThat(h.highestVersion()).isEqualTo(0x0304);
    assertThat(h.offersOnlyTls13()).isFalse();
    assertThat(h.serverNames()).containsExactly(TestPki.HOST);
    assertThat(h.indicatesSecureRenegotiation()).isTrue();
    assertThat(h.cipherSuites()).contains(0x1301);
    assertThat(h.hasRenegotiationScsv()).isTrue(); // both providers signal RFC 5746 with the SCSV
  }

  @Test
  void reassemblesAHelloSplitAcrossRecords() throws Exception {
    byte[] message = body(realHelloRecord(JsseProvider.SUN_JSSE, List.of("TLSv1.2", "TLSv1.3")));
    ClientHelloParser parser = new ClientHelloParser();
    int[] cuts = {0, 2, 3, 50, message.length - 1, message.length};
    ClientHelloParser.Result r = null;
    for (int i = 0; i + 1 < cuts.length; i++) {
      r = parser.offer(ByteBuffer.wrap(Arrays.copyOfRange(message, cuts[i], cuts[i + 1])));
      if (i + 2 < cuts.length) {
        assertThat(r.status()).isEqualTo(ClientHelloParser.Status.NEED_MORE);
      }
    }
    assertThat(r.status()).isEqualTo(ClientHelloParser.Status.COMPLETE);
    assertThat(r.hello().serverNames()).containsExactly(TestPki.HOST);
  }

  @Test
  void guardReassemblesAHelloSplitAcrossRecordsOnARealLeg() throws Exception {
    byte[] message = CraftedHello.message(false, false, "split.example.test");
    RenegotiationGuard guard = new RenegotiationGuard(SslClientRenegotiation.SECURE,
        JsseProvider.SUN_JSSE);
    TlsLeg server = TlsLeg.builder(TestPki.serverEngine(
        TestPki.serverContext(JsseProvider.SUN_JSSE, TestPki.SERVER_EC), List.of("TLSv1.2"), null))
        .recordObserver(guard).build();
    server.receive(ByteBuffer.wrap(CraftedHello.wrapRecord(Arrays.copyOfRange(message, 0, 30))));
    assertThat(server.state()).isEqualTo(LegState.HANDSHAKING);
    try {
      server.receive(ByteBuffer.wrap(CraftedHello.wrapRecord(
          Arrays.copyOfRange(message, 30, message.length))));
    } catch (TlsLegException e) {
      assertThat(e.reason()).isEqualTo(FailureReason.SECURE_RENEGOTIATION_UNSUPPORTED);
    }
    assertThat(server.state()).isEqualTo(LegState.FAILED);
    assertThat(guard.clientHello().orElseThrow().serverNames())
        .containsExactly("split.example.test");
  }

  @Test
  void reportsMalformedHellosWithATypedError() {
    byte[] good = CraftedHello.message(true, true, "a.example");
    assertThat(parse(good).status()).isEqualTo(ClientHelloParser.Status.COMPLETE);
    // Not a ClientHello.
    byte[] serverHello = good.clone();
    serverHello[0] = 2;
    assertThat(parse(serverHello).error()).contains("not ClientHello");
    // Declared longer than the limit.
    byte[] huge = good.clone();
    huge[1] = 0x10;
    assertThat(parse(huge).error()).contains("more than");
    // Odd cipher suite length.
    byte[] odd = good.clone();
    odd[4 + 2 + 32 + 1 + 1] = 3;
    assertThat(parse(odd).status()).isEqualTo(ClientHelloParser.Status.MALFORMED);
    // Bytes after the extensions.
    byte[] trailing = Arrays.copyOf(good, good.length + 1);
    trailing[3] = (byte) (trailing[3] + 1);
    assertThat(parse(trailing).error()).contains("after the extensions");
  }

  @Test
  void neverThrowsOnRandomOrTruncatedInput() {
    byte[] good = CraftedHello.message(true, true, "fuzz.example");
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      byte[] b = good.clone();
      int flips = 1 + random.nextInt(4);
      for (int f = 0; f < flips; f++) {
        b[random.nextInt(b.length)] = (byte) random.nextInt(256);
      }
      if (random.nextBoolean()) {
        b = Arrays.copyOf(b, random.nextInt(b.length + 1));
      }
      ClientHelloParser.Result r = parse(b);
      assertThat(r.status()).isNotNull();
      if (r.status() == ClientHelloParser.Status.MALFORMED) {
        assertThat(r.error()).isNotBlank();
      }
    }
    for (int i = 0; i < 2_000; i++) {
      byte[] b = new byte[random.nextInt(300)];
      random.nextBytes(b);
      assertThat(parse(b).status()).isNotNull();
    }
  }

  @Test
  void boundsTheReassemblyBuffer() {
    ClientHelloParser parser = new ClientHelloParser();
    byte[] header = {1, 0, 0x7f, (byte) 0xff}; // declares 32767 bytes
    assertThat(parser.offer(ByteBuffer.wrap(header)).status())
        .isEqualTo(ClientHelloParser.Status.NEED_MORE);
    ClientHelloParser.Result r = null;
    for (int i = 0; i < 10; i++) {
      r = parser.offer(ByteBuffer.wrap(new byte[16384]));
    }
    assertThat(r.status()).isEqualTo(ClientHelloParser.Status.MALFORMED);
  }

  private static ClientHelloParser.Result parse(byte[] message) {
    return ClientHelloParser.parseMessage(ByteBuffer.wrap(message));
  }
}
