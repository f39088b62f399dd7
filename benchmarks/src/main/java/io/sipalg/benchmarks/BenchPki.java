package io.sipalg.benchmarks;

import io.sipalg.api.cert.CertificateStore;
import io.sipalg.api.cert.GeneratedCertificate;
import io.sipalg.api.cert.Peer;
import io.sipalg.api.cert.PeerGroup;
import io.sipalg.tls.engine.JsseProvider;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * The benchmarks' PKI, generated in memory once per JVM ({@link GeneratedCertificate}, EC P-256,
 * like examples/e2e/certs): a CA, a server certificate for {@link #HOST} (used by the ALG's phone
 * leg and by the simulated SIP server) and a client certificate (the ALG's server leg). Also the simulated peers' engines and
 * the contexts of the raw relay, which uses the same {@link JsseProvider} as the ALG.
 */
final class BenchPki {
  static final String HOST = "sip.example.test";
  static final char[] PASSWORD = "bench".toCharArray();
  private static final AtomicInteger PORTS = new AtomicInteger(20000);

  private static final GeneratedCertificate CA = GeneratedCertificate.builder()
      .subject("CN=bench CA").certificateAuthority(0).build();
  private static final GeneratedCertificate SERVER = GeneratedCertificate.builder()
      .subject("CN=" + HOST).dnsName(HOST).signedBy(CA).build();
  private static final GeneratedCertificate CLIENT = GeneratedCertificate.builder()
      .subject("CN=alg-client").signedBy(CA).build();

  private BenchPki() {}

  /** The ALG's certificates: alg-server (phone leg), alg-client (server leg), CA, peer groups. */
  static CertificateStore store() {
    CertificateStore store = new CertificateStore();
    store.putLocal(SERVER.toLocalCertificate("alg-server"));
    store.putLocal(CLIENT.toLocalCertificate("alg-client"));
    store.putCa(CA.toCaCertificate("bench-ca"));
    store.putPeer(Peer.of("sip-server", "bench-ca"));
    store.putPeerGroup(PeerGroup.of("servers", "sip-server"));
    return store;
  }

  /** A context presenting the server certificate (simulated SIP server, raw relay's phone side). */
  static SSLContext serverContext(JsseProvider provider) {
    return context(provider, SERVER.privateKey(), SERVER.chain());
  }

  /** A context presenting the client certificate (raw relay's server side). */
  static SSLContext clientContext(JsseProvider provider) {
    return context(provider, CLIENT.privateKey(), CLIENT.chain());
  }

  /** A context without a certificate, trusting the CA (the simulated phone). */
  static SSLContext phoneContext() {
    return context(JsseProvider.SUN_JSSE, null, null);
  }

  private static SSLContext context(JsseProvider provider, PrivateKey key, X509Certificate[] chain) {
    try {
      KeyManagerFactory kmf = null;
      if (key != null) {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("key", key, PASSWORD, chain);
        kmf = KeyManagerFactory.getInstance("PKIX", provider.provider());
        kmf.init(ks, PASSWORD);
      }
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("ca", CA.certificate());
      TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", provider.provider());
      tmf.init(trust);
      return provider.newContext(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A client engine for {@link #HOST} with SNI and host-name verification, restricted to one
   * protocol and suite; a fresh port each time unless {@code port > 0}, so nothing is resumed.
   */
  static SSLEngine client(SSLContext ctx, TlsCase tls, int port) {
    SSLEngine e = ctx.createSSLEngine(HOST, port > 0 ? port : PORTS.incrementAndGet());
    e.setUseClientMode(true);
    SSLParameters p = e.getSSLParameters();
    p.setProtocols(new String[] {tls.protocol});
    p.setCipherSuites(new String[] {tls.suite});
    p.setServerNames(List.of(new SNIHostName(HOST)));
    p.setEndpointIdentificationAlgorithm("HTTPS");
    e.setSSLParameters(p);
    return e;
  }

  /** A server engine restricted to one protocol and suite. */
  static SSLEngine server(SSLContext ctx, TlsCase tls) {
    SSLEngine e = ctx.createSSLEngine();
    e.setUseClientMode(false);
    SSLParameters p = e.getSSLParameters();
    p.setProtocols(new String[] {tls.protocol});
    p.setCipherSuites(new String[] {tls.suite});
    e.setSSLParameters(p);
    return e;
  }

  /** The two TLS configurations of issue 8. */
  enum TlsCase {
    TLS13_AES128GCM("TLSv1.3", "TLS_AES_128_GCM_SHA256"),
    TLS12_ECDHE_AES128GCM("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");

    final String protocol;
    final String suite;

    TlsCase(String protocol, String suite) {
      this.protocol = protocol;
      this.suite = suite;
    }
  }
}
