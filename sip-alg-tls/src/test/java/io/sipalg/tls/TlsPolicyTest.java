package io.sipalg.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipalg.api.SslClientRenegotiation;
import io.sipalg.api.SslMode;
import io.sipalg.api.SslPfs;
import io.sipalg.api.TlsVersion;
import io.sipalg.api.session.AlgEvent;
import io.sipalg.api.session.AlgSession;
import io.sipalg.api.session.CloseReason;
import io.sipalg.api.session.Leg;
import io.sipalg.api.session.LegTlsInfo;
import io.sipalg.api.session.SessionAddresses;
import io.sipalg.tls.engine.SharedPki;
import java.util.List;
import javax.net.ssl.SSLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each TLS option of the profile, applied to real handshakes through a whole session. */
class TlsPolicyTest {

  private static AlgHarness.Setup setup(TlsProvider provider) {
    AlgHarness.Setup setup = new AlgHarness.Setup();
    setup.provider = provider;
    return setup;
  }

  private static javax.net.ssl.SSLEngine phone(List<String> protocols, List<String> suites) {
    return phone(protocols, suites, null);
  }

  private static javax.net.ssl.SSLEngine phone(
      List<String> protocols, List<String> suites, SharedPki.Credential credential) {
    return SharedPki.clientEngine(SharedPki.clientContext(credential), protocols, suites);
  }

  private static AlgEvent.HandshakeFailed onlyFailure(AlgHarness h) {
    List<AlgEvent.HandshakeFailed> failures = h.events(AlgEvent.HandshakeFailed.class);
    assertThat(failures).hasSize(1);
    return failures.get(0);
  }

  private static LegTlsInfo handshake(AlgHarness h, Leg leg) {
    return h.events(AlgEvent.HandshakeCompleted.class).stream()
        .map(AlgEvent.HandshakeCompleted::tls)
        .filter(t -> t.leg() == leg)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + leg + " handshake in " + h.events));
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void aTls11PhoneIsRefusedUnderATls12MinimumAndNeverReachesTheServer(TlsProvider provider) {
    AlgHarness.Setup s = setup(provider);
    s.profile = b -> b.sslMinVersion(TlsVersion.TLS_1_2);
    s.phoneEngine = phone(List.of("TLSv1.1"), null);
    AlgHarness h = new AlgHarness(s).pump();
    assertThat(onlyFailure(h).leg()).isEqualTo(Leg.PHONE);
    assertThat(onlyFailure(h).check()).isEqualTo("protocol-version");
    assertThat(h.events(AlgEvent.UpstreamRequested.class)).isEmpty();
    assertThat(h.session.isClosed()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void aTls11PhoneIsAcceptedWhenTheMinimumAllowsIt(TlsProvider provider) {
    AlgHarness.Setup s = setup(provider);
    s.profile = b -> b.sslMinVersion(TlsVersion.TLS_1_1);
    s.phoneEngine = phone(List.of("TLSv1.1"), null);
    AlgHarness h = new AlgHarness(s).pump();
    assertThat(handshake(h, Leg.PHONE).protocol()).isEqualTo("TLSv1.1");
    assertThat(h.session.state()).isEqualTo(AlgSession.State.ESTABLISHED);
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void aPhoneOfferingOnlyRsaKeyExchangeIsRefusedUnderPfsRequire(TlsProvider provider) {
    AlgHarness.Setup s = setup(provider);
    s.profile = b -> b.sslPfs(SslPfs.REQUIRE).sslServerCertificate("alg-server-rsa");
    s.phoneEngine = phone(List.of("TLSv1.2"), List.of("TLS_RSA_WITH_AES_128_GCM_SHA256"));
    AlgHarness h = new AlgHarness(s).pump();
    assertThat(onlyFailure(h).leg()).isEqualTo(Leg.PHONE);
    assertThat(onlyFailure(h).check()).isEqualTo("no-shared-cipher-suite");
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void pfsDenyNegotiatesStaticRsaWithAnRsaCertificate(TlsProvider provider) {
    AlgHarness.Setup s = setup(provider);
    s.profile =
        b -> b.sslPfs(SslPfs.DENY).sslMaxVersion(TlsVersion.TLS_1_2).sslServerCertificate("alg-server-rsa");
    s.phoneEngine = phone(List.of("TLSv1.2", "TLSv1.3"), null);
    AlgHarness h = new AlgHarness(s).pump();
    assertThat(handshake(h, Leg.PHONE).cipherSuite()).startsWith("TLS_RSA_WITH_");
    assertThat(handshake(h, Leg.PHONE).protocol()).isEqualTo("TLSv1.2");
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void pfsDenyWithAnEcCertificateFailsAtBuildNamingTheProfile(TlsProvider provider) {
    AlgHarness.Setup s = setup(provider);
    s.profile = b -> b.sslPfs(SslPfs.DENY).sslMaxVersion(TlsVersion.TLS_1_2);
    assertThatThrownBy(() -> new AlgHarness(s))
        .isInstanceOf(AlgConfigurationException.class)
        .hasMessageContaining("voip profile 'test'")
        .hasMessageContaining("alg-server");
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void sslModeOffRefusesToCreateTlsSessions(TlsProvider provider) {
    AlgHarness h = new AlgHarness(setup(provider));
    SipAlg off =
        SipAlg.builder()
            .profile(io.sipalg.api.VoipProfile.builder().name("plain").sslMode(SslMode.OFF).build())
            .provider(provider)
            .build();
    assertThatThrownBy(
            () -> off.newSession(SessionAddresses.accepted(AlgHarness.PHONE, AlgHarness.ALG_INSIDE), "plain"))
        .isInstanceOf(AlgConfigurationException.class)
        .hasMessageContaining("ssl-mode");
    assertThatThrownBy(
            () -> h.alg.newSession(SessionAddresses.accepted(AlgHarness.PHONE, AlgHarness.ALG_INSIDE), "nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no voip profile named 'nope'");
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void authClientRefusesAPhoneWithoutACertificate(TlsProvider provider) {
    AlgHarness.Setup s = setup(provider);
    s.profile = b -> b.sslAuthClient("phones");
    AlgHarness h = new AlgHarness(s).pump();
    assertThat(onlyFailure(h).leg()).isEqualTo(Leg.PHONE);
    assertThat(onlyFailure(h).check()).isIn("client-certificate-missing", "peer-alert", "handshake-failed");
    assertThat(h.server.received()).isEmpty();
    assertThat(h.events(AlgEvent.HandshakeCompleted.class)).noneMatch(e -> e.tls().leg() == Leg.SERVER);
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void authClientAcceptsAPhoneCertificateFromThePeerGroupAndReportsIt(TlsProvider provider) {
    AlgHarness.Setup s = setup(provider);
    s.profile = b -> b.sslAuthClient("phones");
    s.phoneCredential = SharedPki.CLIENT;
    AlgHarness h = new AlgHarness(s).pump();
    LegTlsInfo phone = handshake(h, Leg.PHONE);
    assertThat(phone.peerCertificates()).isNotEmpty();
    assertThat(phone.peerCertificates().get(0).getSubjectX500Principal().getName()).contains("CN=phone-1");
    assertThat(phone.effectivePolicy()).anyMatch(l -> l.contains("phone certificate required"));
    assertThat(h.session.state()).isEqualTo(AlgSession.State.ESTABLISHED);
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void authServerRefusesUntrustedExpiredAndWrongNameServers(TlsProvider provider) {
    for (var c : List.of(
        new Object[] {SharedPki.UNTRUSTED, "certificate-untrusted"},
        new Object[] {SharedPki.EXPIRED, "certificate-expired"},
        new Object[] {SharedPki.WRONG_NAME, "certificate-wrong-name"})) {
      AlgHarness.Setup s = setup(provider);
      s.serverCredential = (SharedPki.Credential) c[0];
      AlgHarness h = new AlgHarness(s).pump();
      AlgEvent.HandshakeFailed failure = onlyFailure(h);
      assertThat(failure.leg()).as("leg for %s", c[1]).isEqualTo(Leg.SERVER);
      assertThat(failure.check()).isEqualTo(c[1]);
      assertThat(h.session.isClosed()).isTrue();
      assertThat(h.session.closeReason().orElseThrow().cause()).isEqualTo(CloseReason.Cause.HANDSHAKE_FAILED);
      assertThat(h.phone.closeNotifyReceived()).as("the phone is told").isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void withoutAuthServerAnyServerCertificateIsAcceptedAndTheEventSaysSo(TlsProvider provider) {
    AlgHarness.Setup s = setup(provider);
    s.profile = b -> b.sslAuthServer("");
    s.serverCredential = SharedPki.UNTRUSTED;
    AlgHarness h = new AlgHarness(s).pump();
    assertThat(h.session.state()).isEqualTo(AlgSession.State.ESTABLISHED);
    assertThat(handshake(h, Leg.SERVER).effectivePolicy()).anyMatch(l -> l.contains("NOT verified"));
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void renegotiationUnderDenyEndsTheSession(TlsProvider provider) throws SSLException {
    AlgHarness.Setup s = setup(provider);
    s.profile = b -> b.sslClientRenegotiation(SslClientRenegotiation.DENY);
    s.phoneEngine = phone(List.of("TLSv1.2"), null);
    AlgHarness h = new AlgHarness(s).pump();
    assertThat(h.session.state()).isEqualTo(AlgSession.State.ESTABLISHED);
    h.phone.engine().beginHandshake();
    h.pump();
    assertThat(h.session.isClosed()).isTrue();
    assertThat(h.session.closeReason().orElseThrow().cause()).isEqualTo(CloseReason.Cause.TLS_POLICY);
    assertThat(h.events(AlgEvent.PolicyViolation.class))
        .singleElement()
        .satisfies(v -> assertThat(v.option()).isEqualTo("ssl-client-renegotiation"));
    assertThat(h.server.closeNotifyReceived()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(value = TlsProvider.class, names = "SUN_JSSE")
  void renegotiationUnderAllowCompletesWithSunJsseAndTrafficContinues(TlsProvider provider)
      throws SSLException {
    AlgHarness.Setup s = setup(provider);
    s.profile = b -> b.sslClientRenegotiation(SslClientRenegotiation.ALLOW);
    s.phoneEngine = phone(List.of("TLSv1.2"), null);
    AlgHarness h = new AlgHarness(s).pump();
    h.phone.engine().beginHandshake();
    h.pump();
    assertThat(h.session.state()).isEqualTo(AlgSession.State.ESTABLISHED);
    String register = SipMessages.register(3);
    h.phone.send(register);
    h.pump();
    assertThat(h.server.received()).isEqualTo(register);
    assertThat(h.events(AlgEvent.HandshakeCompleted.class).stream().filter(e -> e.tls().leg() == Leg.PHONE))
        .hasSize(2);
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void eagerUpstreamAsksForTheServerAtOnce(TlsProvider provider) {
    SipAlg alg =
        SipAlg.builder()
            .profile(
                io.sipalg.api.VoipProfile.builder()
                    .name("p")
                    .sslMode(SslMode.FULL)
                    .sslServerCertificate("s")
                    .build())
            .certificates(storeWithServerCertificate())
            .provider(provider)
            .eagerUpstream(true)
            .build();
    AlgSession session =
        alg.newSession(SessionAddresses.accepted(AlgHarness.PHONE, AlgHarness.ALG_INSIDE), "p");
    assertThat(session.upstreamWanted()).isTrue();
    assertThat(session.state()).isEqualTo(AlgSession.State.PHONE_HANDSHAKE);
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void theServerLegResumesItsSessionOnTheNextConnection(TlsProvider provider) {
    AlgHarness.Setup s = setup(provider);
    s.profile = b -> b.sslMaxVersion(TlsVersion.TLS_1_2);
    AlgHarness first = new AlgHarness(s).pump();
    assertThat(handshake(first, Leg.SERVER).resumed()).isFalse();
    // A second session of the same ALG to the same server: its engine shares the client cache.
    AlgHarness h2 = first.nextSession().pump();
    assertThat(handshake(h2, Leg.SERVER).resumed()).isTrue();
  }

  /** A client context whose key manager always offers {@code credential}. */
  private static javax.net.ssl.SSLContext insistentClient(SharedPki.Credential credential) {
    javax.net.ssl.X509ExtendedKeyManager km =
        new javax.net.ssl.X509ExtendedKeyManager() {
          @Override
          public String chooseEngineClientAlias(
              String[] keyType, java.security.Principal[] issuers, javax.net.ssl.SSLEngine engine) {
            return "phone";
          }

          @Override
          public String chooseClientAlias(
              String[] keyType, java.security.Principal[] issuers, java.net.Socket socket) {
            return "phone";
          }

          @Override
          public String[] getClientAliases(String keyType, java.security.Principal[] issuers) {
            return new String[] {"phone"};
          }

          @Override
          public String[] getServerAliases(String keyType, java.security.Principal[] issuers) {
            return null;
          }

          @Override
          public String chooseServerAlias(
              String keyType, java.security.Principal[] issuers, java.net.Socket socket) {
            return null;
          }

          @Override
          public java.security.cert.X509Certificate[] getCertificateChain(String alias) {
            return credential.chain();
          }

          @Override
          public java.security.PrivateKey getPrivateKey(String alias) {
            return credential.key();
          }
        };
    try {
      javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
      ctx.init(
          new javax.net.ssl.KeyManager[] {km},
          trustTestCa(),
          null);
      return ctx;
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static javax.net.ssl.TrustManager[] trustTestCa() throws java.security.GeneralSecurityException {
    java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
    try {
      ks.load(null, null);
    } catch (java.io.IOException e) {
      throw new java.security.GeneralSecurityException(e);
    }
    ks.setCertificateEntry("ca", SharedPki.CA);
    javax.net.ssl.TrustManagerFactory tmf =
        javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    return tmf.getTrustManagers();
  }

  private static io.sipalg.api.cert.CertificateStore storeWithServerCertificate() {
    io.sipalg.api.cert.CertificateStore store = new io.sipalg.api.cert.CertificateStore();
    store.putLocal(
        io.sipalg.api.cert.LocalCertificate.of(
            "s", SharedPki.SERVER_EC.chain(), SharedPki.SERVER_EC.key(), ""));
    return store;
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void secureRenegotiationRefusesAClientHelloWithoutRfc5746Support(TlsProvider provider) {
    AlgHarness.Setup s = setup(provider);
    s.profile = b -> b.sslClientRenegotiation(SslClientRenegotiation.SECURE);
    AlgHarness h = new AlgHarness(s);
    h.session.receive(Leg.PHONE, java.nio.ByteBuffer.wrap(SharedPki.craftedClientHello(false, false)));
    assertThat(onlyFailure(h).leg()).isEqualTo(Leg.PHONE);
    assertThat(onlyFailure(h).check()).isEqualTo("secure-renegotiation-unsupported");
    assertThat(h.session.isClosed()).isTrue();
    assertThat(h.events(AlgEvent.UpstreamRequested.class)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void secureRenegotiationAcceptsAClientHelloWithTheScsvOrTheExtension(TlsProvider provider) {
    for (boolean scsv : new boolean[] {true, false}) {
      AlgHarness.Setup s = setup(provider);
      s.profile = b -> b.sslClientRenegotiation(SslClientRenegotiation.SECURE);
      AlgHarness h = new AlgHarness(s);
      h.session.receive(
          Leg.PHONE, java.nio.ByteBuffer.wrap(SharedPki.craftedClientHello(scsv, !scsv)));
      assertThat(h.events(AlgEvent.HandshakeFailed.class)).as("scsv=%s", scsv).isEmpty();
      assertThat(h.session.hasOutbound(Leg.PHONE)).as("ServerHello sent").isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void realPhonesPassSecureRenegotiation(TlsProvider provider) {
    AlgHarness.Setup s = setup(provider);
    s.profile = b -> b.sslClientRenegotiation(SslClientRenegotiation.SECURE);
    s.phoneEngine = phone(List.of("TLSv1.2"), null);
    AlgHarness h = new AlgHarness(s).pump();
    assertThat(h.session.state()).isEqualTo(AlgSession.State.ESTABLISHED);
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void authClientRefusesUntrustedAndExpiredPhoneCertificates(TlsProvider provider) {
    for (var c : List.of(
        new Object[] {SharedPki.UNTRUSTED, "certificate-untrusted"},
        new Object[] {SharedPki.EXPIRED, "certificate-expired"})) {
      AlgHarness.Setup s = setup(provider);
      s.profile = b -> b.sslAuthClient("phones");
      // A phone that sends its certificate even when the ALG's CA list does not name its issuer
      // (a JDK key manager would then send none), as openssl s_client -cert does.
      s.phoneEngine =
          SharedPki.clientEngine(insistentClient((SharedPki.Credential) c[0]), List.of("TLSv1.3", "TLSv1.2"), null);
      AlgHarness h = new AlgHarness(s).pump();
      assertThat(onlyFailure(h).leg()).as("%s", c[1]).isEqualTo(Leg.PHONE);
      assertThat(onlyFailure(h).check()).isEqualTo(c[1]);
      assertThat(h.events(AlgEvent.UpstreamRequested.class)).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void authClientChecksThePeerGroupsCommonName(TlsProvider provider) {
    AlgHarness.Setup s = setup(provider);
    s.profile = b -> b.sslAuthClient("named-phones");
    s.phoneCredential = SharedPki.CLIENT; // CN=phone-1, but the peer requires another name
    AlgHarness h = new AlgHarness(s).pump();
    assertThat(onlyFailure(h).leg()).isEqualTo(Leg.PHONE);
    assertThat(onlyFailure(h).check()).isEqualTo("certificate-subject-mismatch");
  }
}
