package io.sipalg.api.cert;

import static io.sipalg.api.cert.TestCerts.fixture;
import static io.sipalg.api.cert.TestCerts.fixtureBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CertificateImporterTest {
  static final char[] SECRET = "secret".toCharArray();
  static final GeneratedCertificate CA = TestCerts.ca("Test CA");
  static final GeneratedCertificate LEAF = TestCerts.leaf(CA, "CN=sip.example.com,O=Example");

  final CertificateImporter importer = CertificateImporter.withSystemClock();

  @ParameterizedTest
  @ValueSource(strings = {"server-pkcs8.key", "server-pkcs1.key"})
  void unencryptedServerKeys(String keyFile) {
    LocalCertificate c = importer.importPem("Server_cert", fixture("server.pem"),
        fixture(keyFile), null, "the server");
    assertThat(c.name()).isEqualTo("Server_cert");
    assertThat(c.comment()).isEqualTo("the server");
    assertThat(c.certificate().getSubjectX500Principal().getName()).contains("CN=sip.example.com");
    assertThat(c.privateKey().getAlgorithm()).isEqualTo("RSA");
  }

  @ParameterizedTest
  @ValueSource(strings = {"server-pbes2-aes.key", "server-pbes2-3des.key", "server-pbes1.key",
      "server-scrypt.key", "server-trad-aes.key"})
  void encryptedServerKeysMadeByOpenSsl(String keyFile) {
    LocalCertificate c = importer.importPem("Server_cert", fixture("server.pem"),
        fixture(keyFile), SECRET, "");
    assertThat(c.privateKey().getAlgorithm()).isEqualTo("RSA");
  }

  @ParameterizedTest
  @ValueSource(strings = {"server-pbes2-aes.key", "server-pbes2-3des.key", "server-pbes1.key",
      "server-scrypt.key", "server-trad-aes.key"})
  void wrongPasswordNamesTheEntry(String keyFile) {
    assertThatThrownBy(() -> importer.importPem("Server_cert", fixture("server.pem"),
            fixture(keyFile), "wrong".toCharArray(), ""))
        .isInstanceOfSatisfying(CertificateStoreException.class,
            e -> assertThat(e.entryName()).isEqualTo("Server_cert"))
        .hasMessage("wrong password for local certificate 'Server_cert': set the password the key"
            + " was encrypted with");
  }

  @Test
  void encryptedKeyWithoutPassword() {
    assertThatThrownBy(() -> importer.importPem("Server_cert", fixture("server.pem"),
            fixture("server-pbes2-aes.key"), null, ""))
        .isInstanceOf(CertificateStoreException.class)
        .hasMessage("the private key of local certificate 'Server_cert' is encrypted but no"
            + " password is set: set password");
  }

  @Test
  void ecKeysSec1AndTraditionalEncrypted() {
    assertThat(importer.importPem("Client_cert", fixture("client.pem"), fixture("client-sec1.key"),
        null, "").privateKey().getAlgorithm()).isEqualTo("EC");
    assertThat(importer.importPem("Client_cert", fixture("client.pem"),
        fixture("client-trad-3des.key"), SECRET, "").privateKey().getAlgorithm()).isEqualTo("EC");
  }

  /**
   * With BouncyCastle registered as a JCA provider (as the TLS module's bootstrap does, and many
   * hosts do), bcpkix used to turn an EC key into a BC "ECDSA" key, which the key-match check took
   * for a key of another type than its "EC" certificate: a configuration re-read in a running ALG
   * (certificate rotation) failed with "does not match its certificate". A host's own BC key
   * ("ECDSA") matches its JDK ("EC") certificate too.
   */
  @Test
  void ecKeysImportWhileBouncyCastleIsARegisteredProvider() throws Exception {
    boolean added = java.security.Security.getProvider("BC") == null
        && java.security.Security.addProvider(
            new org.bouncycastle.jce.provider.BouncyCastleProvider()) > 0;
    try {
      LocalCertificate sec1 = importer.importPem("Client_cert", fixture("client.pem"),
          fixture("client-sec1.key"), null, "");
      assertThat(sec1.privateKey().getAlgorithm()).isEqualTo("EC");
      LocalCertificate pkcs8 = importer.importPem("x", LEAF.certificatePem(), LEAF.privateKeyPem(),
          null, "");
      assertThat(pkcs8.privateKey().getAlgorithm()).isEqualTo("EC");
      assertThat(pkcs8.privateKey().getEncoded()).isEqualTo(LEAF.privateKey().getEncoded());
      assertThat(importer.importPem("x", LEAF.certificatePem(),
          TestCerts.encryptedPkcs8(LEAF.privateKey(), "pw"), "pw".toCharArray(), "")
          .privateKey().getAlgorithm()).isEqualTo("EC");
      java.security.PrivateKey bcKey = java.security.KeyFactory.getInstance("ECDSA", "BC")
          .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(LEAF.privateKey().getEncoded()));
      assertThat(bcKey.getAlgorithm()).isEqualTo("ECDSA");
      assertThat(LocalCertificate.of("x", new java.security.cert.X509Certificate[] {
          LEAF.certificate()}, bcKey, "").privateKey()).isSameAs(bcKey);
      GeneratedCertificate other = TestCerts.leaf(CA, "other");
      assertThatThrownBy(() -> LocalCertificate.of("x",
              new java.security.cert.X509Certificate[] {other.certificate()}, bcKey, ""))
          .hasMessageContaining("does not match its certificate");
    } finally {
      if (added) {
        java.security.Security.removeProvider("BC");
      }
    }
  }

  @Test
  void keysEncryptedWithBcpkixWriters() {
    GeneratedCertificate rsa = TestCerts.rsaLeaf(CA, "rsa");
    String p8 = TestCerts.encryptedPkcs8(LEAF.privateKey(), "pw");
    String trad = TestCerts.traditionalEncrypted(rsa.privateKey(), "pw");
    assertThat(p8).contains("BEGIN ENCRYPTED PRIVATE KEY");
    assertThat(trad).contains("Proc-Type: 4,ENCRYPTED");
    assertThat(importer.importPem("x", LEAF.certificatePem(), p8, "pw".toCharArray(), "")
        .privateKey().getEncoded()).isEqualTo(LEAF.privateKey().getEncoded());
    assertThat(importer.importPem("x", rsa.certificatePem(), trad, "pw".toCharArray(), "")
        .privateKey().getAlgorithm()).isEqualTo("RSA");
    assertThatThrownBy(
            () -> importer.importPem("x", rsa.certificatePem(), trad, "no".toCharArray(), ""))
        .hasMessageStartingWith("wrong password for local certificate 'x'");
  }

  @Test
  void chainAndKeyInOnePemText() {
    LocalCertificate c = importer.importPem("x",
        LEAF.certificatePem() + CA.certificatePem() + LEAF.privateKeyPem(), null, null, "");
    assertThat(c.chain()).containsExactly(LEAF.certificate(), CA.certificate());
  }

  @Test
  void pkcs12AesAndLegacy() {
    LocalCertificate server =
        importer.importPkcs12("Server_cert", fixtureBytes("server-aes.p12"), SECRET, "");
    assertThat(server.chain()).hasSize(2);
    assertThat(server.privateKey().getAlgorithm()).isEqualTo("RSA");
    LocalCertificate client =
        importer.importPkcs12("Client_cert", fixtureBytes("client-legacy-3des.p12"), SECRET, "");
    assertThat(client.privateKey().getAlgorithm()).isEqualTo("EC");
  }

  @ParameterizedTest
  @ValueSource(strings = {"server-aes.p12", "client-legacy-3des.p12"})
  void pkcs12WrongPassword(String file) {
    assertThatThrownBy(() -> importer.importPkcs12("Client_cert", fixtureBytes(file),
            "wrong".toCharArray(), ""))
        .isInstanceOf(CertificateStoreException.class)
        .hasMessage("wrong password for local certificate 'Client_cert': set the password the key"
            + " was encrypted with");
  }

  @Test
  void pkcs12Garbage() {
    assertThatThrownBy(() -> importer.importPkcs12("P", new byte[] {1, 2, 3}, SECRET, ""))
        .isInstanceOf(CertificateStoreException.class)
        .hasMessageStartingWith("the PKCS#12 data of local certificate 'P' cannot be read");
  }

  @Test
  void keyThatDoesNotMatchTheCertificate() {
    GeneratedCertificate other = TestCerts.leaf(CA, "other");
    assertThatThrownBy(
            () -> importer.importPem("Server_cert", LEAF.certificatePem(), other.privateKeyPem(), null, ""))
        .isInstanceOfSatisfying(CertificateStoreException.class,
            e -> assertThat(e.entryName()).isEqualTo("Server_cert"))
        .hasMessageStartingWith("the private key of local certificate 'Server_cert' does not match"
            + " its certificate (CN=sip.example.com,O=Example)");
    assertThatThrownBy(() -> importer.importPem("Server_cert", fixture("server.pem"),
            fixture("client-sec1.key"), null, ""))
        .hasMessageContaining("does not match its certificate");
  }

  @Test
  void expiredAndNotYetValidAgainstTheClock() {
    Instant now = Instant.now();
    GeneratedCertificate expired = TestCerts.leaf(CA, "old", now.minus(Duration.ofDays(30)),
        now.minus(Duration.ofDays(1)));
    GeneratedCertificate future = TestCerts.leaf(CA, "new", now.plus(Duration.ofDays(1)),
        now.plus(Duration.ofDays(30)));
    assertThatThrownBy(
            () -> importer.importPem("Old", expired.certificatePem(), expired.privateKeyPem(), null, ""))
        .isInstanceOf(CertificateStoreException.class)
        .hasMessageStartingWith("local certificate 'Old' has expired: certificate CN=old was valid"
            + " until ")
        .hasMessageEndingWith(": import a renewed certificate");
    assertThatThrownBy(
            () -> importer.importPem("New", future.certificatePem(), future.privateKeyPem(), null, ""))
        .hasMessageStartingWith("local certificate 'New' is not yet valid: certificate CN=new is"
            + " valid from ");
    // with a clock inside their validity, both load
    Clock then = Clock.fixed(now.minus(Duration.ofDays(10)), ZoneOffset.UTC);
    new CertificateImporter(then).importPem("Old", expired.certificatePem(), expired.privateKeyPem(),
        null, "");
    Clock later = Clock.fixed(now.plus(Duration.ofDays(10)), ZoneOffset.UTC);
    new CertificateImporter(later).importPem("New", future.certificatePem(), future.privateKeyPem(),
        null, "");
  }

  @Test
  void expiredCa() {
    Clock farFuture = Clock.fixed(Instant.now().plus(Duration.ofDays(400)), ZoneOffset.UTC);
    assertThatThrownBy(() -> new CertificateImporter(farFuture).importCa("CA1", CA.certificatePem()))
        .hasMessageStartingWith("CA certificate 'CA1' has expired");
  }

  @Test
  void unparseablePem() {
    assertThatThrownBy(() -> importer.importPem("Bad", "hello", LEAF.privateKeyPem(), null, ""))
        .isInstanceOf(CertificateStoreException.class)
        .hasMessage("the certificate of local certificate 'Bad' is not PEM: paste the whole"
            + " -----BEGIN ... -----END ... block");
    assertThatThrownBy(() -> importer.importPem("Bad",
            "-----BEGIN CERTIFICATE-----\n@@@@\n-----END CERTIFICATE-----\n", LEAF.privateKeyPem(), null,
            ""))
        .hasMessageStartingWith("the certificate of local certificate 'Bad' is not valid PEM");
    assertThatThrownBy(() -> importer.importPem("Bad", LEAF.certificatePem(), null, null, ""))
        .hasMessageStartingWith("no private key found in the PEM text of local certificate 'Bad'");
    assertThatThrownBy(() -> importer.importPem("Bad", LEAF.privateKeyPem(), LEAF.privateKeyPem(), null, ""))
        .hasMessageStartingWith("no certificate found in the PEM text of local certificate 'Bad'");
    assertThatThrownBy(() -> importer.importCa("CA", ""))
        .hasMessage("CA certificate 'CA' has no certificate: set it");
  }

  @Test
  void fromFiles(@TempDir Path dir) throws Exception {
    TestCerts.copyFixtures(dir, "server.pem", "server-pbes2-aes.key", "ca.pem", "server-aes.p12");
    assertThat(importer.importPemFiles("S", dir.resolve("server.pem"),
        dir.resolve("server-pbes2-aes.key"), SECRET, "").name()).isEqualTo("S");
    assertThat(importer.importPkcs12File("P", dir.resolve("server-aes.p12"), SECRET, "").name())
        .isEqualTo("P");
    assertThat(importer.importCaFile("CA1", dir.resolve("ca.pem")).certificate()
        .getSubjectX500Principal().getName()).contains("sip-alg test CA");
    assertThatThrownBy(() -> importer.importCaFile("CA1", dir.resolve("missing.pem")))
        .isInstanceOfSatisfying(CertificateStoreException.class,
            e -> assertThat(e.entryName()).isEqualTo("CA1"))
        .hasMessageStartingWith("cannot read the CA file '" + dir.resolve("missing.pem")
            + "' of CA certificate 'CA1' (NoSuchFileException");
    Files.writeString(dir.resolve("x"), "");
  }

  @Test
  void costlyKeyDerivationIsRefusedBeforeDecrypting() throws Exception {
    // Only the structure: encrypting with N=2^20, r=8 would itself take a gigabyte.
    org.bouncycastle.asn1.x509.AlgorithmIdentifier pbes2 =
        new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
            org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.id_PBES2,
            new org.bouncycastle.asn1.pkcs.PBES2Parameters(
                new org.bouncycastle.asn1.pkcs.KeyDerivationFunc(
                    org.bouncycastle.asn1.misc.MiscObjectIdentifiers.id_scrypt,
                    new org.bouncycastle.asn1.misc.ScryptParams(new byte[16], 1 << 20, 8, 1, 32)),
                new org.bouncycastle.asn1.pkcs.EncryptionScheme(
                    org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_aes256_CBC,
                    new org.bouncycastle.asn1.DEROctetString(new byte[16]))));
    org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo epki =
        new org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo(pbes2, new byte[64]);
    String pem = "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
        + java.util.Base64.getMimeEncoder().encodeToString(epki.getEncoded())
        + "\n-----END ENCRYPTED PRIVATE KEY-----\n";
    assertThatThrownBy(() -> importer.importPem("Big", LEAF.certificatePem(), pem,
            "pw".toCharArray(), ""))
        .isInstanceOf(CertificateStoreException.class)
        .hasMessage("the private key of local certificate 'Big' is refused: its scrypt parameters"
            + " need 1024 MiB, more than the 256 MiB allowed: re-encrypt it with ordinary"
            + " settings (e.g. openssl pkcs8 -topk8 -v2 aes-256-cbc)");
  }

  @Test
  void oversizedFileIsRefused(@TempDir Path dir) throws Exception {
    Path big = dir.resolve("big.pem");
    Files.write(big, new byte[CertificateImporter.MAX_FILE_BYTES + 1]);
    assertThatThrownBy(() -> importer.importCaFile("CA", big))
        .hasMessage("the CA file '" + big + "' of CA certificate 'CA' is larger than 1 MiB: check"
            + " the path");
  }

  /** A pipe (which would block the reader until written to), a device or a directory is refused. */
  @Test
  void onlyRegularFilesAreRead(@TempDir Path dir) throws Exception {
    Path fifo = dir.resolve("server.key");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo");
    Files.writeString(dir.resolve("server.pem"), LEAF.certificatePem());
    for (Path notRegular : new Path[] {fifo, Path.of("/dev/null"), dir}) {
      org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
          assertThatThrownBy(() -> importer.importPemFiles("Server_cert", dir.resolve("server.pem"),
                  notRegular, null, ""))
              .isInstanceOf(CertificateStoreException.class)
              .hasMessageContaining("'" + notRegular + "'")
              .hasMessageContaining("is not a regular file"));
    }
  }

  @Test
  void toStringNeverShowsTheKey() {
    LocalCertificate c =
        importer.importPem("x", LEAF.certificatePem(), LEAF.privateKeyPem(), null, "");
    assertThat(c.toString()).startsWith("LocalCertificate \"x\" {subject CN=sip.example.com")
        .doesNotContain("PRIVATE");
  }
}
