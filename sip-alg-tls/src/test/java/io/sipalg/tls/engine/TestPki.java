package io.sipalg.tls.engine;

import io.sipalg.api.SslPfs;
import io.sipalg.api.SslAlgorithm;
import io.sipalg.api.TlsVersion;
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
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.TrustManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test certificates (generated once per JVM with bcpkix) and cached SSLContexts. Its static
 * initialiser runs {@link JsseBootstrap} first, so JVM-wide JSSE settings never depend on test
 * order.
 */
final class TestPki {
  static {
    JsseBootstrap.ensure(TlsVersion.SSL_3_0, true, true);
  }

  static final String HOST = "sip.example.test";
  static final int PORT = 5061;
  private static final char[] PASSWORD = "test".toCharArray();
  private static final AtomicLong SERIAL = new AtomicLong(1000);
  private static final AtomicLong PORTS = new AtomicLong(20000);

  /** A certificate with its key and chain. */
  record Credential(String name, PrivateKey key, X509Certificate cert, X509Certificate issuer) {
    X509Certificate[] chain() {
      return new X509Certificate[] {cert, issuer};
    }
  }

  static final KeyPair CA_KEYS = ec();
  static final X509Certificate CA = selfSigned("CN=sip-alg test CA", CA_KEYS);
  static final KeyPair OTHER_CA_KEYS = ec();
  static final X509Certificate OTHER_CA = selfSigned("CN=untrusted CA", OTHER_CA_KEYS);

  static final Credential SERVER_EC = issue("server-ec", ec(), "CN=" + HOST, CA, CA_KEYS,
      valid(), dns(HOST), ip("127.0.0.1"));
  static final Credential SERVER_RSA = issue("server-rsa", rsa(), "CN=" + HOST, CA, CA_KEYS,
      valid(), dns(HOST), ip("127.0.0.1"));
  static final Credential CLIENT = issue("client", ec(), "CN=phone-1,O=sip-alg test", CA, CA_KEYS,
      valid());
  static final Credential EXPIRED = issue("expired", ec(), "CN=" + HOST, CA, CA_KEYS,
      new Instant[] {Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(1))},
      dns(HOST));
  static final Credential WRONG_NAME = issue("wrong-name", ec(), "CN=other.example.test", CA,
      CA_KEYS, valid(), dns("other.example.test"));
  static final Credential UNTRUSTED = issue("untrusted", ec(), "CN=" + HOST, OTHER_CA,
      OTHER_CA_KEYS, valid(), dns(HOST));
  static final Credential SIP_URI_ONLY = issue("sip-uri", ec(), "CN=SIP service", CA, CA_KEYS,
      valid(), new GeneralName(GeneralName.uniformResourceIdentifier, "sip:" + HOST));

  /** An EC server certificate from the test CA with the given subject and alternative names. */
  static X509Certificate serverCertificate(String dn, GeneralName... sans) {
    return issue("custom", ec(), dn, CA, CA_KEYS, valid(), sans).cert();
  }

  static GeneralName dnsName(String name) {
    return dns(name);
  }

  static GeneralName uri(String uri) {
    return new GeneralName(GeneralName.uniformResourceIdentifier, uri);
  }

  private static final Map<String, SSLContext> CONTEXTS = new ConcurrentHashMap<>();

  private TestPki() {}

  /** A server context presenting {@code cred} and trusting client certificates from the CA. */
  static SSLContext serverContext(JsseProvider provider, Credential cred) {
    return CONTEXTS.computeIfAbsent("server/" + provider + "/" + cred.name(),
        k -> context(provider, cred));
  }

  /** A client context trusting the CA, presenting {@code cred} when not null. */
  static SSLContext clientContext(JsseProvider provider, Credential cred) {
    return CONTEXTS.computeIfAbsent(
        "client/" + provider + "/" + (cred == null ? "-" : cred.name()), k -> context(provider, cred));
  }

  private static SSLContext context(JsseProvider provider, Credential cred) {
    try {
      TrustManager tm = PeerTrustManager.forCertificateAuthorities(List.of(CA)).build();
      return provider.newContext(cred == null ? null : keyManagers(provider, cred),
          new TrustManager[] {tm});
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static KeyManager[] keyManagers(JsseProvider provider, Credential cred)
      throws GeneralSecurityException {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry(cred.name(), cred.key(), PASSWORD, cred.chain());
      KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX", provider.provider());
      kmf.init(ks, PASSWORD);
      return kmf.getKeyManagers();
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException(e);
    }
  }

  /**
   * A server-mode engine with the given protocols and suites; when {@code suites} is null, those
   * of {@code ssl-algorithm high}, {@code ssl-pfs allow} in the policy's order.
   */
  static SSLEngine serverEngine(SSLContext ctx, List<String> protocols, List<String> suites) {
    SSLEngine e = ctx.createSSLEngine();
    e.setUseClientMode(false);
    SSLParameters p = e.getSSLParameters();
    p.setProtocols(protocols.toArray(String[]::new));
    p.setCipherSuites((suites != null ? suites : highSuites(ctx, protocols)).toArray(String[]::new));
    p.setUseCipherSuitesOrder(true);
    e.setSSLParameters(p);
    return e;
  }

  /**
   * A client-mode engine for {@link #HOST}, with SNI and endpoint identification HTTPS. Each call
   * uses a new port (so no session is resumed) unless {@code port} is given.
   */
  static SSLEngine clientEngine(SSLContext ctx, String host, int port, List<String> protocols,
      List<String> suites) {
    SSLEngine e = ctx.createSSLEngine(host, port);
    e.setUseClientMode(true);
    SSLParameters p = e.getSSLParameters();
    p.setProtocols(protocols.toArray(String[]::new));
    if (suites != null) {
      p.setCipherSuites(suites.toArray(String[]::new));
    }
    p.setEndpointIdentificationAlgorithm("HTTPS");
    if (!Character.isDigit(host.charAt(0))) {
      p.setServerNames(List.of(new SNIHostName(host)));
    }
    e.setSSLParameters(p);
    return e;
  }

  static List<String> highSuites(SSLContext ctx, List<String> protocols) {
    TlsVersion min = protocols.stream().map(v -> TlsVersion.fromJsseName(v))
        .min(Enum::compareTo).orElseThrow();
    TlsVersion max = protocols.stream().map(v -> TlsVersion.fromJsseName(v))
        .max(Enum::compareTo).orElseThrow();
    JsseProvider provider = ctx.getProvider().getName().equals("SunJSSE")
        ? JsseProvider.SUN_JSSE : JsseProvider.BCJSSE;
    return new CipherSuitePolicy(min, max, SslAlgorithm.HIGH, SslPfs.ALLOW)
        .settingsFor(provider, ctx).cipherSuites();
  }

  static SSLEngine clientEngine(SSLContext ctx, List<String> protocols) {
    return clientEngine(ctx, HOST, freshPort(), protocols, null);
  }

  static int freshPort() {
    return (int) PORTS.incrementAndGet();
  }

  // ------------------------------------------------------------------ generation

  private static Instant[] valid() {
    return new Instant[] {Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30))};
  }

  private static GeneralName dns(String name) {
    return new GeneralName(GeneralName.dNSName, name);
  }

  private static GeneralName ip(String ip) {
    return new GeneralName(GeneralName.iPAddress, ip);
  }

  private static KeyPair ec() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair rsa() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate selfSigned(String dn, KeyPair keys) {
    try {
      X500Name name = new X500Name(dn);
      JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name,
          BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(Instant.now().minus(Duration.ofDays(2))),
          Date.from(Instant.now().plus(Duration.ofDays(365))), name, keys.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      b.addExtension(Extension.keyUsage, true,
          new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      return new JcaX509CertificateConverter().getCertificate(
          b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Credential issue(String name, KeyPair keys, String dn, X509Certificate issuer,
      KeyPair issuerKeys, Instant[] validity, GeneralName... sans) {
    try {
      JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
          X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()),
          BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(validity[0]),
          Date.from(validity[1]), new X500Name(dn), keys.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      if (sans.length > 0) {
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
      }
      X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
          b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
      return new Credential(name, keys.getPrivate(), cert, issuer);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String> list(String... items) {
    return new ArrayList<>(List.of(items));
  }
}
