package io.sipalg.api.config;

import io.sipalg.api.cert.TestCerts;
import java.nio.file.Path;

/** Small certificate files for config tests. */
final class TestCertsWriter {
  private TestCertsWriter() {}

  /** Writes plain.pem / plain.key (unencrypted) issued by a new CA, and plain-ca.pem. */
  static TestCerts.Issued plainServer(Path dir) {
    TestCerts.Issued ca = TestCerts.ca("Plain CA");
    TestCerts.Issued leaf = TestCerts.leaf(ca, "plain");
    ConfigFixtures.write(dir.resolve("plain.pem"), leaf.certificatePem());
    ConfigFixtures.write(dir.resolve("plain.key"), leaf.keyPem());
    ConfigFixtures.write(dir.resolve("plain-ca.pem"), ca.certificatePem());
    return leaf;
  }
}
