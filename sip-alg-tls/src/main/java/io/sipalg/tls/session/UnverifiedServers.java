package io.sipalg.tls.session;

import java.net.Socket;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts any server certificate: what FortiOS does when {@code ssl-auth-server} is empty. The
 * handshake event's effective policy says so, so the choice is never silent.
 */
final class UnverifiedServers extends X509ExtendedTrustManager {
  static final UnverifiedServers INSTANCE = new UnverifiedServers();
  private static final X509Certificate[] NONE = new X509Certificate[0];

  private UnverifiedServers() {}

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) {}

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) {}

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return NONE;
  }
}
