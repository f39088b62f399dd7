package io.sipalg.tls.engine;

import static io.sipalg.tls.engine.TestPki.SERVER_EC;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Resumption and record observation, on both providers. */
class HandshakeObservationTest {
  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> versions() {
    List<org.junit.jupiter.params.provider.Arguments> args = new ArrayList<>();
    for (JsseProvider p : JsseProvider.values()) {
      for (String v : List.of("TLSv1.2", "TLSv1.3")) {
        args.add(org.junit.jupiter.params.provider.Arguments.of(p, v));
      }
    }
    return args.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @org.junit.jupiter.params.provider.MethodSource("versions")
  void reportsAResumedSession(JsseProvider p, String version) throws Exception {
    SSLContext serverCtx = TestPki.serverContext(p, SERVER_EC);
    SSLContext clientCtx = TestPki.clientContext(p, null);
    int port = TestPki.freshPort();
    // Measured: BCJSSE 1.84 does not resume TLS 1.3 sessions (each handshake is a full one).
    boolean resumes = !(p == JsseProvider.BCJSSE && version.equals("TLSv1.3"));
    List<Boolean> resumed = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      SSLEngine server = TestPki.serverEngine(serverCtx, List.of(version), null);
      SSLEngine client = TestPki.clientEngine(clientCtx, TestPki.HOST, port, List.of(version),
          null);
      LegPair pair = new LegPair(TlsLeg.builder(client).build(), TlsLeg.builder(server).build())
          .handshake();
      // TLS 1.3 tickets arrive after the handshake: let a little data flow so the client has one.
      pair.send(pair.server, "ping".getBytes());
      pair.pump();
      assertThat(pair.serverError).isNull();
      resumed.add(pair.server.handshake().orElseThrow().resumed());
      assertThat(pair.client.handshake().orElseThrow().resumed()).isEqualTo(resumes && i == 1);
    }
    assertThat(resumed).containsExactly(false, resumes);
  }

  @ParameterizedTest
  @EnumSource(JsseProvider.class)
  void showsEveryWholeRecordToTheObserverBeforeUnwrap(JsseProvider p) throws Exception {
    List<InboundRecord> seen = new ArrayList<>();
    List<byte[]> seenBytes = new ArrayList<>();
    RecordObserver observer = r -> {
      seen.add(r);
      byte[] b = new byte[r.bytes().remaining()];
      r.bytes().duplicate().get(b);
      seenBytes.add(b);
      return RecordVerdict.PASS;
    };
    SSLEngine server = TestPki.serverEngine(TestPki.serverContext(p, SERVER_EC),
        List.of("TLSv1.2"), null);
    SSLEngine client = TestPki.clientEngine(TestPki.clientContext(p, null), List.of("TLSv1.2"));
    LegPair pair = new LegPair(TlsLeg.builder(client).build(),
        TlsLeg.builder(server).recordObserver(observer).build());
    pair.chunk = 3; // records arrive in pieces; the observer still sees each whole record once
    pair.handshake();
    pair.send(pair.client, "OPTIONS sip:x SIP/2.0\r\n\r\n".getBytes());
    pair.pump();
    assertThat(seenBytes).hasSameSizeAs(pair.clientRecords);
    for (int i = 0; i < seenBytes.size(); i++) {
      assertThat(seenBytes.get(i)).isEqualTo(pair.clientRecords.get(i));
    }
    assertThat(seen.get(0).contentType()).isEqualTo(22);
    assertThat(seen.get(0).initialHandshakeComplete()).isFalse();
    assertThat(seen.get(0).protocol()).isNull();
    InboundRecord last = seen.get(seen.size() - 1);
    assertThat(last.contentType()).isEqualTo(23);
    assertThat(last.initialHandshakeComplete()).isTrue();
    assertThat(last.protocol()).isEqualTo("TLSv1.2");
    assertThat(last.version()).isEqualTo(0x0303);
    assertThat(last.body().remaining()).isEqualTo(last.bytes().remaining() - 5);
  }

  @ParameterizedTest
  @EnumSource(JsseProvider.class)
  void rejectsBytesThatAreNotTls(JsseProvider p) {
    TlsLeg server = TlsLeg.builder(TestPki.serverEngine(TestPki.serverContext(p, SERVER_EC),
        List.of("TLSv1.2"), null)).build();
    try {
      server.receive(ByteBuffer.wrap("REGISTER sip:example.test SIP/2.0\r\n".getBytes()));
    } catch (TlsLegException e) {
      assertThat(e.reason()).isEqualTo(FailureReason.NOT_TLS);
    }
    assertThat(server.state()).isEqualTo(LegState.FAILED);
    assertThat(server.retainedBufferCapacity()).isZero();
  }

  @ParameterizedTest
  @EnumSource(JsseProvider.class)
  void holdsStagedPlaintextUntilTheHandshakeCompletes(JsseProvider p) throws Exception {
    SSLEngine server = TestPki.serverEngine(TestPki.serverContext(p, SERVER_EC),
        List.of("TLSv1.3"), null);
    SSLEngine client = TestPki.clientEngine(TestPki.clientContext(p, null), List.of("TLSv1.3"));
    LegPair pair = new LegPair(TlsLeg.builder(client).build(), TlsLeg.builder(server).build());
    pair.send(pair.client, "early INVITE".getBytes()); // the ALG forwards before the leg is up
    pair.handshake();
    assertThat(pair.receivedByServer.toString()).isEqualTo("early INVITE");
    assertThat(pair.client.unsentPlaintext()).isZero();
  }

  @ParameterizedTest
  @EnumSource(JsseProvider.class)
  void countsPlaintextThatCouldNotBeSentBeforeAClose(JsseProvider p) throws Exception {
    TlsLeg client = TlsLeg.builder(TestPki.clientEngine(TestPki.clientContext(p, null),
        List.of("TLSv1.3"))).build();
    client.beginHandshake();
    client.send(ByteBuffer.wrap("never delivered".getBytes()));
    client.closeOutbound();
    assertThat(client.unsentPlaintext()).isEqualTo("never delivered".length());
    assertThat(client.pendingOutboundBytes()).isEqualTo(client.pendingNetworkBytes());
  }

  @ParameterizedTest
  @EnumSource(JsseProvider.class)
  void aFailingObserverFailsTheLegWithAnInternalError(JsseProvider p) {
    RecordObserver broken = r -> {
      throw new IllegalStateException("observer bug");
    };
    SSLEngine server = TestPki.serverEngine(TestPki.serverContext(p, SERVER_EC),
        List.of("TLSv1.3"), null);
    SSLEngine client = TestPki.clientEngine(TestPki.clientContext(p, null), List.of("TLSv1.3"));
    LegPair pair = new LegPair(TlsLeg.builder(client).build(),
        TlsLeg.builder(server).recordObserver(broken).build()).handshake();
    assertThat(pair.serverError.reason()).isEqualTo(FailureReason.INTERNAL);
    assertThat(pair.serverError.failure().detail()).contains("observer bug");
  }
}
