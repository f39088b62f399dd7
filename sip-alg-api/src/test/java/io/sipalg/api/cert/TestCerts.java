package io.sipalg.api.cert;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Throwaway certificates for tests, generated with bcpkix at test time (EC P-256, fast), plus access
 * to the OpenSSL-made fixtures under {@code src/test/resources/certs}.
 */
public final class TestCerts {
  private static final BouncyCastleProvider BC = new BouncyCastleProvider();

  private TestCerts() {}

  /** A leaf with an RSA key issued by {@code ca}, valid from a day ago for a year. */
  public static GeneratedCertificate rsaLeaf(GeneratedCertificate ca, String subject) {
    return year().rsa(2048).subject(subject).signedBy(ca).build();
  }

  /** A self-signed CA valid from a day ago for a year. */
  public static GeneratedCertificate ca(String cn) {
    return year().subject(cn).certificateAuthority(1).build();
  }

  /** A leaf issued by {@code ca}, valid from a day ago for a year. */
  public static GeneratedCertificate leaf(GeneratedCertificate ca, String subject) {
    return year().subject(subject).signedBy(ca).build();
  }

  /** A leaf issued by {@code ca} with the given validity. */
  public static GeneratedCertificate leaf(GeneratedCertificate ca, String subject,
      Instant notBefore, Instant notAfter) {
    return GeneratedCertificate.builder().subject(subject).validity(notBefore, notAfter)
        .signedBy(ca).build();
  }

  private static GeneratedCertificate.Builder year() {
    return GeneratedCertificate.builder().validity(Instant.now().minus(Duration.ofDays(1)),
        Instant.now().plus(Duration.ofDays(365)));
  }

  /** PEM of certificates, keys or other bcpkix-writable objects. */
  public static String pem(Object... objects) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      for (Object o : objects) {
        w.writeObject(o);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** The key as encrypted PKCS#8 PEM ({@code BEGIN ENCRYPTED PRIVATE KEY}), PBES2 AES-256-CBC. */
  public static String encryptedPkcs8(PrivateKey key, String password) {
    try {
      return pem(new JcaPKCS8Generator(key,
          new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
              .setProvider(BC).setPassword(password.toCharArray()).build()).generate());
    } catch (OperatorCreationException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The key as traditional OpenSSL encrypted PEM ({@code Proc-Type: 4,ENCRYPTED}), AES-128. Use RSA
   * keys: bcpkix writes JDK EC keys as SEC1 without their curve.
   */
  public static String traditionalEncrypted(PrivateKey key, String password) {
    try {
      return pem(new JcaMiscPEMGenerator(key,
          new JcePEMEncryptorBuilder("AES-128-CBC").setProvider(BC).build(password.toCharArray())).generate());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fixture from {@code src/test/resources/certs} as bytes. */
  public static byte[] fixtureBytes(String name) {
    try (InputStream in = TestCerts.class.getResourceAsStream("/certs/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fixture from {@code src/test/resources/certs} as text. */
  public static String fixture(String name) {
    return new String(fixtureBytes(name), StandardCharsets.UTF_8);
  }

  /** Copies fixtures into a directory and returns it. */
  public static Path copyFixtures(Path dir, String... names) {
    try {
      for (String name : names) {
        Files.write(dir.resolve(name), fixtureBytes(name));
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
