package io.sipalg.tls.engine;

import io.sipalg.api.SslPfs;
import io.sipalg.api.SslClientRenegotiation;
import io.sipalg.api.SslAlgorithm;
import io.sipalg.api.TlsVersion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CipherSuitePolicyTest {
  private static SSLContext context(JsseProvider p) {
    return TestPki.serverContext(p, TestPki.SERVER_EC);
  }

  private static EffectiveTlsSettings settings(JsseProvider p, TlsVersion min, TlsVersion max,
      SslAlgorithm alg, SslPfs pfs) {
    return new CipherSuitePolicy(min, max, alg, pfs).settingsFor(p, context(p));
  }

  @ParameterizedTest
  @EnumSource(JsseProvider.class)
  void highOffersAesAndChaChaOnlyWithAesGcmFirst(JsseProvider p) {
    EffectiveTlsSettings s = settings(p, TlsVersion.TLS_1_2, TlsVersion.TLS_1_3,
        SslAlgorithm.HIGH, SslPfs.ALLOW);
    assertThat(s.protocols()).containsExactly("TLSv1.2", "TLSv1.3");
    assertThat(s.cipherSuites()).isNotEmpty()
        .allMatch(c -> c.contains("_AES_") || c.contains("CHACHA20"))
        .noneMatch(c -> c.contains("3DES") || c.contains("CCM") || c.contains("ARIA")
            || c.contains("CAMELLIA") || c.contains("NULL") || c.contains("anon")
            || c.contains("SCSV") || c.contains("SM4") || c.contains("EXPORT"))
        .contains("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_RSA_WITH_AES_128_GCM_SHA256");
    // AES-GCM strictly before ChaCha20 before CBC (pitfall: BCJSSE prefers ChaCha20).
    int lastGcm = lastIndex(s.cipherSuites(), "_GCM_");
    int firstChaCha = s.cipherSuites().indexOf("TLS_CHACHA20_POLY1305_SHA256");
    int firstCbc = firstIndex(s.cipherSuites(), "_CBC_");
    assertThat(lastGcm).isLessThan(firstChaCha);
    assertThat(firstChaCha).isLessThan(firstCbc);
    assertThat(s.cipherSuites().get(0)).contains("AES").contains("GCM");
    assertThat(s.notes()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(JsseProvider.class)
  void mediumAdds3DesAndLowEqualsMediumWithANote(JsseProvider p) {
    EffectiveTlsSettings medium = settings(p, TlsVersion.TLS_1_0, TlsVersion.TLS_1_2,
        SslAlgorithm.MEDIUM, SslPfs.ALLOW);
    EffectiveTlsSettings low = settings(p, TlsVersion.TLS_1_0, TlsVersion.TLS_1_2,
        SslAlgorithm.LOW, SslPfs.ALLOW);
    assertThat(medium.cipherSuites()).anyMatch(c -> c.contains("3DES_EDE_CBC"));
    assertThat(medium.cipherSuites().get(medium.cipherSuites().size() - 1)).contains("3DES");
    assertThat(low.cipherSuites()).isEqualTo(medium.cipherSuites());
    assertThat(low.notes()).contains("ssl-algorithm low = medium: no RC4/DES in this provider");
    assertThat(low.cipherSuites()).noneMatch(c -> c.contains("RC4") || c.contains("_DES_"));
    String note = RenegotiationGuard.effectiveNote(SslClientRenegotiation.ALLOW, p).orElse("none");
    assertThat(low.withNote(note).notes()).hasSize(low.notes().size() + 1).endsWith(note);
  }

  @ParameterizedTest
  @EnumSource(JsseProvider.class)
  void pfsDenyKeepsOnlyRsaKeyExchangeAndCapsAtTls12(JsseProvider p) {
    EffectiveTlsSettings s = settings(p, TlsVersion.TLS_1_2, TlsVersion.TLS_1_3,
        SslAlgorithm.HIGH, SslPfs.DENY);
    assertThat(s.protocols()).containsExactly("TLSv1.2");
    assertThat(s.cipherSuites()).isNotEmpty().allMatch(c -> c.startsWith("TLS_RSA_WITH_AES"));
    assertThat(s.notes()).anyMatch(n -> n.contains("caps the version at tls-1.2"));
  }

  @ParameterizedTest
  @EnumSource(JsseProvider.class)
  void pfsRequireKeepsOnlyEphemeralKeyExchangeAndTls13(JsseProvider p) {
    EffectiveTlsSettings s = settings(p, TlsVersion.TLS_1_0, TlsVersion.TLS_1_3,
        SslAlgorithm.MEDIUM, SslPfs.REQUIRE);
    assertThat(s.cipherSuites()).isNotEmpty()
        .allMatch(c -> c.contains("ECDHE_") || c.contains("DHE_") || !c.contains("_WITH_"))
        .noneMatch(c -> c.contains("_RSA_WITH_") && !c.contains("DHE_RSA"));
    assertThat(s.cipherSuites()).contains("TLS_AES_128_GCM_SHA256");
  }

  @ParameterizedTest
  @EnumSource(JsseProvider.class)
  void versionsOutsideTheRangeDropTheirSuites(JsseProvider p) {
    EffectiveTlsSettings tls13 = settings(p, TlsVersion.TLS_1_3, TlsVersion.TLS_1_3,
        SslAlgorithm.HIGH, SslPfs.REQUIRE);
    assertThat(tls13.cipherSuites()).allMatch(c -> !c.contains("_WITH_"));
    EffectiveTlsSettings old = settings(p, TlsVersion.SSL_3_0, TlsVersion.TLS_1_1,
        SslAlgorithm.HIGH, SslPfs.ALLOW);
    assertThat(old.protocols()).containsExactly("SSLv3", "TLSv1", "TLSv1.1");
    assertThat(old.cipherSuites()).isNotEmpty().allMatch(c -> c.endsWith("_CBC_SHA"));
  }

  @ParameterizedTest
  @EnumSource(JsseProvider.class)
  void impossibleCombinationsFailClearly(JsseProvider p) {
    assertThatThrownBy(() -> settings(p, TlsVersion.TLS_1_3, TlsVersion.TLS_1_3,
        SslAlgorithm.HIGH, SslPfs.DENY))
        .isInstanceOf(TlsPolicyException.class).hasMessageContaining("ssl-pfs deny")
        .hasMessageContaining("tls-1.3");
    assertThatThrownBy(() -> new CipherSuitePolicy(TlsVersion.TLS_1_2, TlsVersion.TLS_1_0,
        SslAlgorithm.HIGH, SslPfs.ALLOW))
        .isInstanceOf(TlsPolicyException.class).hasMessageContaining("above ssl-max-version");
    assertThatThrownBy(() -> new CipherSuitePolicy(TlsVersion.TLS_1_2, TlsVersion.TLS_1_2,
        SslAlgorithm.HIGH, SslPfs.ALLOW).settingsFor(p, List.of("TLS_RSA_WITH_NULL_SHA256",
            "TLS_ECDHE_RSA_WITH_ARIA_128_GCM_SHA256")))
        .isInstanceOf(TlsPolicyException.class).hasMessageContaining("no cipher suite");
  }

  @ParameterizedTest
  @EnumSource(JsseProvider.class)
  void pfsDenyNeedsAnRsaCertificate(JsseProvider p) {
    CipherSuitePolicy deny = new CipherSuitePolicy(TlsVersion.TLS_1_2, TlsVersion.TLS_1_2,
        SslAlgorithm.HIGH, SslPfs.DENY);
    deny.checkCertificateKey(TestPki.SERVER_RSA.cert().getPublicKey(), "Server_cert");
    assertThatThrownBy(() -> deny.checkCertificateKey(TestPki.SERVER_EC.cert().getPublicKey(),
        "Server_cert")).isInstanceOf(TlsPolicyException.class)
        .hasMessageContaining("\"Server_cert\" has a EC key");
  }

  private static int lastIndex(List<String> list, String part) {
    for (int i = list.size() - 1; i >= 0; i--) {
      if (list.get(i).contains(part)) {
        return i;
      }
    }
    return -1;
  }

  private static int firstIndex(List<String> list, String part) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).contains(part)) {
        return i;
      }
    }
    return Integer.MAX_VALUE;
  }
}
