package io.sipalg.tls.engine;

import static io.sipalg.tls.engine.TestPki.CLIENT;
import static io.sipalg.tls.engine.TestPki.SERVER_EC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class TlsLegTest {
  static Stream<Arguments> providersAndVersions() {
    List<Arguments> args = new ArrayList<>();
    for (JsseProvider p : JsseProvider.values()) {
      for (String v : List.of("TLSv1.2", "TLSv1.3")) {
        args.add(Arguments.of(p, v));
      }
    }
    return args.stream();
  }

  static LegPair pair(JsseProvider provider, String version) {
    SSLEngine server = TestPki.serverEngine(TestPki.serverContext(provider, SERVER_EC),
        List.of(version), null);
    SSLEngine client = TestPki.clientEngine(TestPki.clientContext(provider, CLIENT), List.of(version));
    return new LegPair(TlsLeg.builder(client).build(), TlsLeg.builder(server).build());
  }

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  @ParameterizedTest
  @EnumSource(JsseProvider.class)
  void anUncheckedExceptionFromTheEngineFailsTheLegInsteadOfReachingTheCaller(JsseProvider p)
      throws Exception {
    TlsLeg client = TlsLeg.builder(
        TestPki.clientEngine(TestPki.clientContext(p, CLIENT), List.of("TLSv1.3"))).build();
    client.beginHandshake();
    ByteBuffer hello = ByteBuffer.allocate(client.pendingNetworkBytes());
    client.drainNetworkOutbound(hello);
    SSLEngine real = TestPki.serverEngine(TestPki.serverContext(p, SERVER_EC), List.of("TLSv1.3"), null);
    TlsLeg server = TlsLeg.builder(new ThrowingEngine(real, false, true)).build();

    assertThatThrownBy(() -> server.receive(hello.flip())).isInstanceOf(TlsLegException.class)
        .satisfies(e -> assertThat(((TlsLegException) e).failure().reason())
            .isEqualTo(FailureReason.INTERNAL))
        .hasMessageContaining("provider bug in unwrap");
    assertThat(server.state()).isEqualTo(LegState.FAILED);
    assertThat(server.plaintextAvailable()).as("half-written plaintext is not handed out").isZero();
    assertThatThrownBy(server::resume).isInstanceOf(TlsLegException.class);

    SSLEngine realClient = TestPki.clientEngine(TestPki.clientContext(p, CLIENT), List.of("TLSv1.3"));
    TlsLeg broken = TlsLeg.builder(new ThrowingEngine(realClient, true, false)).build();
    assertThatThrownBy(broken::beginHandshake).isInstanceOf(TlsLegException.class)
        .hasMessageContaining("provider bug in wrap");
    assertThat(broken.state()).isEqualTo(LegState.FAILED);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("providersAndVersions")
  void handshakesAndMovesDataBothWaysByteForByte(JsseProvider provider, String version)
      throws Exception {
    List<HandshakeInfo> serverEvents = new ArrayList<>();
    SSLEngine serverEngine = TestPki.serverEngine(TestPki.serverContext(provider, SERVER_EC),
        List.of(version), null);
    serverEngine.setNeedClientAuth(true);
    TlsLeg server = TlsLeg.builder(serverEngine).onHandshake(serverEvents::add).build();
    TlsLeg client = TlsLeg.builder(
        TestPki.clientEngine(TestPki.clientContext(provider, CLIENT), List.of(version))).build();
    LegPair pair = new LegPair(client, server).handshake();

    assertThat(pair.clientError).isNull();
    assertThat(pair.serverError).isNull();
    assertThat(client.state()).isEqualTo(LegState.ESTABLISHED);
    assertThat(server.state()).isEqualTo(LegState.ESTABLISHED);
    HandshakeInfo info = server.handshake().orElseThrow();
    assertThat(serverEvents).containsExactly(info);
    assertThat(info.protocol()).isEqualTo(version);
    assertThat(info.cipherSuite()).contains("AES_").contains("GCM");
    assertThat(info.requestedServerNames()).containsExactly(TestPki.HOST);
    assertThat(info.peerCertificates()).first().isEqualTo(CLIENT.cert());
    assertThat(info.resumed()).isFalse();
    assertThat(client.handshake().orElseThrow().peerCertificates()).first()
        .isEqualTo(SERVER_EC.cert());
    assertThat(client.handshake().orElseThrow().requestedServerNames()).isEmpty();

    byte[] up = random(50_000, 1);
    byte[] down = random(70_001, 2);
    pair.send(client, up);
    pair.send(server, down);
    pair.pump();
    assertSameBytes(pair.receivedByServer.toByteArray(), up);
    assertSameBytes(pair.receivedByClient.toByteArray(), down);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("providersAndVersions")
  void reassemblesOneMessageSplitAcrossManyRecordsAndReads(JsseProvider provider, String version)
      throws Exception {
    LegPair pair = pair(provider, version).handshake();
    pair.chunk = 7; // every record arrives in many small reads
    byte[] message = random(40_000, 3);
    for (int i = 0; i < message.length; i += 1000) {
      pair.send(pair.client, java.util.Arrays.copyOfRange(message, i, i + 1000));
      pair.client.flush(); // one record per 1000 bytes
    }
    int before = pair.clientRecords.size();
    pair.pump();
    assertThat(pair.clientRecords.size() - before).isGreaterThanOrEqualTo(40);
    assertThat(pair.receivedByServer.toByteArray()).isEqualTo(message);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("providersAndVersions")
  void coalescesSmallWritesIntoOneRecord(JsseProvider provider, String version) throws Exception {
    LegPair pair = pair(provider, version).handshake();
    pair.pump();
    int before = pair.clientRecords.size();
    byte[] all = new byte[0];
    for (int i = 0; i < 100; i++) {
      byte[] small = ("msg " + i + "\r\n").getBytes();
      pair.send(pair.client, small);
      all = concat(all, small);
    }
    assertThat(pair.client.pendingOutboundBytes()).isEqualTo(all.length);
    pair.pump();
    assertThat(pair.clientRecords.subList(before, pair.clientRecords.size())).hasSize(1);
    assertThat(pair.receivedByServer.toByteArray()).isEqualTo(all);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("providersAndVersions")
  void exchangesCloseNotifyBothWays(JsseProvider provider, String version) throws Exception {
    LegPair pair = pair(provider, version).handshake();
    pair.send(pair.client, "last words".getBytes());
    pair.client.closeOutbound();
    // BCJSSE has no half-close: closing the outbound side ends the inbound side too.
    assertThat(pair.client.state())
        .isEqualTo(provider == JsseProvider.BCJSSE ? LegState.CLOSED : LegState.CLOSE_SENT);
    pair.pump();
    assertThat(pair.receivedByServer.toString()).isEqualTo("last words");
    assertThat(pair.server.state()).isIn(LegState.CLOSE_RECEIVED, LegState.CLOSED);
    if (pair.server.state() == LegState.CLOSE_RECEIVED) {
      pair.send(pair.server, "reply after half-close".getBytes());
      pair.server.closeOutbound();
      pair.pump();
      assertThat(pair.receivedByClient.toString()).isEqualTo("reply after half-close");
    }
    assertThat(pair.server.state()).isEqualTo(LegState.CLOSED);
    assertThat(pair.client.state()).isEqualTo(LegState.CLOSED);
    assertThat(pair.server.receiveEndOfStream()).isEqualTo(EndOfStream.CLEAN);
    assertThat(pair.client.receiveEndOfStream()).isEqualTo(EndOfStream.CLEAN);
    assertThat(pair.clientError).isNull();
    assertThat(pair.serverError).isNull();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("providersAndVersions")
  void detectsTruncation(JsseProvider provider, String version) throws Exception {
    LegPair pair = pair(provider, version).handshake();
    pair.send(pair.client, "data".getBytes());
    pair.pump();
    assertThat(pair.server.receiveEndOfStream()).isEqualTo(EndOfStream.TRUNCATED);
    assertThat(pair.server.state()).isEqualTo(LegState.FAILED);
    assertThat(pair.server.failure().orElseThrow().reason()).isEqualTo(FailureReason.TRUNCATED);
    assertThatThrownBy(() -> pair.server.send(ByteBuffer.wrap(new byte[1])))
        .isInstanceOf(TlsLegException.class).hasMessageContaining("TRUNCATED");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("providersAndVersions")
  void idleEstablishedLegRetainsNoBuffers(JsseProvider provider, String version) throws Exception {
    LegPair pair = pair(provider, version).handshake();
    pair.send(pair.client, random(30_000, 4));
    pair.send(pair.server, random(30_000, 5));
    pair.pump();
    assertThat(pair.server.retainedBufferCapacity()).isZero();
    assertThat(pair.client.retainedBufferCapacity()).isLessThan(20 * 1024).isZero();
    // While data waits, buffers are held; once drained they go back.
    pair.send(pair.client, random(100, 6));
    pair.client.flush();
    assertThat(pair.client.retainedBufferCapacity()).isGreaterThan(0);
    pair.pump();
    assertThat(pair.client.retainedBufferCapacity()).isZero();
  }

  @ParameterizedTest
  @EnumSource(JsseProvider.class)
  void appliesBackpressureWhenPlaintextIsNotDrained(JsseProvider provider) throws Exception {
    LegPair pair = pair(provider, "TLSv1.3").handshake();
    byte[] big = random(200_000, 7);
    pair.send(pair.client, big);
    pair.client.flush();
    byte[] wire = new byte[pair.client.pendingNetworkBytes()];
    pair.client.drainNetworkOutbound(ByteBuffer.wrap(wire));
    ByteBuffer in = ByteBuffer.wrap(wire);
    int consumed = pair.server.receive(in);
    assertThat(consumed).isLessThan(wire.length);
    assertThat(pair.server.plaintextAvailable()).isLessThanOrEqualTo(2 * 16_704 + 1);
    assertThat(pair.server.retainedBufferCapacity()).isLessThan(64 * 1024);
    java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
    while (in.hasRemaining() || pair.server.plaintextAvailable() > 0) {
      LegPair.drain(pair.server, got);
      pair.server.resume();
      pair.server.receive(in);
      assertThat(pair.server.retainedBufferCapacity()).isLessThan(64 * 1024);
    }
    LegPair.drain(pair.server, got);
    assertThat(got.toByteArray()).isEqualTo(big);
  }

  @ParameterizedTest
  @EnumSource(JsseProvider.class)
  void runsDelegatedTasksOnTheCallersExecutorAndReportsWaiting(JsseProvider provider)
      throws Exception {
    List<Runnable> queued = new ArrayList<>();
    AtomicInteger callbacks = new AtomicInteger();
    SSLEngine serverEngine = TestPki.serverEngine(TestPki.serverContext(provider, SERVER_EC),
        List.of("TLSv1.2", "TLSv1.3"), null);
    TlsLeg server = TlsLeg.builder(serverEngine)
        .delegatedTasks(queued::add, callbacks::incrementAndGet).build();
    TlsLeg client = TlsLeg.builder(
        TestPki.clientEngine(TestPki.clientContext(provider, null), List.of("TLSv1.3"))).build();
    client.beginHandshake();
    int rounds = 0;
    while (server.state() != LegState.ESTABLISHED || client.state() != LegState.ESTABLISHED) {
      assertThat(rounds++).isLessThan(100);
      move(client, server, queued);
      move(server, client, queued);
    }
    if (provider == JsseProvider.SUN_JSSE) {
      assertThat(callbacks.get()).isPositive(); // SunJSSE delegates; BCJSSE computes inline
    }
    server.send(ByteBuffer.wrap("ok".getBytes()));
    server.flush();
    move(server, client, queued);
    assertThat(client.plaintextAvailable()).isEqualTo(2);
  }

  /** Moves all ciphertext; when the receiver waits for a task, the test "executor" runs it. */
  private static void move(TlsLeg from, TlsLeg to, List<Runnable> queued) throws TlsLegException {
    byte[] b = new byte[from.pendingNetworkBytes()];
    from.drainNetworkOutbound(ByteBuffer.wrap(b));
    ByteBuffer in = ByteBuffer.wrap(b);
    while (true) {
      to.receive(in);
      while (!queued.isEmpty()) {
        assertThat(to.awaitingTask()).isTrue();
        queued.remove(0).run(); // runs the engine's tasks, then the callback
        assertThat(to.awaitingTask()).isFalse();
        to.resume();
      }
      if (!in.hasRemaining()) {
        return;
      }
    }
  }

  static void assertSameBytes(byte[] actual, byte[] expected) {
    assertThat(actual.length).as("length").isEqualTo(expected.length);
    assertThat(java.util.Arrays.mismatch(actual, expected)).as("first difference").isEqualTo(-1);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}
