package io.sipalg.api.cert;

import io.sipalg.api.internal.BoundedFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEInputDecryptorProviderBuilder;

/**
 * Loads local and CA certificates from PEM or PKCS#12, checking passwords, that each key matches
 * its certificate, and validity dates against a {@link Clock}. Every error is a {@link
 * CertificateStoreException} naming the entry.
 *
 * <p>Private keys in PEM may be unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}), PKCS#1 / SEC1
 * ({@code BEGIN RSA PRIVATE KEY}, {@code BEGIN EC PRIVATE KEY}), encrypted PKCS#8 ({@code BEGIN
 * ENCRYPTED PRIVATE KEY}: PBES2 with AES or 3DES, PBES1, scrypt) or traditional OpenSSL encrypted
 * ({@code Proc-Type: 4,ENCRYPTED}, RSA and EC). PKCS#12 files may use OpenSSL 3's AES-256 or the
 * legacy 3DES / RC2 encryption. Decryption uses a private BouncyCastle provider instance; nothing is
 * registered globally.
 *
 * <pre>{@code
 * CertificateImporter importer = new CertificateImporter(Clock.systemUTC());
 * LocalCertificate server = importer.importPem("Server_cert", certPem, keyPem, "secret".toCharArray(), "");
 * LocalCertificate client = importer.importPkcs12File("Client_cert", Path.of("client.p12"), pw, "");
 * CaCertificate ca = importer.importCa("CA1", caPem);
 * }</pre>
 */
public final class CertificateImporter {
  /** The largest certificate, key or PKCS#12 file read (1 MiB). */
  public static final int MAX_FILE_BYTES = 1024 * 1024;

  private final Clock clock;

  /**
   * An importer checking validity dates against a clock.
   *
   * @param clock the clock, e.g. {@code Clock.systemUTC()}, or a fixed clock in tests
   */
  public CertificateImporter(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** An importer using the system clock. */
  public static CertificateImporter withSystemClock() {
    return new CertificateImporter(Clock.systemUTC());
  }

  /**
   * Loads a local certificate from PEM text.
   *
   * @param name the entry name
   * @param certificatePem the certificate chain, leaf first (may also hold the key)
   * @param privateKeyPem the private key, or {@code null} if it is in {@code certificatePem}
   * @param password the key's password, or {@code null} if the key is not encrypted
   * @param comment a comment ({@code ""} for none)
   * @return the certificate
   * @throws CertificateStoreException naming the entry on any problem
   */
  public LocalCertificate importPem(String name, String certificatePem, String privateKeyPem,
      char[] password, String comment) {
    String what = "local certificate '" + name + "'";
    List<Object> certObjects = readPem(name, what, "certificate", certificatePem);
    List<X509Certificate> chain = new ArrayList<>();
    for (Object o : certObjects) {
      if (o instanceof X509CertificateHolder) {
        chain.add(toX509(name, what, (X509CertificateHolder) o));
      }
    }
    if (chain.isEmpty()) {
      throw new CertificateStoreException(name, "no certificate found in the PEM text of " + what
          + ": give a -----BEGIN CERTIFICATE----- block");
    }
    List<Object> keyObjects =
        privateKeyPem == null ? certObjects : readPem(name, what, "private key", privateKeyPem);
    Object keyObject = null;
    for (Object o : keyObjects) {
      if (o instanceof PrivateKeyInfo || o instanceof PEMKeyPair
          || o instanceof PKCS8EncryptedPrivateKeyInfo || o instanceof PEMEncryptedKeyPair) {
        keyObject = o;
        break;
      }
    }
    if (keyObject == null) {
      throw new CertificateStoreException(name, "no private key found in the PEM text of " + what
          + ": give a -----BEGIN PRIVATE KEY----- (or RSA / EC / ENCRYPTED PRIVATE KEY) block");
    }
    PrivateKey key = decodeKey(name, what, keyObject, password);
    X509Certificate[] certs = chain.toArray(new X509Certificate[0]);
    checkValidity(name, what, certs);
    return LocalCertificate.of(name, certs, key, comment);
  }

  /**
   * Loads a local certificate from PEM files.
   *
   * @param name the entry name
   * @param certificateFile the certificate chain, leaf first
   * @param privateKeyFile the private key, or {@code null} if it is in {@code certificateFile}
   * @param password the key's password, or {@code null} if the key is not encrypted
   * @param comment a comment ({@code ""} for none)
   * @return the certificate
   * @throws CertificateStoreException naming the entry and the file on any problem
   */
  public LocalCertificate importPemFiles(String name, Path certificateFile, Path privateKeyFile,
      char[] password, String comment) {
    String what = "local certificate '" + name + "'";
    String cert = readText(name, what, "certificate file", certificateFile);
    String key = privateKeyFile == null ? null : readText(name, what, "private key file",
        privateKeyFile);
    return importPem(name, cert, key, password, comment);
  }

  /**
   * Loads a local certificate from PKCS#12 bytes: the first key entry and its chain.
   *
   * @param name the entry name
   * @param pkcs12 the PKCS#12 (.p12 / .pfx) content
   * @param password the PKCS#12 password ({@code null} = empty)
   * @param comment a comment ({@code ""} for none)
   * @return the certificate
   * @throws CertificateStoreException naming the entry on any problem
   */
  public LocalCertificate importPkcs12(String name, byte[] pkcs12, char[] password,
      String comment) {
    String what = "local certificate '" + name + "'";
    char[] pw = password == null ? new char[0] : password;
    KeyStore store;
    try {
      store = KeyStore.getInstance("PKCS12");
      store.load(new ByteArrayInputStream(pkcs12), pw);
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException
          || String.valueOf(e.getMessage()).contains("password")) {
        throw wrongPassword(name, what, e);
      }
      throw new CertificateStoreException(name, "the PKCS#12 data of " + what
          + " cannot be read (" + e.getMessage() + "): export it again as PKCS#12", e);
    } catch (GeneralSecurityException e) {
      throw new CertificateStoreException(name, "the PKCS#12 data of " + what
          + " cannot be read (" + e.getMessage() + "): export it again as PKCS#12", e);
    }
    try {
      for (Enumeration<String> aliases = store.aliases(); aliases.hasMoreElements(); ) {
        String alias = aliases.nextElement();
        if (!store.isKeyEntry(alias)) {
          continue;
        }
        Key key;
        try {
          key = store.getKey(alias, pw);
        } catch (UnrecoverableKeyException e) {
          throw wrongPassword(name, what, e);
        }
        Certificate[] chain = store.getCertificateChain(alias);
        if (!(key instanceof PrivateKey) || chain == null || chain.length == 0) {
          continue;
        }
        X509Certificate[] certs = new X509Certificate[chain.length];
        for (int i = 0; i < chain.length; i++) {
          certs[i] = (X509Certificate) chain[i];
        }
        checkValidity(name, what, certs);
        return LocalCertificate.of(name, certs, (PrivateKey) key, comment);
      }
    } catch (GeneralSecurityException e) {
      throw new CertificateStoreException(name, "the PKCS#12 data of " + what
          + " cannot be read (" + e.getMessage() + "): export it again as PKCS#12", e);
    }
    throw new CertificateStoreException(name, "the PKCS#12 data of " + what
        + " holds no private key with its certificate: export the certificate with its key");
  }

  /**
   * Loads a local certificate from a PKCS#12 file.
   *
   * @param name the entry name
   * @param file the .p12 / .pfx file
   * @param password the PKCS#12 password ({@code null} = empty)
   * @param comment a comment ({@code ""} for none)
   * @return the certificate
   * @throws CertificateStoreException naming the entry and the file on any problem
   */
  public LocalCertificate importPkcs12File(String name, Path file, char[] password,
      String comment) {
    String what = "local certificate '" + name + "'";
    return importPkcs12(name, readBounded(name, what, "PKCS#12 file", file), password, comment);
  }

  /**
   * Loads a CA certificate from PEM text (the first certificate in it).
   *
   * @param name the entry name
   * @param pem the CA certificate
   * @return the CA certificate
   * @throws CertificateStoreException naming the entry on any problem
   */
  public CaCertificate importCa(String name, String pem) {
    String what = "CA certificate '" + name + "'";
    for (Object o : readPem(name, what, "certificate", pem)) {
      if (o instanceof X509CertificateHolder) {
        X509Certificate cert = toX509(name, what, (X509CertificateHolder) o);
        checkValidity(name, what, new X509Certificate[] {cert});
        return new CaCertificate(name, cert);
      }
    }
    throw new CertificateStoreException(name, "no certificate found in the PEM text of " + what
        + ": give a -----BEGIN CERTIFICATE----- block");
  }

  /**
   * Loads a CA certificate from a PEM file.
   *
   * @param name the entry name
   * @param file the PEM file
   * @return the CA certificate
   * @throws CertificateStoreException naming the entry and the file on any problem
   */
  public CaCertificate importCaFile(String name, Path file) {
    return importCa(name, readText(name, "CA certificate '" + name + "'", "CA file", file));
  }

  private void checkValidity(String name, String what, X509Certificate[] chain) {
    Date now = Date.from(clock.instant());
    for (X509Certificate cert : chain) {
      String subject = cert.getSubjectX500Principal().getName();
      try {
        cert.checkValidity(now);
      } catch (CertificateExpiredException e) {
        throw new CertificateStoreException(name, what + " has expired: certificate " + subject
            + " was valid until " + cert.getNotAfter().toInstant() + ": import a renewed"
            + " certificate", e);
      } catch (CertificateNotYetValidException e) {
        throw new CertificateStoreException(name, what + " is not yet valid: certificate "
            + subject + " is valid from " + cert.getNotBefore().toInstant() + ": check the system"
            + " clock or import a certificate that is valid now", e);
      }
    }
  }

  private static List<Object> readPem(String name, String what, String part, String pem) {
    if (pem == null || pem.isBlank()) {
      throw new CertificateStoreException(name, what + " has no " + part + ": set it");
    }
    List<Object> objects = new ArrayList<>();
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        objects.add(o);
      }
    } catch (IOException | RuntimeException e) {
      throw new CertificateStoreException(name, "the " + part + " of " + what
          + " is not valid PEM (" + e.getMessage() + "): paste the whole -----BEGIN ..."
          + " -----END ... block", e);
    }
    if (objects.isEmpty()) {
      throw new CertificateStoreException(name, "the " + part + " of " + what
          + " is not PEM: paste the whole -----BEGIN ... -----END ... block");
    }
    return objects;
  }

  private static X509Certificate toX509(String name, String what, X509CertificateHolder holder) {
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(holder.getEncoded()));
    } catch (CertificateException | IOException e) {
      throw new CertificateStoreException(name, "a certificate of " + what
          + " cannot be decoded (" + e.getMessage() + "): export it again", e);
    }
  }

  private static PrivateKey decodeKey(String name, String what, Object o, char[] password) {
    // bcpkix names EC keys "ECDSA", which only BouncyCastle's KeyFactory knows: with BC registered
    // as a provider the key would be BC's, unlike the JDK's "EC" key read before it was
    // registered. Ask for "EC": the JDK's key in every JVM, whatever providers the host added.
    JcaPEMKeyConverter converter =
        new JcaPEMKeyConverter().setAlgorithmMapping(X9ObjectIdentifiers.id_ecPublicKey, "EC");
    try {
      if (o instanceof PrivateKeyInfo) {
        return converter.getPrivateKey((PrivateKeyInfo) o);
      }
      if (o instanceof PEMKeyPair) {
        // SEC1 keys may omit the public key, so convert the private part only.
        return converter.getPrivateKey(((PEMKeyPair) o).getPrivateKeyInfo());
      }
    } catch (IOException | RuntimeException e) {
      throw new CertificateStoreException(name, "the private key of " + what
          + " cannot be decoded (" + e.getMessage() + "): export it again", e);
    }
    if (password == null || password.length == 0) {
      throw new CertificateStoreException(name, "the private key of " + what
          + " is encrypted but no password is set: set password");
    }
    if (o instanceof PKCS8EncryptedPrivateKeyInfo) {
      Optional<String> tooCostly =
          KdfLimits.check(((PKCS8EncryptedPrivateKeyInfo) o).getEncryptionAlgorithm());
      if (tooCostly.isPresent()) {
        throw new CertificateStoreException(name, "the private key of " + what + " is refused: "
            + tooCostly.get() + ": re-encrypt it with ordinary settings (e.g. openssl pkcs8"
            + " -topk8 -v2 aes-256-cbc)");
      }
    }
    try {
      if (o instanceof PKCS8EncryptedPrivateKeyInfo) {
        PrivateKeyInfo info = ((PKCS8EncryptedPrivateKeyInfo) o).decryptPrivateKeyInfo(
            new JcePKCSPBEInputDecryptorProviderBuilder().setProvider(Bc.PROVIDER).build(password));
        return converter.getPrivateKey(info);
      }
      PEMKeyPair pair = ((PEMEncryptedKeyPair) o).decryptKeyPair(
          new JcePEMDecryptorProviderBuilder().setProvider(Bc.PROVIDER).build(password));
      return converter.getPrivateKey(pair.getPrivateKeyInfo());
    } catch (Exception e) {
      // Wrong passwords surface as padding, ASN.1 or "unable to read" errors deep in the provider.
      throw wrongPassword(name, what, e);
    }
  }

  private static CertificateStoreException wrongPassword(String name, String what, Exception e) {
    return new CertificateStoreException(name, "wrong password for " + what
        + ": set the password the key was encrypted with", e);
  }

  private static String readText(String name, String what, String part, Path file) {
    return new String(readBounded(name, what, part, file), StandardCharsets.UTF_8);
  }

  /** Reads with {@link BoundedFiles}'s bound and checks, worded for a certificate store user. */
  private static byte[] readBounded(String name, String what, String part, Path file) {
    try {
      return BoundedFiles.read(file, MAX_FILE_BYTES);
    } catch (BoundedFiles.Refused refused) {
      String where = "the " + part + " '" + file + "' of " + what;
      throw new CertificateStoreException(name, switch (refused.problem()) {
        case NOT_A_REGULAR_FILE -> where + " is not a regular file (a directory, device or pipe)"
            + ": check the path";
        case TOO_LARGE -> where + " is larger than " + MAX_FILE_BYTES / (1024 * 1024)
            + " MiB: check the path";
        case UNREADABLE -> "cannot read " + where + " (" + describe(refused.getCause())
            + "): check the path";
      }, refused.getCause());
    }
  }

  private static String describe(Throwable e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  /** One private BouncyCastle provider instance, created on first use and never registered. */
  private static final class Bc {
    static final Provider PROVIDER = new BouncyCastleProvider();
  }
}
