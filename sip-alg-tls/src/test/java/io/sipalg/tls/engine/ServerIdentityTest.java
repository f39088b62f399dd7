package io.sipalg.tls.engine;

import static io.sipalg.tls.engine.TestPki.dnsName;
import static io.sipalg.tls.engine.TestPki.serverCertificate;
import static io.sipalg.tls.engine.TestPki.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Name matching (RFC 6125 / RFC 5922) and PeerTrustManager checks without a handshake. */
class ServerIdentityTest {
  @Test
  void matchesDnsNamesWithALeftMostWildcardOnly() {
    X509Certificate wildcard = serverCertificate("CN=ignored", dnsName("*.example.test"));
    assertThat(ServerIdentity.matches(wildcard, "sip.example.test")).isTrue();
    assertThat(ServerIdentity.matches(wildcard, "SIP.Example.Test.")).isTrue();
    assertThat(ServerIdentity.matches(wildcard, "a.b.example.test")).isFalse();
    assertThat(ServerIdentity.matches(wildcard, "example.test")).isFalse();
    assertThat(ServerIdentity.matches(wildcard, "ignored")).isFalse(); // SANs present: no CN
    X509Certificate tooWide = serverCertificate("CN=x", dnsName("*.test"));
    assertThat(ServerIdentity.matches(tooWide, "example.test")).isFalse();
  }

  @Test
  void matchesSipUrisWithoutUserPartPerRfc5922() {
    X509Certificate cert = serverCertificate("CN=x", uri("sips:sip.example.test;transport=tls"),
        uri("sip:alice@other.example.test"), uri("https://web.example.test/"));
    assertThat(ServerIdentity.matches(cert, "sip.example.test")).isTrue();
    assertThat(ServerIdentity.matches(cert, "other.example.test")).isFalse(); // has a user part
    assertThat(ServerIdentity.matches(cert, "web.example.test")).isFalse(); // not a SIP URI
    assertThat(ServerIdentity.sipUriDomain("sip:example.test:5061")).isEqualTo("example.test");
    X509Certificate wildUri = serverCertificate("CN=x", uri("sip:*.example.test"));
    assertThat(ServerIdentity.matches(wildUri, "sip.example.test")).isFalse();
  }

  @Test
  void fallsBackToTheCommonNameOnlyWithoutNameAlternatives() {
    X509Certificate cnOnly = serverCertificate("CN=sip.example.test,O=x");
    assertThat(ServerIdentity.matches(cnOnly, "sip.example.test")).isTrue();
    assertThat(ServerIdentity.matches(cnOnly, "other.example.test")).isFalse();
  }

  @Test
  void foldsOnlyAsciiLettersWhenComparingNames() throws Exception {
    // U+212A KELVIN SIGN lower-cases to 'k'; U+017F LONG S upper-cases to 'S' (equalsIgnoreCase)
    X509Certificate kelvin = serverCertificate("CN=\u212Aamailio.example.test,O=x");
    assertThat(ServerIdentity.matches(kelvin, "kamailio.example.test")).isFalse();
    assertThat(ServerIdentity.matches(serverCertificate("CN=Kamailio.Example.Test,O=x"),
        "kamailio.example.test")).isTrue();

    PeerTrustManager sipPhone = PeerTrustManager.forCertificateAuthorities(List.of(TestPki.CA))
        .requireCommonName("sip-phone").build();
    X509Certificate longS = serverCertificate("CN=\u017Fip-phone,O=x");
    assertCheck(() -> sipPhone.checkClientTrusted(new X509Certificate[] {longS, TestPki.CA}, "EC"),
        CertificateCheck.SUBJECT_MISMATCH);
    X509Certificate upper = serverCertificate("CN=SIP-Phone,O=x");
    sipPhone.checkClientTrusted(new X509Certificate[] {upper, TestPki.CA}, "EC");
  }

  @Test
  void trustManagerNamesTheFailedCheck() throws Exception {
    PeerTrustManager tm = PeerTrustManager.forCertificateAuthorities(List.of(TestPki.CA))
        .expectServerIdentity(TestPki.HOST).requireCommonName(TestPki.HOST).build();
    tm.checkServerTrusted(TestPki.SERVER_EC.chain(), "ECDHE_ECDSA");
    assertThat(tm.getAcceptedIssuers()).containsExactly(TestPki.CA);
    assertCheck(() -> tm.checkServerTrusted(TestPki.UNTRUSTED.chain(), "ECDHE_ECDSA"),
        CertificateCheck.UNTRUSTED_CHAIN);
    assertCheck(() -> tm.checkServerTrusted(TestPki.EXPIRED.chain(), "ECDHE_ECDSA"),
        CertificateCheck.EXPIRED);
    assertCheck(() -> tm.checkServerTrusted(TestPki.WRONG_NAME.chain(), "ECDHE_ECDSA"),
        CertificateCheck.SUBJECT_MISMATCH);
    assertCheck(() -> tm.checkClientTrusted(new X509Certificate[0], "EC"),
        CertificateCheck.MISSING_CLIENT_CERTIFICATE);
    PeerTrustManager nameOnly = PeerTrustManager.forCertificateAuthorities(List.of(TestPki.CA))
        .expectServerIdentity(TestPki.HOST).build();
    assertCheck(() -> nameOnly.checkServerTrusted(TestPki.WRONG_NAME.chain(), "ECDHE_ECDSA"),
        CertificateCheck.WRONG_NAME);
    assertThatThrownBy(() -> PeerTrustManager.forCertificateAuthorities(List.of()).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  private interface Check {
    void run() throws Exception;
  }

  private static void assertCheck(Check check, CertificateCheck expected) {
    assertThatThrownBy(check::run).isInstanceOf(PeerVerificationException.class)
        .extracting(e -> ((PeerVerificationException) e).check()).isEqualTo(expected);
  }
}
