package io.sipalg.tls.engine;

import io.sipalg.api.TlsVersion;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.Security;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JsseBootstrapTest {
  static {
    TestPki.CA.getSubjectX500Principal(); // runs the bootstrap (SSLv3, 3DES, RSA) first
  }

  private static List<String> disabledEntries() {
    return Arrays.stream(Security.getProperty(JsseBootstrap.DISABLED_ALGORITHMS).split(","))
        .map(String::trim).toList();
  }

  @Test
  void removedOnlyWhatTheLowestVersion3DesAndRsaKeyExchangeNeed() {
    List<String> entries = disabledEntries();
    assertThat(entries).doesNotContain("SSLv3", "TLSv1", "TLSv1.1", "3DES_EDE_CBC", "TLS_RSA_*");
    // Everything else the JDK disables stays disabled.
    assertThat(entries).contains("RC4", "DES", "NULL", "anon", "DH keySize < 1024");
    JsseBootstrap.Report report = JsseBootstrap.ensure(TlsVersion.TLS_1_2, false, false);
    assertThat(report.lowestVersion()).isEqualTo(TlsVersion.SSL_3_0);
    assertThat(report.tripleDes()).isTrue();
    assertThat(report.rsaKeyExchange()).isTrue();
    assertThat(report.removedEntries()).contains("SSLv3", "TLSv1", "TLSv1.1", "3DES_EDE_CBC");
    assertThat(report.warnings()).isEmpty();
  }

  @Test
  void isIdempotent() {
    JsseBootstrap.Report first = JsseBootstrap.ensure(TlsVersion.TLS_1_1, true, true);
    assertThat(JsseBootstrap.ensure(TlsVersion.TLS_1_2, false, false)).isSameAs(first);
    assertThat(JsseBootstrap.ensureDefault()).isSameAs(first);
    assertThat(JsseBootstrap.bcJsseProvider()).isSameAs(JsseBootstrap.bcJsseProvider());
  }

  @Test
  void editsTheCurrentValueInsteadOfOverwritingIt() {
    String saved = Security.getProperty(JsseBootstrap.DISABLED_ALGORITHMS);
    try {
      Security.setProperty(JsseBootstrap.DISABLED_ALGORITHMS,
          "SSLv3, TLSv1, TLSv1.1, HostSpecific, 3DES_EDE_CBC, include jdk.disabled.namedCurves");
      assertThat(JsseBootstrap.enableInDisabledAlgorithms(TlsVersion.TLS_1_1, false, false))
          .containsExactly("TLSv1.1");
      assertThat(Security.getProperty(JsseBootstrap.DISABLED_ALGORITHMS)).isEqualTo(
          "SSLv3, TLSv1, HostSpecific, 3DES_EDE_CBC, include jdk.disabled.namedCurves");
      assertThat(JsseBootstrap.enableInDisabledAlgorithms(TlsVersion.TLS_1_2, true, false))
          .containsExactly("3DES_EDE_CBC");
      // JDK 24 and later disable static RSA key exchange with one wildcard entry.
      Security.setProperty(JsseBootstrap.DISABLED_ALGORITHMS,
          "TLSv1.1, ECDH, TLS_RSA_*, rsa_pkcs1_sha1 usage HandshakeSignature");
      assertThat(JsseBootstrap.enableInDisabledAlgorithms(TlsVersion.TLS_1_2, false, true))
          .containsExactly("TLS_RSA_*");
      assertThat(Security.getProperty(JsseBootstrap.DISABLED_ALGORITHMS)).isEqualTo(
          "TLSv1.1, ECDH, rsa_pkcs1_sha1 usage HandshakeSignature");
    } finally {
      Security.setProperty(JsseBootstrap.DISABLED_ALGORITHMS, saved);
    }
  }

  @Test
  void registersBouncyCastleLastAndQuietensItsLogging() {
    Provider[] providers = Security.getProviders();
    assertThat(providers[providers.length - 1].getName()).isEqualTo("BC");
    assertThat(Security.getProvider("BCJSSE")).as("BCJSSE is used by instance, not registered")
        .isNull();
    assertThat(JsseBootstrap.bcJsseProvider().getName()).isEqualTo("BCJSSE");
    assertThat(System.getProperty(JsseBootstrap.CBC_PROTECTION)).isEqualTo("false");
    assertThat(java.util.logging.Logger.getLogger("org.bouncycastle").getLevel())
        .isEqualTo(java.util.logging.Level.WARNING);
    assertThat(java.util.logging.Logger.getLogger("org.bouncycastle.jsse.provider.ProvTlsServer")
        .getLevel()).as("one warning per failed handshake").isEqualTo(java.util.logging.Level.SEVERE);
  }

  @Test
  void warnsWhenTheHostInitialisedJsseFirst() throws Exception {
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        LateBootstrapProbe.class.getName()).redirectErrorStream(true).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(output).contains("WARNING SunJSSE was initialised before JsseBootstrap")
        .contains("ssl-min-version tls-1.0 will not work");
    String rsaWarning = "with TLS_RSA_* disabled: ssl-pfs allow/deny will offer no RSA key exchange";
    if (output.contains("JDK DISABLES TLS_RSA")) {
      assertThat(output).contains(rsaWarning);
    } else {
      assertThat(output).doesNotContain(rsaWarning);
    }
  }
}
