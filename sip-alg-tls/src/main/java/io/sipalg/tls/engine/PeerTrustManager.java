package io.sipalg.tls.engine;

import io.sipalg.parser.AsciiCase;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import javax.security.auth.x500.X500Principal;

/**
 * Verifies a peer against a peer group: PKIX validation to the group's CA certificates, an optional
 * subject constraint, and on server certificates the identity check RFC 2818/6125 and RFC 5922
 * describe (dNSName, iPAddress or {@code sip:} URI). Every failure is a
 * {@link PeerVerificationException} naming the {@link CertificateCheck} that failed.
 *
 * <p>The identity check runs when the engine asks for endpoint identification {@code HTTPS} (the
 * standard switch, set with {@code SSLParameters.setEndpointIdentificationAlgorithm}) or when an
 * expected identity was configured. It is done here rather than by the JDK so that a certificate
 * naming the SIP domain only as a {@code sip:} URI is accepted. The expected name is the configured
 * one, else the SNI host name the engine sends, else the engine's peer host.
 */
public final class PeerTrustManager extends X509ExtendedTrustManager {
  private final X509ExtendedTrustManager pkix;
  private final X509Certificate[] issuers;
  private final X500Principal requiredSubject;
  private final String requiredCommonName;
  private final String expectedIdentity;

  private PeerTrustManager(Builder b) throws GeneralSecurityException {
    if (b.caCertificates.isEmpty()) {
      throw new IllegalArgumentException("a peer group needs at least one CA certificate");
    }
    KeyStore anchors = KeyStore.getInstance("PKCS12");
    try {
      anchors.load(null, null);
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException("cannot create an in-memory key store", e);
    }
    int i = 0;
    for (X509Certificate ca : b.caCertificates) {
      anchors.setCertificateEntry("ca-" + i++, ca);
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(anchors);
    this.pkix = pkixOf(tmf.getTrustManagers());
    this.issuers = b.caCertificates.toArray(X509Certificate[]::new);
    this.requiredSubject = b.requiredSubject;
    this.requiredCommonName = b.requiredCommonName;
    this.expectedIdentity = b.expectedIdentity;
  }

  /**
   * Starts a trust manager for the peer group with these CA certificates.
   *
   * @param caCertificates the peer group's CAs (trust anchors)
   */
  public static Builder forCertificateAuthorities(Collection<X509Certificate> caCertificates) {
    return new Builder(List.copyOf(caCertificates));
  }

  /** Builds a {@link PeerTrustManager}. */
  public static final class Builder {
    private final List<X509Certificate> caCertificates;
    private X500Principal requiredSubject;
    private String requiredCommonName;
    private String expectedIdentity;

    private Builder(List<X509Certificate> caCertificates) {
      this.caCertificates = caCertificates;
    }

    /** Accepts only a leaf certificate with exactly this subject. */
    public Builder requireSubject(X500Principal subject) {
      this.requiredSubject = subject;
      return this;
    }

    /** Accepts only a leaf certificate whose subject CN equals this (ignoring the case of A-Z). */
    public Builder requireCommonName(String commonName) {
      this.requiredCommonName = commonName;
      return this;
    }

    /**
     * Checks server certificates against this host name, IP literal or SIP domain, even when the
     * engine does not ask for endpoint identification.
     */
    public Builder expectServerIdentity(String identity) {
      this.expectedIdentity = identity;
      return this;
    }

    /**
     * Creates the trust manager.
     *
     * @throws GeneralSecurityException when the JDK's PKIX trust manager cannot be created
     */
    public PeerTrustManager build() throws GeneralSecurityException {
      return new PeerTrustManager(this);
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    verifyClient(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    verifyClient(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    verifyClient(chain, authType);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    verifyServer(chain, authType, expectedIdentity);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    SSLParameters params = null;
    String host = null;
    if (socket instanceof SSLSocket s) {
      params = s.getSSLParameters();
      // The handshake session's peer host is what the socket was created for; no DNS lookup.
      host = s.getHandshakeSession() == null ? null : s.getHandshakeSession().getPeerHost();
    }
    verifyServer(chain, authType, identityToCheck(params, host));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    SSLParameters params = engine == null ? null : engine.getSSLParameters();
    verifyServer(chain, authType, identityToCheck(params, engine == null ? null : engine.getPeerHost()));
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return issuers.clone();
  }

  private void verifyClient(X509Certificate[] chain, String authType) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new PeerVerificationException(
          CertificateCheck.MISSING_CLIENT_CERTIFICATE, "the client sent no certificate", null);
    }
    validateChain(chain, () -> pkix.checkClientTrusted(chain, jdkAuthType(authType)));
    checkSubject(chain[0]);
  }

  private void verifyServer(X509Certificate[] chain, String authType, String identity)
      throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new PeerVerificationException(
          CertificateCheck.UNTRUSTED_CHAIN, "the server sent no certificate", null);
    }
    validateChain(chain, () -> pkix.checkServerTrusted(chain, jdkAuthType(authType)));
    checkSubject(chain[0]);
    if (identity != null && !ServerIdentity.matches(chain[0], identity)) {
      throw new PeerVerificationException(CertificateCheck.WRONG_NAME, "expected \"" + identity
          + "\" but the certificate names " + ServerIdentity.describe(chain[0]), null);
    }
  }

  /** The identity to check, or {@code null} when identification is not requested. */
  private String identityToCheck(SSLParameters params, String peerHost) {
    if (expectedIdentity != null) {
      return expectedIdentity;
    }
    String algorithm = params == null ? null : params.getEndpointIdentificationAlgorithm();
    if (algorithm == null || !algorithm.toUpperCase(Locale.ROOT).equals("HTTPS")) {
      return null;
    }
    List<SNIServerName> names = params.getServerNames();
    if (names != null) {
      for (SNIServerName n : names) {
        if (n instanceof SNIHostName h) {
          return h.getAsciiName();
        }
      }
    }
    if (peerHost == null) {
      throw new IllegalStateException("endpoint identification requested but the engine has no"
          + " peer host: create it with SSLContext.createSSLEngine(host, port)");
    }
    return peerHost;
  }

  private interface Validation {
    void run() throws CertificateException;
  }

  private static void validateChain(X509Certificate[] chain, Validation pkixCheck)
      throws PeerVerificationException {
    try {
      pkixCheck.run();
    } catch (CertificateException e) {
      String subject = chain[0].getSubjectX500Principal().getName();
      CertificateCheck check = isValidityFailure(e) ? CertificateCheck.EXPIRED
          : CertificateCheck.UNTRUSTED_CHAIN;
      throw new PeerVerificationException(check, subject + ": " + e.getMessage(), e);
    }
  }

  /** BCJSSE names RSA key exchange {@code KE:RSA}; the JDK's PKIX trust manager wants {@code RSA}. */
  private static String jdkAuthType(String authType) {
    return authType != null && authType.startsWith("KE:") ? authType.substring(3) : authType;
  }

  private static boolean isValidityFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException) {
        return true;
      }
      if (t instanceof CertPathValidatorException v
          && (v.getReason() == CertPathValidatorException.BasicReason.EXPIRED
              || v.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID)) {
        return true;
      }
    }
    return false;
  }

  private void checkSubject(X509Certificate leaf) throws PeerVerificationException {
    X500Principal subject = leaf.getSubjectX500Principal();
    if (requiredSubject != null && !requiredSubject.equals(subject)) {
      throw new PeerVerificationException(CertificateCheck.SUBJECT_MISMATCH,
          "subject " + subject.getName() + " is not " + requiredSubject.getName(), null);
    }
    if (requiredCommonName != null
        && !AsciiCase.equalsIgnoreCase(requiredCommonName, ServerIdentity.commonName(leaf))) {
      throw new PeerVerificationException(CertificateCheck.SUBJECT_MISMATCH,
          "subject " + subject.getName() + " does not have CN=" + requiredCommonName, null);
    }
  }

  private static X509ExtendedTrustManager pkixOf(TrustManager[] managers) {
    for (TrustManager m : managers) {
      if (m instanceof X509ExtendedTrustManager x) {
        return x;
      }
    }
    for (TrustManager m : managers) {
      if (m instanceof X509TrustManager) {
        throw new IllegalStateException("the PKIX trust manager is not an X509ExtendedTrustManager");
      }
    }
    throw new IllegalStateException("no X509 trust manager from TrustManagerFactory PKIX");
  }
}
