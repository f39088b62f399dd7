package io.sipalg.api.config;

import io.sipalg.api.cert.GeneratedCertificate;
import io.sipalg.api.cert.TestCerts;
import java.nio.file.Path;

/** Small certificate files for config tests. */
final class TestCertsWriter {
  private TestCertsWriter() {}

  /** Writes plain.pem / plain.key (unencrypted) issued by a new CA, and plain-ca.pem. */
  static GeneratedCertificate plainServer(Path dir) {
    GeneratedCertificate ca = TestCerts.ca("Plain CA");
    GeneratedCertificate leaf = TestCerts.leaf(ca, "plain");
    ConfigFixtures.write(dir.resolve("plain.pem"), leaf.certificatePem());
    ConfigFixtures.write(dir.resolve("plain.key"), leaf.privateKeyPem());
    ConfigFixtures.write(dir.resolve("plain-ca.pem"), ca.certificatePem());
    return leaf;
  }
}
