package io.sipalg.tls.engine;

import io.sipalg.api.SslPfs;
import io.sipalg.api.SslAlgorithm;
import io.sipalg.api.TlsVersion;
import static io.sipalg.tls.engine.TestPki.SERVER_EC;
import static io.sipalg.tls.engine.TestPki.SERVER_RSA;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Version and key-exchange policy enforced on real handshakes. */
class ProtocolPolicyHandshakeTest {
  private static SSLEngine policyServer(JsseProvider p, TestPki.Credential cred,
      CipherSuitePolicy policy) {
    SSLContext ctx = TestPki.serverContext(p, cred);
    EffectiveTlsSettings s = policy.settingsFor(p, ctx);
    SSLEngine e = ctx.createSSLEngine();
    e.setUseClientMode(false);
    s.applyTo(e);
    return e;
  }

  @ParameterizedTest
  @EnumSource(JsseProvider.class)
  void refusesATls11ClientBelowATls12Minimum(JsseProvider p) {
    SSLEngine server = policyServer(p, SERVER_EC, new CipherSuitePolicy(TlsVersion.TLS_1_2,
        TlsVersion.TLS_1_3, SslAlgorithm.HIGH, SslPfs.ALLOW));
    SSLEngine client = TestPki.clientEngine(TestPki.clientContext(p, null), TestPki.HOST,
        TestPki.freshPort(), List.of("TLSv1.1"),
        List.of("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"));
    LegPair pair = new LegPair(TlsLeg.builder(client).build(), TlsLeg.builder(server).build())
        .handshake();
    assertThat(pair.server.state()).isEqualTo(LegState.FAILED);
    assertThat(pair.serverError.reason()).isEqualTo(FailureReason.PROTOCOL_VERSION);
    assertThat(pair.client.state()).isEqualTo(LegState.FAILED);
    assertThat(pair.clientError.reason()).isIn(FailureReason.PEER_ALERT, FailureReason.PROTOCOL_VERSION);
    assertThat(pair.clientError.failure().detail()).contains("protocol_version");
  }

  @ParameterizedTest
  @EnumSource(JsseProvider.class)
  void refusesAnRsaKeyExchangeOnlyClientUnderPfsRequire(JsseProvider p) {
    SSLEngine server = policyServer(p, SERVER_RSA, new CipherSuitePolicy(TlsVersion.TLS_1_2,
        TlsVersion.TLS_1_3, SslAlgorithm.HIGH, SslPfs.REQUIRE));
    SSLEngine client = TestPki.clientEngine(TestPki.clientContext(p, null), TestPki.HOST,
        TestPki.freshPort(), List.of("TLSv1.2"),
        List.of("TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA"));
    LegPair pair = new LegPair(TlsLeg.builder(client).build(), TlsLeg.builder(server).build())
        .handshake();
    assertThat(pair.server.state()).isEqualTo(LegState.FAILED);
    assertThat(pair.serverError.reason()).isEqualTo(FailureReason.NO_SHARED_CIPHER_SUITE);
    assertThat(pair.clientError.reason()).isEqualTo(FailureReason.PEER_ALERT);
  }

  @ParameterizedTest
  @EnumSource(JsseProvider.class)
  void negotiatesRsaKeyExchangeUnderPfsDenyWithAnRsaCertificate(JsseProvider p) {
    CipherSuitePolicy deny = new CipherSuitePolicy(TlsVersion.TLS_1_2, TlsVersion.TLS_1_3,
        SslAlgorithm.HIGH, SslPfs.DENY);
    deny.checkCertificateKey(SERVER_RSA.cert().getPublicKey(), "server-rsa");
    SSLEngine server = policyServer(p, SERVER_RSA, deny);
    // A modern client offering everything (TLS 1.3 first): the server's policy decides.
    SSLEngine client = TestPki.clientEngine(TestPki.clientContext(p, null),
        List.of("TLSv1.2", "TLSv1.3"));
    client.setEnabledCipherSuites(client.getSupportedCipherSuites());
    LegPair pair = new LegPair(TlsLeg.builder(client).build(), TlsLeg.builder(server).build())
        .handshake();
    assertThat(pair.clientError).isNull();
    assertThat(pair.serverError).isNull();
    HandshakeInfo info = pair.server.handshake().orElseThrow();
    assertThat(info.protocol()).isEqualTo("TLSv1.2");
    assertThat(info.cipherSuite()).startsWith("TLS_RSA_WITH_AES_").contains("GCM");
  }
}
