package io.sipalg.tls.session;

import io.sipalg.api.cert.PeerTrust;
import io.sipalg.tls.engine.CertificateCheck;
import io.sipalg.tls.engine.PeerTrustManager;
import io.sipalg.tls.engine.PeerVerificationException;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Verifies a peer against a FortiOS peer group: the PKIX chain to one of the group's CAs (and the
 * server name, for servers) by {@link PeerTrustManager}, then the subject/CN constraints of the
 * group's peers, any one of which may match.
 */
final class PeerGroupTrustManager extends X509ExtendedTrustManager {
  private final PeerTrustManager pkix;
  private final PeerTrust trust;

  PeerGroupTrustManager(PeerTrustManager pkix, PeerTrust trust) {
    this.pkix = pkix;
    this.trust = trust;
  }

  /** A PKIX check of {@link PeerTrustManager}, run before the group's name constraints. */
  private interface PkixCheck {
    void run() throws CertificateException;
  }

  private void verify(PkixCheck pkixCheck, X509Certificate[] chain) throws CertificateException {
    pkixCheck.run();
    checkNames(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    verify(() -> pkix.checkClientTrusted(chain, authType, socket), chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    verify(() -> pkix.checkClientTrusted(chain, authType, engine), chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    verify(() -> pkix.checkClientTrusted(chain, authType), chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    verify(() -> pkix.checkServerTrusted(chain, authType, socket), chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    verify(() -> pkix.checkServerTrusted(chain, authType, engine), chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    verify(() -> pkix.checkServerTrusted(chain, authType), chain);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return pkix.getAcceptedIssuers();
  }

  private void checkNames(X509Certificate[] chain) throws CertificateException {
    Optional<String> mismatch = trust.mismatch(chain);
    if (mismatch.isPresent()) {
      throw new PeerVerificationException(CertificateCheck.SUBJECT_MISMATCH, mismatch.get(), null);
    }
  }
}
