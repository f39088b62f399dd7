package io.sipalg.tls;

/** The JSSE implementation an ALG instance runs its SSLEngines on. */
public enum TlsProvider {
  /**
   * The JDK's SunJSSE. The only one that performs client-initiated renegotiation
   * ({@code ssl-client-renegotiation allow}).
   */
  SUN_JSSE,
  /**
   * BouncyCastle's JSSE ({@code bctls}). Refuses client renegotiation always; offers per-engine
   * named groups. The BouncyCastle JCE provider is registered last so the JDK's AES-GCM stays in use.
   */
  BC_JSSE
}
