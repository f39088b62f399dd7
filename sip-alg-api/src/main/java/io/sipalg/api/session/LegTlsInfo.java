package io.sipalg.api.session;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one leg's TLS handshake negotiated, and the policy it was negotiated under.
 *
 * @param leg which leg
 * @param provider the JSSE provider that ran the handshake ("SunJSSE" or "BCJSSE")
 * @param protocol the negotiated protocol, e.g. {@code TLSv1.3}
 * @param cipherSuite the negotiated cipher suite, e.g. {@code TLS_AES_128_GCM_SHA256}
 * @param serverName the SNI host name: the one the phone asked for on the phone leg, the one the
 *     ALG sent on the server leg; empty when none
 * @param peerCertificates the peer's certificate chain, leaf first; empty when the peer sent none
 * @param resumed whether the handshake resumed an earlier session
 * @param effectivePolicy the settings actually applied to the engine (protocols, cipher suites and
 *     notes such as "ssl-algorithm low is medium in this provider"), one per line
 */
public record LegTlsInfo(
    Leg leg,
    String provider,
    String protocol,
    String cipherSuite,
    Optional<String> serverName,
    List<X509Certificate> peerCertificates,
    boolean resumed,
    List<String> effectivePolicy) {

  /** Copies the lists and checks that no component is null. */
  public LegTlsInfo {
    Objects.requireNonNull(leg, "leg");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(cipherSuite, "cipherSuite");
    Objects.requireNonNull(serverName, "serverName");
    peerCertificates = List.copyOf(peerCertificates);
    effectivePolicy = List.copyOf(effectivePolicy);
  }
}
