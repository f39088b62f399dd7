package io.sipalg.examples.soak;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS material for the soak peers from the rig's PEM files ({@code examples/e2e/make-certs.sh
 * DIR}): {@code ca.crt}, {@code server.crt} and its unencrypted PKCS#8 {@code server.key}. JDK
 * (SunJSSE) only, like a typical Java peer.
 */
final class SoakPki {
  /** The SIP domain: the phones' SNI and the name both server certificates carry. */
  static final String SERVER_NAME = "sip.example.test";

  private static final char[] PASSWORD = "soak".toCharArray();
  private static final Pattern PEM_KEY =
      Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

  private SoakPki() {}

  /**
   * The registrar's context: presents {@code server.crt} and trusts {@code ca.crt}, whose client
   * certificates it may require.
   */
  static SSLContext serverContext(Path dir) throws IOException, GeneralSecurityException {
    List<X509Certificate> chain = new ArrayList<>(certificates(dir.resolve("server.crt")));
    chain.addAll(certificates(dir.resolve("ca.crt")));
    KeyStore keys = emptyStore();
    keys.setKeyEntry("server", privateKey(dir.resolve("server.key")), PASSWORD,
        chain.toArray(new X509Certificate[0]));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), trust(dir).getTrustManagers(), null);
    return context;
  }

  /** The phones' context: no certificate of their own, trusting only {@code ca.crt}. */
  static SSLContext clientContext(Path dir) throws IOException, GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust(dir).getTrustManagers(), null);
    return context;
  }

  /**
   * A phone's engine: SNI {@value #SERVER_NAME} and the certificate name checked against it. With
   * {@code resume} false the engine has no peer address, so the JDK's client session cache is not
   * consulted and every connection makes a full handshake, as distinct phones would.
   */
  static SSLEngine phoneEngine(SSLContext context, boolean resume, int port) {
    SSLEngine engine = resume ? context.createSSLEngine(SERVER_NAME, port) : context.createSSLEngine();
    engine.setUseClientMode(true);
    SSLParameters params = engine.getSSLParameters();
    params.setServerNames(List.of(new SNIHostName(SERVER_NAME)));
    params.setEndpointIdentificationAlgorithm("HTTPS");
    engine.setSSLParameters(params);
    return engine;
  }

  private static TrustManagerFactory trust(Path dir) throws IOException, GeneralSecurityException {
    KeyStore trusted = emptyStore();
    int i = 0;
    for (X509Certificate ca : certificates(dir.resolve("ca.crt"))) {
      trusted.setCertificateEntry("ca-" + i++, ca);
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trusted);
    return tmf;
  }

  private static List<X509Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(file)) {
      List<X509Certificate> out = new ArrayList<>();
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        out.add((X509Certificate) c);
      }
      if (out.isEmpty()) {
        throw new GeneralSecurityException(file + ": no certificate");
      }
      return out;
    }
  }

  private static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
    Matcher m = PEM_KEY.matcher(Files.readString(file, StandardCharsets.US_ASCII));
    if (!m.find()) {
      throw new GeneralSecurityException(file + ": no unencrypted PKCS#8 PRIVATE KEY block");
    }
    byte[] der = Base64.getMimeDecoder().decode(m.group(1));
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    for (String algorithm : List.of("EC", "RSA")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException wrongAlgorithm) {
        // try the next one
      }
    }
    throw new GeneralSecurityException(file + ": neither an EC nor an RSA key");
  }

  private static KeyStore emptyStore() throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    return store;
  }
}
