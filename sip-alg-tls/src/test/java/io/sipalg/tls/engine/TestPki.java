package io.sipalg.tls.engine;

import io.sipalg.api.SslPfs;
import io.sipalg.api.SslAlgorithm;
import io.sipalg.api.TlsVersion;
import io.sipalg.api.cert.GeneratedCertificate;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.TrustManager;

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
  private static final AtomicLong PORTS = new AtomicLong(20000);

  /** A certificate with its key and chain. */
  record Credential(String name, PrivateKey key, X509Certificate cert, X509Certificate issuer) {
    X509Certificate[] chain() {
      return new X509Certificate[] {cert, issuer};
    }
  }

  private static final GeneratedCertificate ROOT = ca("CN=sip-alg test CA");
  private static final GeneratedCertificate OTHER_ROOT = ca("CN=untrusted CA");
  static final X509Certificate CA = ROOT.certificate();
  static final X509Certificate OTHER_CA = OTHER_ROOT.certificate();

  static final Credential SERVER_EC = issue("server-ec", leaf("CN=" + HOST).dnsName(HOST)
      .ipAddress("127.0.0.1"));
  static final Credential SERVER_RSA = issue("server-rsa", leaf("CN=" + HOST).rsa(2048)
      .dnsName(HOST).ipAddress("127.0.0.1"));
  static final Credential CLIENT = issue("client", leaf("CN=phone-1,O=sip-alg test"));
  static final Credential EXPIRED = issue("expired", leaf("CN=" + HOST).dnsName(HOST)
      .validity(Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(1))));
  static final Credential WRONG_NAME = issue("wrong-name", leaf("CN=other.example.test")
      .dnsName("other.example.test"));
  static final Credential UNTRUSTED = issue("untrusted", leaf("CN=" + HOST).dnsName(HOST)
      .signedBy(OTHER_ROOT));
  static final Credential SIP_URI_ONLY = issue("sip-uri", leaf("CN=SIP service")
      .uri("sip:" + HOST));

  /** An EC server certificate from the test CA with the given subject and alternative names. */
  @SafeVarargs
  static X509Certificate serverCertificate(String dn,
      UnaryOperator<GeneratedCertificate.Builder>... names) {
    GeneratedCertificate.Builder b = leaf(dn);
    for (UnaryOperator<GeneratedCertificate.Builder> name : names) {
      b = name.apply(b);
    }
    return b.build().certificate();
  }

  static UnaryOperator<GeneratedCertificate.Builder> dnsName(String name) {
    return b -> b.dnsName(name);
  }

  static UnaryOperator<GeneratedCertificate.Builder> uri(String uri) {
    return b -> b.uri(uri);
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

  private static GeneratedCertificate ca(String dn) {
    return GeneratedCertificate.builder().subject(dn).certificateAuthority(0)
        .validity(Instant.now().minus(Duration.ofDays(2)), Instant.now().plus(Duration.ofDays(365)))
        .build();
  }

  /** An EC leaf of the test CA, valid from a day ago for 30 days unless changed. */
  private static GeneratedCertificate.Builder leaf(String dn) {
    return GeneratedCertificate.builder().subject(dn).signedBy(ROOT)
        .validity(Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)));
  }

  private static Credential issue(String name, GeneratedCertificate.Builder builder) {
    GeneratedCertificate cert = builder.build();
    X509Certificate[] chain = cert.chain();
    return new Credential(name, cert.privateKey(), chain[0], chain[1]);
  }

  static List<String> list(String... items) {
    return new ArrayList<>(List.of(items));
  }
}
