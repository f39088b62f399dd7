package io.sipalg.examples.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipalg.api.cert.GeneratedCertificate;
import io.sipalg.api.config.FortiConfig;
import io.sipalg.api.config.FortiConfigReader;
import io.sipalg.api.inspect.SipInspector;
import io.sipalg.tls.SipAlg;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner's SIGHUP: the configuration file's certificates go into service for new connections
 * when every profile can use them, and otherwise the running ones stay, with the reason.
 */
class CertificateReloadTest {
  private static final GeneratedCertificate CA = GeneratedCertificate.builder()
      .subject("CN=reload test CA").certificateAuthority(0).build();

  @TempDir Path dir;
  private Path config;
  private SipAlg alg;
  private CertificateReload reload;

  @BeforeEach
  void startFromTheFirstServerCertificate() throws Exception {
    writeCredential("server", leaf("sip.example.test"));
    writeCredential("client", leaf("alg.example.test"));
    Files.writeString(dir.resolve("ca.crt"), CA.certificatePem(), StandardCharsets.US_ASCII);
    config = dir.resolve("alg.conf");
    writeConfig("Server_cert", "Server_cert", "tls-1.2");
    FortiConfig started = FortiConfigReader.read(config);
    alg = SipAlg.builder().config(started).inspectors(p -> SipInspector.passThrough()).build();
    reload = new CertificateReload(config, alg, started);
  }

  @Test
  void aReloadPutsTheFilesCertificatesInService() throws Exception {
    GeneratedCertificate renewed = leaf("sip.example.test");
    writeCredential("server", renewed);

    CertificateReload.Outcome outcome = reload.reload();

    assertThat(outcome.replaced()).isTrue();
    assertThat(outcome.line()).isEqualTo("sip-alg: reloaded the certificates of " + config
        + " (2 local, 1 CA, 1 peer, 1 peer group); new connections use them");
    assertThat(servedCertificate()).isEqualTo(renewed.certificate());
  }

  @Test
  void aFileThatDoesNotReadKeepsTheRunningCertificates() throws Exception {
    X509Certificate running = servedCertificate();
    long version = alg.certificates().version();
    Files.writeString(config, "config voip profile\n    edit \"default\"\n        set nonsense 1\n",
        StandardCharsets.US_ASCII);

    CertificateReload.Outcome outcome = reload.reload();

    assertThat(outcome.replaced()).isFalse();
    assertThat(outcome.line()).startsWith("sip-alg: reload of " + config
        + " failed, the running certificates stay: " + config + ":3:");
    assertThat(alg.certificates().version()).isEqualTo(version);
    assertThat(servedCertificate()).isEqualTo(running);
  }

  @Test
  void certificatesTheRunningProfileCannotUseAreRefused() throws Exception {
    X509Certificate running = servedCertificate();
    // a consistent file whose profile names another entry: the running profile (read at start)
    // still names Server_cert, which the new set lacks
    writeConfig("Renamed_cert", "Renamed_cert", "tls-1.2");
    assertThat(FortiConfigReader.read(config).certificateStore().findLocal("Renamed_cert")).isPresent();

    CertificateReload.Outcome outcome = reload.reload();

    assertThat(outcome.replaced()).isFalse();
    assertThat(outcome.line()).startsWith("sip-alg: reload of " + config
        + " failed, the running certificates stay: " + config + ": ")
        .contains("default").contains("Server_cert");
    assertThat(servedCertificate()).isEqualTo(running);
  }

  @Test
  void changedProfilesAreReportedAsTakingEffectAfterARestart() throws Exception {
    writeConfig("Server_cert", "Server_cert", "tls-1.3");

    CertificateReload.Outcome outcome = reload.reload();

    assertThat(outcome.replaced()).isTrue();
    assertThat(outcome.line()).endsWith(
        "; the changed voip profiles or system settings apply after a restart");
    assertThat(alg.certificates().findLocal("Server_cert")).isPresent();
  }

  @Test
  void aHangupSignalRunsTheAction() throws Exception {
    CountDownLatch hungUp = new CountDownLatch(1);
    assertThat(CertificateReload.onHangup(hungUp::countDown)).as("SIGHUP handling").isTrue();
    Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(ProcessHandle.current().pid()))
        .inheritIO().start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(hungUp.await(10, TimeUnit.SECONDS)).as("the handler ran").isTrue();
  }

  private X509Certificate servedCertificate() {
    return alg.certificates().local("Server_cert").certificate();
  }

  private static GeneratedCertificate leaf(String name) {
    return GeneratedCertificate.builder().subject("CN=" + name).dnsName(name).signedBy(CA).build();
  }

  private void writeCredential(String name, GeneratedCertificate c) throws Exception {
    Files.writeString(dir.resolve(name + ".crt"), c.certificatePem(), StandardCharsets.US_ASCII);
    Files.writeString(dir.resolve(name + ".key"), c.privateKeyPem(), StandardCharsets.US_ASCII);
  }

  private void writeConfig(String serverCertificateName, String profileServerCertificate,
      String minVersion) throws Exception {
    Files.writeString(config, String.join("\n",
        "config vpn certificate local",
        "    edit \"" + serverCertificateName + "\"",
        "        set certificate-file \"server.crt\"",
        "        set private-key-file \"server.key\"",
        "    next",
        "    edit \"Client_cert\"",
        "        set certificate-file \"client.crt\"",
        "        set private-key-file \"client.key\"",
        "    next",
        "end",
        "config vpn certificate ca",
        "    edit \"Test_CA\"",
        "        set ca-file \"ca.crt\"",
        "    next",
        "end",
        "config user peer",
        "    edit \"sip-server\"",
        "        set ca \"Test_CA\"",
        "    next",
        "end",
        "config user peergrp",
        "    edit \"servers\"",
        "        set member \"sip-server\"",
        "    next",
        "end",
        "config voip profile",
        "    edit \"default\"",
        "        config sip",
        "            set ssl-mode full",
        "            set ssl-server-certificate \"" + profileServerCertificate + "\"",
        "            set ssl-client-certificate \"Client_cert\"",
        "            set ssl-auth-server \"servers\"",
        "            set ssl-min-version " + minVersion,
        "        end",
        "    next",
        "end",
        ""), StandardCharsets.US_ASCII);
  }
}
