package io.sipalg.api.cert;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate generated in memory together with its private key: a CA or a leaf it signs, for
 * tests, demos and lab set-ups of the ALG (never for production, where certificates come from
 * the operator's PKI through {@link CertificateImporter}). Immutable.
 *
 * <pre>{@code
 * GeneratedCertificate ca = GeneratedCertificate.builder()
 *     .subject("CN=lab CA").certificateAuthority(0).build();
 * GeneratedCertificate server = GeneratedCertificate.builder()
 *     .subject("CN=sip.example.test").dnsName("sip.example.test").ipAddress("127.0.0.1")
 *     .signedBy(ca).build();
 * store.putLocal(server.toLocalCertificate("alg-server"));
 * store.putCa(ca.toCaCertificate("lab-ca"));
 * }</pre>
 *
 * <p>Keys are EC P-256 unless {@link Builder#rsa(int)} is asked for; signatures are SHA-256 with
 * the issuer's key type. A leaf carries basic constraints (not a CA, critical), its subject
 * alternative names and, only when asked, extended key usages; it has no key usage extension, so
 * an RSA leaf also serves the RSA key exchange of {@code ssl-pfs deny}.
 */
public final class GeneratedCertificate {
  private static final SecureRandom SERIALS = new SecureRandom();

  private final X509Certificate certificate;
  private final KeyPair keyPair;
  private final X509Certificate[] chain;

  private GeneratedCertificate(X509Certificate certificate, KeyPair keyPair,
      X509Certificate[] chain) {
    this.certificate = certificate;
    this.keyPair = keyPair;
    this.chain = chain;
  }

  /** Starts a certificate: a self-signed one unless {@link Builder#signedBy} names its issuer. */
  public static Builder builder() {
    return new Builder();
  }

  /** The certificate. */
  public X509Certificate certificate() {
    return certificate;
  }

  /** Its key pair. */
  public KeyPair keyPair() {
    return keyPair;
  }

  /** Its private key. */
  public PrivateKey privateKey() {
    return keyPair.getPrivate();
  }

  /** This certificate followed by its issuer's chain, up to and including the self-signed root. */
  public X509Certificate[] chain() {
    return chain.clone();
  }

  /** The certificate as PEM ({@code BEGIN CERTIFICATE}). */
  public String certificatePem() {
    return pem(certificate);
  }

  /** The private key as unencrypted PKCS#8 PEM ({@code BEGIN PRIVATE KEY}). */
  public String privateKeyPem() {
    try {
      return pem(new JcaPKCS8Generator(keyPair.getPrivate(), null).generate());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * This certificate as a local certificate of the store ({@code config vpn certificate local}),
   * presenting {@link #chain()} with {@link #privateKey()}.
   *
   * @param name the store's name for it
   */
  public LocalCertificate toLocalCertificate(String name) {
    return LocalCertificate.of(name, chain(), keyPair.getPrivate(), "");
  }

  /**
   * This certificate as a trusted CA of the store ({@code config vpn certificate ca}).
   *
   * @param name the store's name for it
   */
  public CaCertificate toCaCertificate(String name) {
    return new CaCertificate(name, certificate);
  }

  private static String pem(Object object) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      w.writeObject(object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** Describes the certificate to generate; every setting has a default. */
  public static final class Builder {
    private String subject;
    private final List<GeneralName> alternativeNames = new ArrayList<>();
    private final List<KeyPurposeId> purposes = new ArrayList<>();
    private Instant notBefore;
    private Instant notAfter;
    private int rsaBits;
    private KeyPair keyPair;
    private int maxIntermediates = -1;
    private GeneratedCertificate issuer;
    private BigInteger serialNumber;

    private Builder() {}

    /**
     * The subject, as RFC 2253 text with the most specific part first, e.g.
     * {@code CN=sip.example.test,O=Example}; what {@code getSubjectX500Principal().getName()}
     * prints back. A value without {@code '='} is taken as the common name. Default: a random CN.
     */
    public Builder subject(String subject) {
      this.subject = Objects.requireNonNull(subject, "subject");
      return this;
    }

    /** Adds a DNS subject alternative name. */
    public Builder dnsName(String name) {
      alternativeNames.add(new GeneralName(GeneralName.dNSName, Objects.requireNonNull(name)));
      return this;
    }

    /** Adds an IP address subject alternative name (an IPv4 or IPv6 literal). */
    public Builder ipAddress(String address) {
      alternativeNames.add(new GeneralName(GeneralName.iPAddress, Objects.requireNonNull(address)));
      return this;
    }

    /** Adds a URI subject alternative name, e.g. {@code sip:sip.example.test} (RFC 5922). */
    public Builder uri(String uri) {
      alternativeNames.add(
          new GeneralName(GeneralName.uniformResourceIdentifier, Objects.requireNonNull(uri)));
      return this;
    }

    /** Marks it for TLS servers (extended key usage {@code serverAuth}). */
    public Builder serverAuthentication() {
      purposes.add(KeyPurposeId.id_kp_serverAuth);
      return this;
    }

    /** Marks it for TLS clients (extended key usage {@code clientAuth}). */
    public Builder clientAuthentication() {
      purposes.add(KeyPurposeId.id_kp_clientAuth);
      return this;
    }

    /** When it is valid. Default: from an hour ago for 30 days. */
    public Builder validity(Instant notBefore, Instant notAfter) {
      if (!notBefore.isBefore(notAfter)) {
        throw new IllegalArgumentException("notBefore " + notBefore + " is not before " + notAfter);
      }
      this.notBefore = notBefore;
      this.notAfter = notAfter;
      return this;
    }

    /** Generates an RSA key of {@code bits} (e.g. 2048) instead of EC P-256. */
    public Builder rsa(int bits) {
      if (bits < 1024) {
        throw new IllegalArgumentException("RSA keys of " + bits + " bits are not generated");
      }
      this.rsaBits = bits;
      return this;
    }

    /** Certifies this key pair instead of generating one. */
    public Builder keyPair(KeyPair keyPair) {
      this.keyPair = Objects.requireNonNull(keyPair, "keyPair");
      return this;
    }

    /**
     * Makes it a CA (basic constraints CA with this path length, key usage certificate and CRL
     * signing) that may sign {@code maxIntermediates} levels of CAs below it.
     */
    public Builder certificateAuthority(int maxIntermediates) {
      if (maxIntermediates < 0) {
        throw new IllegalArgumentException("maxIntermediates < 0");
      }
      this.maxIntermediates = maxIntermediates;
      return this;
    }

    /**
     * Has {@code issuer} (a CA generated here) sign it; without this it is self-signed.
     *
     * @throws IllegalArgumentException when {@code issuer} is not a CA: what it signed would
     *     fail every chain check later, far from the mistake
     */
    public Builder signedBy(GeneratedCertificate issuer) {
      if (Objects.requireNonNull(issuer, "issuer").certificate.getBasicConstraints() < 0) {
        throw new IllegalArgumentException(issuer.certificate.getSubjectX500Principal().getName()
            + " is not a CA: build it with certificateAuthority(n) to sign with it");
      }
      this.issuer = issuer;
      return this;
    }

    /** The serial number. Default: 63 random bits. */
    public Builder serialNumber(long serialNumber) {
      this.serialNumber = BigInteger.valueOf(serialNumber);
      return this;
    }

    /**
     * Generates the key (unless given) and signs the certificate.
     *
     * @throws IllegalStateException when the JDK cannot generate the key or sign
     */
    public GeneratedCertificate build() {
      KeyPair keys = keyPair != null ? keyPair : newKeys(rsaBits);
      X500Name subjectName = x500(subject != null ? subject
          : "CN=" + Long.toUnsignedString(SERIALS.nextLong(), 36));
      X500Name issuerName = issuer == null ? subjectName
          : X500Name.getInstance(issuer.certificate.getSubjectX500Principal().getEncoded());
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName,
          serialNumber != null ? serialNumber : BigInteger.valueOf(SERIALS.nextLong() >>> 1),
          Date.from(notBefore != null ? notBefore : now.minus(Duration.ofHours(1))),
          Date.from(notAfter != null ? notAfter : now.plus(Duration.ofDays(30))),
          subjectName, keys.getPublic());
      PrivateKey signer = issuer == null ? keys.getPrivate() : issuer.keyPair.getPrivate();
      try {
        addExtensions(b);
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
            b.build(new JcaContentSignerBuilder(signatureAlgorithm(signer)).build(signer)));
        return new GeneratedCertificate(cert, keys, chainOf(cert));
      } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
        throw new IllegalStateException("cannot sign a certificate for " + subjectName + ": " + e, e);
      }
    }

    private void addExtensions(JcaX509v3CertificateBuilder b) throws CertIOException {
      if (maxIntermediates >= 0) {
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(maxIntermediates));
        b.addExtension(Extension.keyUsage, true,
            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      } else {
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      }
      if (!alternativeNames.isEmpty()) {
        b.addExtension(Extension.subjectAlternativeName, false,
            new GeneralNames(alternativeNames.toArray(GeneralName[]::new)));
      }
      if (!purposes.isEmpty()) {
        b.addExtension(Extension.extendedKeyUsage, false,
            new ExtendedKeyUsage(purposes.toArray(KeyPurposeId[]::new)));
      }
    }

    private X509Certificate[] chainOf(X509Certificate cert) {
      X509Certificate[] above = issuer == null ? new X509Certificate[0] : issuer.chain;
      X509Certificate[] all = new X509Certificate[above.length + 1];
      all[0] = cert;
      System.arraycopy(above, 0, all, 1, above.length);
      return all;
    }

    /** RFC 2253 order (most specific first), so the principal's name prints as written. */
    private static X500Name x500(String dn) {
      return X500Name.getInstance(
          new X500Principal(dn.indexOf('=') >= 0 ? dn : "CN=" + dn).getEncoded());
    }

    private static String signatureAlgorithm(PrivateKey signer) {
      return "RSA".equals(signer.getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
    }

    /** An RSA key pair of {@code rsaBits}, or EC P-256 when 0. */
    private static KeyPair newKeys(int rsaBits) {
      try {
        KeyPairGenerator g = KeyPairGenerator.getInstance(rsaBits > 0 ? "RSA" : "EC");
        if (rsaBits > 0) {
          g.initialize(rsaBits);
        } else {
          g.initialize(new ECGenParameterSpec("secp256r1"));
        }
        return g.generateKeyPair();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("cannot generate a key pair: " + e, e);
      }
    }
  }
}
