package io.sipalg.examples.demo;

import io.sipalg.api.cert.GeneratedCertificate;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The demo's throwaway PKI, generated in memory ({@link GeneratedCertificate}) at every run: a CA
 * and four leaf certificates (EC P-256, valid from an hour ago for a day), plus the JDK
 * {@link SSLContext}s the demo's phone and registrar use with them. Nothing is written to disk.
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

  private DemoPki(GeneratedCertificate root) {
    this.ca = root.certificate();
    this.registrar = issue(root, "CN=" + SERVER_NAME + ",O=sip-alg demo registrar", true);
    this.algServer = issue(root, "CN=" + SERVER_NAME + ",O=sip-alg demo ALG", true);
    this.algClient = issue(root, "CN=sip-alg,O=sip-alg demo ALG", false);
    this.phone = issue(root, "CN=alice,O=sip-alg demo phone", false);
  }

  /** Generates a fresh CA and its four leaf certificates, valid from an hour ago for a day. */
  static DemoPki generate() {
    return new DemoPki(day().subject("CN=sip-alg demo CA,O=sip-alg demo").certificateAuthority(0)
        .build());
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

  private static Credential issue(GeneratedCertificate root, String dn, boolean server) {
    GeneratedCertificate.Builder b = day().subject(dn).signedBy(root);
    GeneratedCertificate leaf = server
        ? b.serverAuthentication().dnsName(SERVER_NAME).ipAddress("127.0.0.1").build()
        : b.clientAuthentication().build();
    return new Credential(leaf.chain(), leaf.privateKey());
  }

  private static GeneratedCertificate.Builder day() {
    Instant now = Instant.now();
    return GeneratedCertificate.builder()
        .validity(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)));
  }
}
