package io.sipalg.tls.engine;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.StandardConstants;

/** Reads what a session negotiated, papering over provider differences. */
final class SessionFacts {
  private SessionFacts() {}

  static List<X509Certificate> peerCertificates(SSLSession session) {
    List<X509Certificate> certs = new ArrayList<>();
    try {
      for (Certificate c : session.getPeerCertificates()) {
        if (c instanceof X509Certificate x) {
          certs.add(x);
        }
      }
    } catch (SSLPeerUnverifiedException none) {
      // The peer sent no certificate (a phone when client authentication is off).
    }
    return certs;
  }

  /**
   * The host names the client sent in SNI, or {@code null} when the session cannot tell. SunJSSE
   * answers on the established session; BCJSSE only on the handshake session (its established
   * session throws UnsupportedOperationException), so names are also captured while the handshake
   * runs. BCJSSE hands on entries SunJSSE would have refused (other name types, bytes that are no
   * host name): they are left out, since nothing can use them as a host name.
   */
  static List<String> sniNames(SSLSession session) {
    if (!(session instanceof ExtendedSSLSession ext)) {
      return null;
    }
    List<SNIServerName> requested;
    try {
      requested = ext.getRequestedServerNames();
    } catch (UnsupportedOperationException notHere) {
      return null;
    }
    List<String> names = new ArrayList<>();
    for (SNIServerName n : requested) {
      if (n instanceof SNIHostName h) {
        names.add(h.getAsciiName());
      } else if (n.getType() == StandardConstants.SNI_HOST_NAME) {
        try {
          names.add(new SNIHostName(n.getEncoded()).getAsciiName());
        } catch (IllegalArgumentException notAHostName) {
          // e.g. invalid UTF-8 or non-LDH bytes, which BCJSSE passes through unchecked
        }
      }
    }
    return names;
  }

}
