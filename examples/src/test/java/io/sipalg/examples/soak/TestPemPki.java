package io.sipalg.examples.soak;

import io.sipalg.api.cert.GeneratedCertificate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the files {@link SoakPki} reads (ca.crt, server.crt, server.key) like make-certs.sh does. */
final class TestPemPki {
  private TestPemPki() {}

  static void write(Path dir) throws IOException {
    GeneratedCertificate ca = GeneratedCertificate.builder().subject("CN=soak test CA")
        .certificateAuthority(0).build();
    GeneratedCertificate server = GeneratedCertificate.builder()
        .subject("CN=" + SoakPki.SERVER_NAME).dnsName(SoakPki.SERVER_NAME).signedBy(ca).build();
    Files.writeString(dir.resolve("ca.crt"), ca.certificatePem(), StandardCharsets.US_ASCII);
    Files.writeString(dir.resolve("server.crt"), server.certificatePem(), StandardCharsets.US_ASCII);
    Files.writeString(dir.resolve("server.key"), server.privateKeyPem(), StandardCharsets.US_ASCII);
  }
}
