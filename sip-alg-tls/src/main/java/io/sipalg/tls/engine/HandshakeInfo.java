package io.sipalg.tls.engine;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a completed handshake negotiated, for the handshake event.
 *
 * @param protocol the JSSE protocol name, e.g. {@code TLSv1.3}
 * @param cipherSuite the negotiated suite
 * @param peerCertificates the peer's chain, leaf first (empty when the peer sent none)
 * @param requestedServerNames on a server leg, the SNI host names the client sent (else empty)
 * @param resumed whether the session was resumed rather than fully negotiated
 * @param splitsCbcRecords whether {@link TlsLeg#send} splits records 1/n-1 on this session
 */
public record HandshakeInfo(
    String protocol,
    String cipherSuite,
    List<X509Certificate> peerCertificates,
    List<String> requestedServerNames,
    boolean resumed,
    boolean splitsCbcRecords) {
  /** Copies the lists. */
  public HandshakeInfo {
    peerCertificates = List.copyOf(peerCertificates);
    requestedServerNames = List.copyOf(requestedServerNames);
  }
}
