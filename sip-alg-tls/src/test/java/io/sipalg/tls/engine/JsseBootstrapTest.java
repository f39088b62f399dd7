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
    String output = runProbe(LateBootstrapProbe.class);
    assertThat(output).contains("WARNING SunJSSE has TLSv1 blocked (jdk.tls.disabledAlgorithms as in"
        + " effect when JSSE initialised").contains("ssl-min-version tls-1.0 will not work");
    String rsaWarning = "has TLS_RSA_* disabled (jdk.tls.disabledAlgorithms as in effect when JSSE"
        + " initialised, before the bootstrap ran or with io.sipalg.tls.editJvmSecuritySettings=false):"
        + " ssl-pfs allow/deny will offer no RSA key exchange";
    if (output.contains("JDK DISABLES TLS_RSA")) {
      assertThat(output).contains(rsaWarning);
    } else {
      assertThat(output).doesNotContain(rsaWarning);
    }
  }

  /**
   * A host whose security policy a library must not change: with the switch off, neither JVM-wide
   * setting moves, and what the profiles need but the JVM refuses is a warning, not a silent gap.
   */
  @Test
  void aHostCanKeepItsJvmWideSettings() throws Exception {
    String output = runProbe(HostKeepsSettingsProbe.class,
        "-D" + JsseBootstrap.EDIT_JVM_SECURITY_SETTINGS + "=false");
    String before = line(output, "BEFORE ");
    assertThat(before).contains("TLSv1").contains("3DES_EDE_CBC"); // what the JDK disables by default
    assertThat(line(output, "AFTER ")).isEqualTo(before);
    assertThat(line(output, "CBC AFTER ")).isEqualTo(line(output, "CBC BEFORE ")).isEqualTo("null");
    assertThat(line(output, "REMOVED ")).isEqualTo("[]");
    assertThat(output).contains("WARNING SunJSSE has TLSv1 blocked")
        .contains("ssl-algorithm medium/low will offer no 3DES suite")
        .contains("WARNING jsse.enableCBCProtection is null");
    // and by default the same bootstrap does edit them
    String edited = runProbe(HostKeepsSettingsProbe.class);
    assertThat(line(edited, "AFTER ")).doesNotContain("TLSv1,").doesNotContain("3DES_EDE_CBC");
    assertThat(line(edited, "CBC AFTER ")).isEqualTo("false");
    assertThat(edited).doesNotContain("WARNING");
  }

  private static String runProbe(Class<?> probe, String... jvmArgs) throws Exception {
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    List<String> command = new java.util.ArrayList<>(List.of(java));
    command.addAll(List.of(jvmArgs));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), probe.getName()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  /** The rest of the first output line starting with {@code prefix}. */
  private static String line(String output, String prefix) {
    return output.lines().filter(l -> l.startsWith(prefix)).findFirst()
        .map(l -> l.substring(prefix.length())).orElseThrow(() -> new AssertionError(
            "no line '" + prefix + "' in:\n" + output));
  }
}
