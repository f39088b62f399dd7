package io.sipalg.examples.demo;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The demo's throwaway PKI, generated in memory with bcpkix at every run: a CA and four leaf
 * certificates (EC P-256, valid from an hour ago for a day), plus the JDK {@link SSLContext}s the
 * demo's phone and registrar use with them. Nothing is written to disk.
 *
 * <ul>
 *   <li>{@link #registrar}: what the real SIP server presents, for {@value #SERVER_NAME} and
 *       127.0.0.1;
 *   <li>{@link #algServer}: what sip-alg presents to the phone in the registrar's place (same
 *       names, so the phone accepts it; another organisation, so the output shows which one it saw);
 *   <li>{@link #algClient}: what sip-alg presents to the registrar;
 *   <li>{@link #phone}: the phone's own certificate (checked by {@code ssl-auth-client}).
 * </ul>
 */
final class DemoPki {
  /** The SIP domain of the demo: the phone's SNI and the name on both server certificates. */
  static final String SERVER_NAME = "sip.example.test";

  private static final char[] IN_MEMORY_PASSWORD = "demo".toCharArray();
  private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

  /** A leaf certificate with its chain (leaf, CA) and private key. */
  record Credential(X509Certificate[] chain, PrivateKey key) {
    X509Certificate certificate() {
      return chain[0];
    }

    /** The subject, RFC 2253, e.g. {@code CN=sip.example.test,O=sip-alg demo registrar}. */
    String subject() {
      return chain[0].getSubjectX500Principal().getName();
    }
  }

  final X509Certificate ca;
  final Credential registrar;
  final Credential algServer;
  final Credential algClient;
  final Credential phone;

  private DemoPki(KeyPair caKeys) {
    this.ca = selfSigned("CN=sip-alg demo CA,O=sip-alg demo", caKeys);
    this.registrar = issue("CN=" + SERVER_NAME + ",O=sip-alg demo registrar", caKeys, true);
    this.algServer = issue("CN=" + SERVER_NAME + ",O=sip-alg demo ALG", caKeys, true);
    this.algClient = issue("CN=sip-alg,O=sip-alg demo ALG", caKeys, false);
    this.phone = issue("CN=alice,O=sip-alg demo phone", caKeys, false);
  }

  /** Generates a fresh CA and its four leaf certificates. */
  static DemoPki generate() {
    return new DemoPki(ecKeys());
  }

  /**
   * A TLS context presenting {@code own} and trusting only the demo CA (SunJSSE, the JDK's
   * default provider).
   */
  SSLContext context(Credential own) {
    try {
      KeyStore keys = emptyKeyStore();
      keys.setKeyEntry("own", own.key(), IN_MEMORY_PASSWORD, own.chain());
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, IN_MEMORY_PASSWORD);
      KeyStore trusted = emptyKeyStore();
      trusted.setCertificateEntry("demo-ca", ca);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build the demo's TLS context: " + e.getMessage(), e);
    }
  }

  private static KeyStore emptyKeyStore() throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try {
      store.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException("cannot create an in-memory key store", e);
    }
    return store;
  }

  private X509Certificate selfSigned(String dn, KeyPair keys) {
    X500Name name = x500(dn);
    X509v3CertificateBuilder builder = builder(name, name, keys);
    try {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return sign(builder, keys.getPrivate());
  }

  private Credential issue(String dn, KeyPair caKeys, boolean server) {
    KeyPair keys = ecKeys();
    X509v3CertificateBuilder builder =
        builder(X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()), x500(dn), keys);
    try {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(Extension.extendedKeyUsage, false,
          new ExtendedKeyUsage(server ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth));
      if (server) {
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, SERVER_NAME),
            new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    X509Certificate leaf = sign(builder, caKeys.getPrivate());
    return new Credential(new X509Certificate[] {leaf, ca}, keys.getPrivate());
  }

  /** Parsed as RFC 2253 (most specific first), so {@code getName()} prints it as written. */
  private static X500Name x500(String dn) {
    return X500Name.getInstance(new X500Principal(dn).getEncoded());
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIALS.incrementAndGet()),
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), subject,
        keys.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey) {
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot sign a demo certificate: " + e.getMessage(), e);
    }
  }

  private static KeyPair ecKeys() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate an EC key pair: " + e.getMessage(), e);
    }
  }
}
