package io.sipalg.examples.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipalg.api.cert.GeneratedCertificate;
import io.sipalg.api.config.FortiConfig;
import io.sipalg.api.config.FortiConfigReader;
import io.sipalg.api.inspect.SipInspector;
import io.sipalg.api.session.SessionAddresses;
import io.sipalg.tls.SipAlg;
import java.net.InetSocketAddress;
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
 * The runner's SIGHUP: the configuration file's profiles and certificates go into service for new
 * connections when every profile can be served, and otherwise the running ones stay, with the
 * reason.
 */
class ConfigReloadTest {
  private static final GeneratedCertificate CA = GeneratedCertificate.builder()
      .subject("CN=reload test CA").certificateAuthority(0).build();
  private static final InetSocketAddress PHONE = new InetSocketAddress("127.0.0.1", 40000);
  private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 5061);

  @TempDir Path dir;
  private Path config;
  private SipAlg alg;
  private ConfigReload reload;

  @BeforeEach
  void startFromTheFirstServerCertificate() throws Exception {
    writeCredential("server", leaf("sip.example.test"));
    writeCredential("client", leaf("alg.example.test"));
    Files.writeString(dir.resolve("ca.crt"), CA.certificatePem(), StandardCharsets.US_ASCII);
    config = dir.resolve("alg.conf");
    writeConfig("Server_cert", "tls-1.2", "default", 5061);
    FortiConfig started = FortiConfigReader.read(config);
    alg = SipAlg.builder().config(started).inspectors(p -> SipInspector.passThrough()).build();
    reload = new ConfigReload(config, alg, "default", started);
  }

  @Test
  void aReloadPutsTheFilesCertificatesInService() throws Exception {
    GeneratedCertificate renewed = leaf("sip.example.test");
    writeCredential("server", renewed);

    ConfigReload.Outcome outcome = reload.reload();

    assertThat(outcome.applied()).isTrue();
    assertThat(outcome.line()).isEqualTo("sip-alg: reloaded " + config + " (1 voip profile(s), 2"
        + " local certificate(s), 1 CA, 1 peer(s), 1 peer group(s)); new connections use it");
    assertThat(servedCertificate("Server_cert")).isEqualTo(renewed.certificate());
  }

  @Test
  void renamedCertificatesAndChangedProfilesApplyToNewConnections() throws Exception {
    GeneratedCertificate renewed = leaf("sip.example.test");
    writeCredential("server", renewed);
    writeConfig("Renamed_cert", "tls-1.3", "default", 5061);

    ConfigReload.Outcome outcome = reload.reload();

    assertThat(outcome.applied()).isTrue();
    assertThat(outcome.line()).endsWith("; new connections use it");
    assertThat(servedCertificate("Renamed_cert")).isEqualTo(renewed.certificate());
    assertThat(alg.certificates().findLocal("Server_cert")).isEmpty();
    assertThat(alg.newSession(SessionAddresses.accepted(PHONE, LOCAL), "default")).isNotNull();
  }

  @Test
  void aFileThatDoesNotReadKeepsTheRunningConfiguration() throws Exception {
    X509Certificate running = servedCertificate("Server_cert");
    long version = alg.certificates().version();
    Files.writeString(config, "config voip profile\n    edit \"default\"\n        set nonsense 1\n",
        StandardCharsets.US_ASCII);

    ConfigReload.Outcome outcome = reload.reload();

    assertThat(outcome.applied()).isFalse();
    assertThat(outcome.line()).startsWith("sip-alg: reload of " + config
        + " failed, the running configuration stays: " + config + ":3:");
    assertThat(alg.certificates().version()).isEqualTo(version);
    assertThat(servedCertificate("Server_cert")).isEqualTo(running);
  }

  @Test
  void aFileWithoutTheRunnersProfileIsRefused() throws Exception {
    X509Certificate running = servedCertificate("Server_cert");
    writeConfig("Server_cert", "tls-1.2", "renamed", 5061);

    ConfigReload.Outcome outcome = reload.reload();

    assertThat(outcome.applied()).isFalse();
    assertThat(outcome.line()).isEqualTo("sip-alg: reload of " + config + " failed, the running"
        + " configuration stays: " + config + ": voip profile 'default' (--profile) is gone: the"
        + " runner's connections need it to intercept SIP over TLS");
    assertThat(servedCertificate("Server_cert")).isEqualTo(running);
    assertThat(alg.newSession(SessionAddresses.accepted(PHONE, LOCAL), "default")).isNotNull();
  }

  @Test
  void aChangedListeningPortIsReportedAsApplyingAfterARestart() throws Exception {
    writeConfig("Server_cert", "tls-1.2", "default", 5066);

    ConfigReload.Outcome outcome = reload.reload();

    assertThat(outcome.applied()).isTrue();
    assertThat(outcome.line()).endsWith(
        "; new connections use it; the changed sip-ssl-port applies after a restart");
  }

  @Test
  void aHangupSignalRunsTheAction() throws Exception {
    CountDownLatch hungUp = new CountDownLatch(1);
    assertThat(ConfigReload.onHangup(hungUp::countDown)).as("SIGHUP handling").isTrue();
    Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(ProcessHandle.current().pid()))
        .inheritIO().start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(hungUp.await(10, TimeUnit.SECONDS)).as("the handler ran").isTrue();
  }

  private X509Certificate servedCertificate(String name) {
    return alg.certificates().local(name).certificate();
  }

  private static GeneratedCertificate leaf(String name) {
    return GeneratedCertificate.builder().subject("CN=" + name).dnsName(name).signedBy(CA).build();
  }

  private void writeCredential(String name, GeneratedCertificate c) throws Exception {
    Files.writeString(dir.resolve(name + ".crt"), c.certificatePem(), StandardCharsets.US_ASCII);
    Files.writeString(dir.resolve(name + ".key"), c.privateKeyPem(), StandardCharsets.US_ASCII);
  }

  /** The server certificate entry's name, the profile's minimum TLS version, name and port. */
  private void writeConfig(String serverCertificate, String minVersion, String profile, int port)
      throws Exception {
    Files.writeString(config, String.join("\n",
        "config system settings",
        "    set sip-ssl-port " + port,
        "end",
        "config vpn certificate local",
        "    edit \"" + serverCertificate + "\"",
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
        "    edit \"" + profile + "\"",
        "        config sip",
        "            set ssl-mode full",
        "            set ssl-server-certificate \"" + serverCertificate + "\"",
        "            set ssl-client-certificate \"Client_cert\"",
        "            set ssl-auth-server \"servers\"",
        "            set ssl-min-version " + minVersion,
        "        end",
        "    next",
        "end",
        ""), StandardCharsets.US_ASCII);
  }
}
