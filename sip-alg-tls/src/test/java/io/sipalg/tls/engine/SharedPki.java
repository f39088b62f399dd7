package io.sipalg.tls.engine;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * {@link TestPki} for tests outside this package (the session and pipeline tests): the same
 * certificates and cached contexts, so the JVM-wide JSSE bootstrap and key generation happen once.
 */
public final class SharedPki {
  /** The name every server certificate carries (SAN dNSName), also used as SNI. */
  public static final String HOST = TestPki.HOST;

  /** A certificate with its key. */
  public record Credential(String name, PrivateKey key, X509Certificate[] chain) {
    static Credential of(TestPki.Credential c) {
      return new Credential(c.name(), c.key(), c.chain());
    }

    TestPki.Credential original() {
      return new TestPki.Credential(name, key, chain[0], chain[1]);
    }
  }

  public static final X509Certificate CA = TestPki.CA;
  public static final Credential SERVER_EC = Credential.of(TestPki.SERVER_EC);
  public static final Credential SERVER_RSA = Credential.of(TestPki.SERVER_RSA);
  public static final Credential CLIENT = Credential.of(TestPki.CLIENT);
  public static final Credential EXPIRED = Credential.of(TestPki.EXPIRED);
  public static final Credential WRONG_NAME = Credential.of(TestPki.WRONG_NAME);
  public static final Credential UNTRUSTED = Credential.of(TestPki.UNTRUSTED);

  private SharedPki() {}

  /** A TLS 1.2 ClientHello record built byte by byte, with or without the RFC 5746 signals. */
  public static byte[] craftedClientHello(boolean scsv, boolean renegotiationInfo) {
    return CraftedHello.record(scsv, renegotiationInfo, HOST);
  }

  /** A client (phone) context trusting the test CA, presenting {@code credential} when not null. */
  public static SSLContext clientContext(Credential credential) {
    return TestPki.clientContext(JsseProvider.SUN_JSSE, credential == null ? null : credential.original());
  }

  /** A server context presenting {@code credential}. */
  public static SSLContext serverContext(Credential credential) {
    return TestPki.serverContext(JsseProvider.SUN_JSSE, credential.original());
  }

  /** A client engine for {@link #HOST} with SNI and HTTPS endpoint identification, on a fresh port. */
  public static SSLEngine clientEngine(SSLContext context, List<String> protocols, List<String> suites) {
    return TestPki.clientEngine(context, HOST, TestPki.freshPort(), protocols, suites);
  }

  /** A server engine with the given protocols and the high, PFS-allowed suites. */
  public static SSLEngine serverEngine(SSLContext context, List<String> protocols) {
    return TestPki.serverEngine(context, protocols, null);
  }
}
