package io.sipalg.tls.engine;

import static io.sipalg.tls.engine.TestPki.CLIENT;
import static io.sipalg.tls.engine.TestPki.SERVER_EC;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** ssl-auth-server and ssl-auth-client: which check failed, on both providers and versions. */
class PeerVerificationTest {
  static Stream<Arguments> cases() {
    List<Arguments> args = new ArrayList<>();
    for (JsseProvider p : JsseProvider.values()) {
      for (String v : List.of("TLSv1.2", "TLSv1.3")) {
        args.add(Arguments.of(p, v));
      }
    }
    return args.stream();
  }

  private static LegPair connect(JsseProvider p, String version, TestPki.Credential serverCred,
      String host, boolean needClientAuth, SSLContext clientCtx) {
    SSLEngine server = TestPki.serverEngine(TestPki.serverContext(p, serverCred), List.of(version),
        null);
    server.setNeedClientAuth(needClientAuth);
    SSLEngine client = TestPki.clientEngine(clientCtx, host, TestPki.freshPort(), List.of(version),
        null);
    return new LegPair(TlsLeg.builder(client).build(), TlsLeg.builder(server).build()).handshake();
  }

  private static LegPair connect(JsseProvider p, String version, TestPki.Credential serverCred) {
    return connect(p, version, serverCred, TestPki.HOST, false, TestPki.clientContext(p, null));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void refusesAServerCertificateFromAnotherCa(JsseProvider p, String version) {
    LegPair pair = connect(p, version, TestPki.UNTRUSTED);
    assertThat(pair.client.state()).isEqualTo(LegState.FAILED);
    assertThat(pair.clientError.reason()).isEqualTo(FailureReason.CERTIFICATE_UNTRUSTED);
    // The failing leg flushed its fatal alert before reporting: it is the last record it sent
    // (TLS 1.3 encrypts it, so the outer content type is application data there).
    assertThat(pair.clientRecords.get(pair.clientRecords.size() - 1)[0])
        .isEqualTo((byte) (version.equals("TLSv1.3") ? 23 : 21));
    assertThat(pair.server.state()).isEqualTo(LegState.FAILED);
    assertThat(pair.serverError.reason()).isEqualTo(FailureReason.PEER_ALERT);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void refusesAnExpiredServerCertificate(JsseProvider p, String version) {
    LegPair pair = connect(p, version, TestPki.EXPIRED);
    assertThat(pair.clientError.reason()).isEqualTo(FailureReason.CERTIFICATE_EXPIRED);
    assertThat(pair.server.state()).isEqualTo(LegState.FAILED);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void refusesAServerCertificateForAnotherName(JsseProvider p, String version) {
    LegPair pair = connect(p, version, TestPki.WRONG_NAME);
    assertThat(pair.clientError.reason()).isEqualTo(FailureReason.CERTIFICATE_WRONG_NAME);
    assertThat(pair.clientError.failure().detail()).contains(TestPki.HOST)
        .contains("other.example.test");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void acceptsTheSipDomainAsASipUriAlternativeName(JsseProvider p, String version) {
    LegPair pair = connect(p, version, TestPki.SIP_URI_ONLY);
    assertThat(pair.clientError).isNull();
    assertThat(pair.client.state()).isEqualTo(LegState.ESTABLISHED);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void acceptsAnIpAddressAlternativeNameAndRefusesAnotherAddress(JsseProvider p, String version) {
    LegPair ok = connect(p, version, SERVER_EC, "127.0.0.1", false, TestPki.clientContext(p, null));
    assertThat(ok.clientError).isNull();
    LegPair wrong = connect(p, version, SERVER_EC, "127.0.0.2", false,
        TestPki.clientContext(p, null));
    assertThat(wrong.clientError.reason()).isEqualTo(FailureReason.CERTIFICATE_WRONG_NAME);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void refusesAPhoneWithoutCertificateWhenClientAuthIsRequired(JsseProvider p, String version) {
    LegPair pair = connect(p, version, SERVER_EC, TestPki.HOST, true,
        TestPki.clientContext(p, null));
    assertThat(pair.server.state()).isEqualTo(LegState.FAILED);
    assertThat(pair.serverError.reason()).as(pair.serverError.getMessage())
        .isEqualTo(FailureReason.CLIENT_CERTIFICATE_MISSING);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void acceptsAPhoneCertificateFromThePeerGroup(JsseProvider p, String version) {
    LegPair pair = connect(p, version, SERVER_EC, TestPki.HOST, true,
        TestPki.clientContext(p, CLIENT));
    assertThat(pair.serverError).isNull();
    assertThat(pair.server.handshake().orElseThrow().peerCertificates()).first()
        .isEqualTo(CLIENT.cert());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void refusesAPhoneWhoseSubjectDoesNotMatchThePeer(JsseProvider p, String version)
      throws Exception {
    TrustManager onlyPhone2 = PeerTrustManager.forCertificateAuthorities(List.of(TestPki.CA))
        .requireCommonName("phone-2").build();
    SSLContext serverCtx = p.newContext(TestPki.keyManagers(p, SERVER_EC),
        new TrustManager[] {onlyPhone2});
    SSLEngine server = TestPki.serverEngine(serverCtx, List.of(version), null);
    server.setNeedClientAuth(true);
    SSLEngine client = TestPki.clientEngine(TestPki.clientContext(p, CLIENT), List.of(version));
    LegPair pair = new LegPair(TlsLeg.builder(client).build(), TlsLeg.builder(server).build())
        .handshake();
    assertThat(pair.serverError.reason()).isEqualTo(FailureReason.CERTIFICATE_SUBJECT_MISMATCH);
    assertThat(pair.serverError.failure().detail()).contains("CN=phone-1").contains("phone-2");
  }
}
