package io.sipalg.api.config;

import io.sipalg.api.cert.GeneratedCertificate;
import io.sipalg.api.cert.TestCerts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Certificate files and config text shared by the config tests. */
final class ConfigFixtures {
  private ConfigFixtures() {}

  /**
   * Writes certificates generated now (CA, EC server and client) to {@code dir} and returns config
   * text defining CA1, Server_cert, Client_cert, peer check-server and group check-server-group
   * with file keys.
   */
  static String generatedCertificates(Path dir) {
    GeneratedCertificate ca = TestCerts.ca("Generated CA");
    GeneratedCertificate server = TestCerts.leaf(ca, "CN=sip.example.com,O=Example");
    GeneratedCertificate client = TestCerts.leaf(ca, "CN=alg-client,O=Example");
    write(dir.resolve("ca.pem"), ca.certificatePem());
    write(dir.resolve("server.pem"), server.certificatePem() + ca.certificatePem());
    write(dir.resolve("server.key"), TestCerts.encryptedPkcs8(server.privateKey(), "s3cret"));
    write(dir.resolve("client.pem"), client.certificatePem());
    write(dir.resolve("client.key"), client.privateKeyPem());
    return String.join("\n",
        "#config-version=FGT60F-7.2.8-FW-build1639:opmode=0:vdom=0",
        "config vpn certificate ca",
        "    edit \"CA1\"",
        "        set ca-file \"ca.pem\"",
        "    next",
        "end",
        "config vpn certificate local",
        "    edit \"Server_cert\"",
        "        set password \"s3cret\"",
        "        set comments \"presented to phones\"",
        "        set certificate-file \"server.pem\"",
        "        set private-key-file \"server.key\"",
        "    next",
        "    edit \"Client_cert\"",
        "        set certificate-file \"client.pem\"",
        "        set private-key-file \"client.key\"",
        "    next",
        "end",
        "config user peer",
        "    edit \"check-server\"",
        "        set ca \"CA1\"",
        "        set cn \"sip.example.com\"",
        "    next",
        "end",
        "config user peergrp",
        "    edit \"check-server-group\"",
        "        set member \"check-server\"",
        "    next",
        "end",
        "");
  }

  /**
   * Copies the OpenSSL fixtures (RSA server with encrypted key, legacy PKCS#12 client) to {@code
   * dir} and returns config text defining the same names as {@link #generatedCertificates}, with
   * inline PEM for the server.
   */
  static String fixtureCertificates(Path dir) {
    TestCerts.copyFixtures(dir, "ca.pem", "client-legacy-3des.p12");
    return String.join("\n",
        "config vpn certificate ca",
        "    edit \"CA1\"",
        "        set ca-file \"ca.pem\"",
        "    next",
        "end",
        "config vpn certificate local",
        "    edit \"Server_cert\"",
        "        set password \"secret\"",
        "        set comments \"RSA, inline, encrypted key\"",
        "        set private-key \"" + TestCerts.fixture("server-trad-aes.key") + "\"",
        "        set certificate \"" + TestCerts.fixture("server.pem") + "\"",
        "    next",
        "    edit \"Client_cert\"",
        "        set password secret",
        "        set pkcs12-file \"client-legacy-3des.p12\"",
        "    next",
        "end",
        "config user peer",
        "    edit \"check-server\"",
        "        set ca \"CA1\"",
        "        set subject \"CN=sip.example.com,O=sip-alg test\"",
        "    next",
        "    edit \"any-phone\"",
        "        set ca \"CA1\"",
        "    next",
        "end",
        "config user peergrp",
        "    edit \"check-server-group\"",
        "        set member \"check-server\" \"any-phone\"",
        "    next",
        "end",
        "");
  }

  static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String resource(String name) {
    try (var in = ConfigFixtures.class.getResourceAsStream("/config/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
