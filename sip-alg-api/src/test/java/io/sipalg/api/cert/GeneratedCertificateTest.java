package io.sipalg.api.cert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GeneratedCertificateTest {
  static final GeneratedCertificate ROOT = GeneratedCertificate.builder()
      .subject("CN=lab root,O=Example").certificateAuthority(1).build();
  static final GeneratedCertificate INTERMEDIATE = GeneratedCertificate.builder()
      .subject("CN=lab intermediate,O=Example").certificateAuthority(0).signedBy(ROOT).build();

  @Test
  void aSelfSignedCaSignsItselfAndMaySignCas() throws Exception {
    X509Certificate ca = ROOT.certificate();
    ca.verify(ca.getPublicKey());
    assertThat(ca.getSubjectX500Principal()).isEqualTo(ca.getIssuerX500Principal());
    assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=lab root,O=Example");
    assertThat(ca.getBasicConstraints()).isEqualTo(1);
    assertThat(ca.getKeyUsage()[5]).as("keyCertSign").isTrue();
    assertThat(ROOT.chain()).containsExactly(ca);
    assertThat(ca.getPublicKey().getAlgorithm()).isEqualTo("EC");
  }

  @Test
  void aLeafChainsToItsRootThroughPkixValidation() throws Exception {
    GeneratedCertificate leaf = GeneratedCertificate.builder().subject("sip.example.test")
        .dnsName("sip.example.test").ipAddress("127.0.0.1").uri("sip:sip.example.test")
        .serverAuthentication().clientAuthentication().signedBy(INTERMEDIATE).build();
    X509Certificate cert = leaf.certificate();
    assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=sip.example.test");
    assertThat(cert.getBasicConstraints()).isEqualTo(-1);
    assertThat(cert.getKeyUsage()).as("no key usage: RSA key exchange stays possible").isNull();
    assertThat(cert.getSubjectAlternativeNames()).extracting(n -> (Object) n.get(1))
        .containsExactly("sip.example.test", "127.0.0.1", "sip:sip.example.test");
    assertThat(cert.getExtendedKeyUsage())
        .containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
    assertThat(leaf.chain()).containsExactly(cert, INTERMEDIATE.certificate(), ROOT.certificate());

    PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(ROOT.certificate(), null)));
    params.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509")
        .generateCertPath(List.of(leaf.chain()).subList(0, 2)), params);
  }

  @Test
  void anRsaLeafIsSignedWithItsIssuersKeyType() {
    GeneratedCertificate leaf = GeneratedCertificate.builder().rsa(2048).signedBy(ROOT).build();
    assertThat(leaf.privateKey().getAlgorithm()).isEqualTo("RSA");
    assertThat(leaf.certificate().getSigAlgName()).isEqualTo("SHA256withECDSA");
    GeneratedCertificate rsaRoot = GeneratedCertificate.builder().keyPair(leaf.keyPair())
        .certificateAuthority(0).build();
    assertThat(rsaRoot.certificate().getSigAlgName()).isEqualTo("SHA256withRSA");
    assertThat(rsaRoot.certificate().getPublicKey()).isEqualTo(leaf.certificate().getPublicKey());
  }

  @Test
  void validityAndSerialAreAsAsked() {
    Instant from = Instant.parse("2020-01-01T00:00:00Z");
    Instant until = Instant.parse("2021-01-01T00:00:00Z");
    X509Certificate cert = GeneratedCertificate.builder().validity(from, until).serialNumber(42)
        .build().certificate();
    assertThat(cert.getNotBefore()).isEqualTo(Date.from(from));
    assertThat(cert.getNotAfter()).isEqualTo(Date.from(until));
    assertThat(cert.getSerialNumber()).hasToString("42");
    X509Certificate byDefault = GeneratedCertificate.builder().build().certificate();
    assertThat(byDefault.getNotBefore()).isBefore(new Date());
    assertThat(byDefault.getNotAfter()).isAfter(Date.from(Instant.now().plus(Duration.ofDays(29))));
    assertThatThrownBy(() -> GeneratedCertificate.builder().validity(until, from))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GeneratedCertificate.builder().rsa(512))
        .isInstanceOf(IllegalArgumentException.class);
    GeneratedCertificate leaf = GeneratedCertificate.builder().subject("CN=leaf").signedBy(ROOT)
        .build();
    assertThatThrownBy(() -> GeneratedCertificate.builder().signedBy(leaf))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("CN=leaf is not a CA: build it with certificateAuthority(n) to sign with it");
  }

  @Test
  void itsPemImportsIntoTheCertificateStore() {
    GeneratedCertificate leaf = GeneratedCertificate.builder().subject("CN=phone-1,O=Example")
        .signedBy(ROOT).build();
    CertificateImporter importer = new CertificateImporter(Clock.systemUTC());
    LocalCertificate imported = importer.importPem("phone",
        leaf.certificatePem() + ROOT.certificatePem(), leaf.privateKeyPem(), null, "");
    assertThat(imported.chain()).containsExactly(leaf.chain());
    assertThat(importer.importCa("root", ROOT.certificatePem()).certificate())
        .isEqualTo(ROOT.certificate());

    CertificateStore store = new CertificateStore();
    store.putLocal(leaf.toLocalCertificate("phone"));
    store.putCa(ROOT.toCaCertificate("root"));
    assertThat(store.local("phone").chain()).containsExactly(leaf.chain());
    assertThat(store.local("phone").privateKey()).isEqualTo(leaf.privateKey());
    assertThat(store.ca("root").certificate()).isEqualTo(ROOT.certificate());
  }
}
