package io.sipalg.api.cert;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Throwaway certificates for tests, generated with bcpkix at test time (EC P-256, fast), plus access
 * to the OpenSSL-made fixtures under {@code src/test/resources/certs}.
 */
public final class TestCerts {
  private static final BouncyCastleProvider BC = new BouncyCastleProvider();
  private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

  /** A certificate with its key pair. */
  public record Issued(X509Certificate certificate, KeyPair keys) {
    /** The certificate as PEM. */
    public String certificatePem() {
      return pem(certificate);
    }

    /** The private key as unencrypted PKCS#8 PEM ({@code BEGIN PRIVATE KEY}). */
    public String keyPem() {
      try {
        return pem(new JcaPKCS8Generator(keys.getPrivate(), null).generate());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The private key. */
    public PrivateKey privateKey() {
      return keys.getPrivate();
    }
  }

  private TestCerts() {}

  /** A new EC P-256 key pair. */
  public static KeyPair ecKeyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A new RSA-2048 key pair (slow: use sparingly). */
  public static KeyPair rsaKeyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A leaf with an RSA key issued by {@code ca}, valid from a day ago for a year. */
  public static Issued rsaLeaf(Issued ca, String subject) {
    KeyPair keys = rsaKeyPair();
    String issuer = ca.certificate().getSubjectX500Principal().getName();
    return new Issued(build(subject, issuer, keys, ca.privateKey(), false,
        Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(365))), keys);
  }

  /** A self-signed CA valid from a day ago for a year. */
  public static Issued ca(String cn) {
    KeyPair keys = ecKeyPair();
    return new Issued(
        build(cn, cn, keys, keys.getPrivate(), true, Instant.now().minus(Duration.ofDays(1)),
            Instant.now().plus(Duration.ofDays(365))),
        keys);
  }

  /** A leaf issued by {@code ca}, valid from a day ago for a year. */
  public static Issued leaf(Issued ca, String subject) {
    return leaf(ca, subject, Instant.now().minus(Duration.ofDays(1)),
        Instant.now().plus(Duration.ofDays(365)));
  }

  /** A leaf issued by {@code ca} with the given validity. */
  public static Issued leaf(Issued ca, String subject, Instant notBefore, Instant notAfter) {
    KeyPair keys = ecKeyPair();
    String issuer = ca.certificate().getSubjectX500Principal().getName();
    return new Issued(
        build(subject, issuer, keys, ca.privateKey(), false, notBefore, notAfter), keys);
  }

  private static X509Certificate build(String subject, String issuer, KeyPair keys,
      PrivateKey signer, boolean isCa, Instant notBefore, Instant notAfter) {
    try {
      JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
          new X500Principal(issuer.contains("=") ? issuer : "CN=" + issuer),
          BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore), Date.from(notAfter),
          new X500Principal(subject.contains("=") ? subject : "CN=" + subject), keys.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
      return new JcaX509CertificateConverter().getCertificate(
          b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
    } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
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
