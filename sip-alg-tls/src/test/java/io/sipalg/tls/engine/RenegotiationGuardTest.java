package io.sipalg.tls.engine;

import io.sipalg.api.SslClientRenegotiation;
import static io.sipalg.tls.engine.TestPki.SERVER_EC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** ssl-client-renegotiation deny / secure / allow on a guarded phone (server-mode) leg. */
class RenegotiationGuardTest {
  private static final int ALERT = 21;

  private record Setup(LegPair pair, RenegotiationGuard guard, List<HandshakeInfo> serverEvents) {}

  /** A SunJSSE phone (the only provider that initiates renegotiation) against a guarded leg. */
  private static Setup guarded(JsseProvider serverProvider, SslClientRenegotiation policy,
      String version) {
    RenegotiationGuard guard = new RenegotiationGuard(policy, serverProvider);
    List<HandshakeInfo> events = new ArrayList<>();
    SSLEngine server = TestPki.serverEngine(TestPki.serverContext(serverProvider, SERVER_EC),
        List.of(version), null);
    SSLEngine client = TestPki.clientEngine(TestPki.clientContext(JsseProvider.SUN_JSSE, null),
        List.of(version));
    TlsLeg serverLeg = TlsLeg.builder(server).recordObserver(guard).onHandshake(events::add).build();
    LegPair pair = new LegPair(TlsLeg.builder(client).build(), serverLeg).handshake();
    assertThat(pair.serverError).isNull();
    assertThat(pair.clientError).isNull();
    return new Setup(pair, guard, events);
  }

  @ParameterizedTest
  @EnumSource(JsseProvider.class)
  void denyEndsTheSessionWhenThePhoneRenegotiatesOnTls12(JsseProvider serverProvider)
      throws Exception {
    Setup s = guarded(serverProvider, SslClientRenegotiation.DENY, "TLSv1.2");
    int before = s.pair.serverRecords.size();
    s.pair.client.beginHandshake();
    s.pair.pump();
    assertThat(s.guard.renegotiationAttempts()).isEqualTo(1);
    assertThat(s.pair.server.state()).isEqualTo(LegState.FAILED);
    assertThat(s.pair.serverError.reason()).isEqualTo(FailureReason.RENEGOTIATION_DENIED);
    // The leg told the phone: an (encrypted) close_notify alert went out before the failure.
    List<byte[]> sent = s.pair.serverRecords.subList(before, s.pair.serverRecords.size());
    assertThat(sent).anyMatch(r -> r[0] == ALERT);
    assertThatThrownBy(() -> s.pair.server.send(ByteBuffer.wrap(new byte[1])))
        .isInstanceOf(TlsLegException.class);
  }

  @ParameterizedTest
  @EnumSource(JsseProvider.class)
  void denyLetsATls13KeyUpdateThrough(JsseProvider serverProvider) throws Exception {
    Setup s = guarded(serverProvider, SslClientRenegotiation.DENY, "TLSv1.3");
    s.pair.client.beginHandshake(); // SunJSSE sends a KeyUpdate on TLS 1.3
    s.pair.send(s.pair.client, "after key update".getBytes());
    s.pair.send(s.pair.server, "still here".getBytes());
    s.pair.pump();
    assertThat(s.guard.renegotiationAttempts()).isZero();
    assertThat(s.pair.serverError).isNull();
    assertThat(s.pair.receivedByServer.toString()).isEqualTo("after key update");
    assertThat(s.pair.receivedByClient.toString()).isEqualTo("still here");
  }

  @org.junit.jupiter.api.Test
  void allowOnSunJssePerformsTheRenegotiationAndDataStillFlows() throws Exception {
    Setup s = guarded(JsseProvider.SUN_JSSE, SslClientRenegotiation.ALLOW, "TLSv1.2");
    s.pair.client.beginHandshake();
    s.pair.pump();
    assertThat(s.guard.renegotiationAttempts()).isPositive();
    assertThat(s.serverEvents).hasSize(2); // the initial handshake and the renegotiation
    assertThat(s.pair.server.state()).isEqualTo(LegState.ESTABLISHED);
    s.pair.send(s.pair.client, "INVITE after renegotiation".getBytes());
    s.pair.send(s.pair.server, "SIP/2.0 100 Trying".getBytes());
    s.pair.pump();
    assertThat(s.pair.receivedByServer.toString()).isEqualTo("INVITE after renegotiation");
    assertThat(s.pair.receivedByClient.toString()).isEqualTo("SIP/2.0 100 Trying");
    assertThat(s.guard.effectiveNote()).isEmpty();
  }

  /**
   * Measured: the BCJSSE server refuses with a no_renegotiation warning and would stay up, but a
   * SunJSSE phone then aborts with a fatal handshake_failure, so the session ends anyway.
   */
  @org.junit.jupiter.api.Test
  void allowOnBcJsseIsReportedAsRefusedByTheProvider() throws Exception {
    Setup s = guarded(JsseProvider.BCJSSE, SslClientRenegotiation.ALLOW, "TLSv1.2");
    assertThat(s.guard.effectiveNote()).hasValueSatisfying(n -> assertThat(n)
        .contains("BCJSSE refuses client-initiated renegotiation"));
    s.pair.client.beginHandshake();
    s.pair.pump();
    assertThat(s.guard.renegotiationAttempts()).isEqualTo(1);
    assertThat(s.serverEvents).hasSize(1); // no second handshake
    assertThat(s.pair.clientError).isNotNull();
    assertThat(s.pair.serverError.reason()).isEqualTo(FailureReason.PEER_ALERT);
    assertThat(s.pair.serverError.failure().detail()).contains("handshake_failure");
  }

  @ParameterizedTest
  @EnumSource(JsseProvider.class)
  void secureRefusesAHelloWithoutScsvOrRenegotiationInfo(JsseProvider p) throws Exception {
    RenegotiationGuard guard = new RenegotiationGuard(SslClientRenegotiation.SECURE, p);
    TlsLeg server = phoneLeg(p, guard);
    assertThatThrownBy(() -> server.receive(ByteBuffer.wrap(CraftedHello.record(false, false,
        "sip.example.test"))))
        .isInstanceOf(TlsLegException.class)
        .extracting(e -> ((TlsLegException) e).reason())
        .isEqualTo(FailureReason.SECURE_RENEGOTIATION_UNSUPPORTED);
    assertThat(server.state()).isEqualTo(LegState.FAILED);
    // A plaintext fatal handshake_failure alert is waiting for the transport.
    ByteBuffer out = server.networkOutbound();
    assertThat(out.remaining()).isEqualTo(7);
    assertThat(new byte[] {out.get(0), out.get(5), out.get(6)}).containsExactly(21, 2, 40);
    assertThat(guard.clientHello().orElseThrow().serverNames()).containsExactly("sip.example.test");
  }

  @ParameterizedTest
  @EnumSource(JsseProvider.class)
  void secureAcceptsAHelloWithScsvOrRenegotiationInfo(JsseProvider p) throws Exception {
    for (boolean scsv : new boolean[] {true, false}) {
      RenegotiationGuard guard = new RenegotiationGuard(SslClientRenegotiation.SECURE, p);
      TlsLeg server = phoneLeg(p, guard);
      server.receive(ByteBuffer.wrap(CraftedHello.record(scsv, !scsv, null)));
      assertThat(server.state()).isEqualTo(LegState.HANDSHAKING);
      // The engine answered with its ServerHello flight (handshake records).
      assertThat(server.networkOutbound().get(0)).isEqualTo((byte) 22);
      assertThat(guard.clientHello().orElseThrow().indicatesSecureRenegotiation()).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(JsseProvider.class)
  void allowLetsALegacyHelloThrough(JsseProvider p) throws Exception {
    TlsLeg server = phoneLeg(p, new RenegotiationGuard(SslClientRenegotiation.ALLOW, p));
    server.receive(ByteBuffer.wrap(CraftedHello.record(false, false, null)));
    assertThat(server.state()).isEqualTo(LegState.HANDSHAKING);
    assertThat(server.networkOutbound().get(0)).isEqualTo((byte) 22);
  }

  @ParameterizedTest
  @EnumSource(JsseProvider.class)
  void secureAcceptsRealClientsOfBothProviders(JsseProvider serverProvider) {
    for (JsseProvider clientProvider : JsseProvider.values()) {
      for (String version : List.of("TLSv1.2", "TLSv1.3")) {
        RenegotiationGuard guard = new RenegotiationGuard(SslClientRenegotiation.SECURE,
            serverProvider);
        SSLEngine server = TestPki.serverEngine(TestPki.serverContext(serverProvider, SERVER_EC),
            List.of(version), null);
        SSLEngine client = TestPki.clientEngine(TestPki.clientContext(clientProvider, null),
            List.of(version));
        LegPair pair = new LegPair(TlsLeg.builder(client).build(),
            TlsLeg.builder(server).recordObserver(guard).build()).handshake();
        assertThat(pair.serverError).as(clientProvider + " " + version).isNull();
        assertThat(pair.server.state()).isEqualTo(LegState.ESTABLISHED);
        ClientHello hello = guard.clientHello().orElseThrow();
        if (version.equals("TLSv1.2")) {
          assertThat(hello.indicatesSecureRenegotiation()).as(clientProvider.name()).isTrue();
        } else {
          // A TLS 1.3-only hello need not signal RFC 5746 (SunJSSE then omits the SCSV).
          assertThat(hello.offersOnlyTls13()).isTrue();
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(JsseProvider.class)
  void secureRefusesAMalformedHelloWithATypedError(JsseProvider p) {
    RenegotiationGuard guard = new RenegotiationGuard(SslClientRenegotiation.SECURE, p);
    TlsLeg server = phoneLeg(p, guard);
    byte[] msg = CraftedHello.message(true, false, null);
    msg[3] = (byte) (msg[3] + 40); // claims 40 more bytes than the record holds...
    byte[] padded = java.util.Arrays.copyOf(msg, msg.length + 40); // ...which are zeros
    padded[msg.length - 3] = (byte) 0x7f; // and the extensions length runs past the end
    assertThatThrownBy(() -> server.receive(ByteBuffer.wrap(CraftedHello.wrapRecord(padded))))
        .isInstanceOf(TlsLegException.class)
        .extracting(e -> ((TlsLegException) e).reason())
        .isEqualTo(FailureReason.MALFORMED_CLIENT_HELLO);
    assertThat(guard.clientHelloError()).isPresent();
  }

  private static TlsLeg phoneLeg(JsseProvider p, RenegotiationGuard guard) {
    SSLEngine server = TestPki.serverEngine(TestPki.serverContext(p, SERVER_EC),
        List.of("TLSv1.2", "TLSv1.3"), null);
    return TlsLeg.builder(server).recordObserver(guard).build();
  }
}
