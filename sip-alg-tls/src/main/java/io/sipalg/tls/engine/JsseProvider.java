package io.sipalg.tls.engine;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Security;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/** The two JSSE implementations the ALG can run each leg on. */
public enum JsseProvider {
  /** The JDK's own implementation. */
  SUN_JSSE,
  /** BouncyCastle JSSE ({@code bctls}), using the JDK's crypto where it has it. */
  BCJSSE;

  /**
   * Whether a server engine of this provider completes a client-initiated renegotiation. SunJSSE
   * does (on TLS 1.2 and below); BCJSSE always refuses it with a {@code no_renegotiation} warning
   * (a SunJSSE client answers that with a fatal {@code handshake_failure}).
   */
  public boolean performsClientInitiatedRenegotiation() {
    return this == SUN_JSSE;
  }

  /**
   * Whether the 1/n-1 record split against CBC IV attacks ({@code ssl-send-empty-frags}) can be
   * switched per engine. BCJSSE always splits on TLS 1.0 and below and has no switch.
   */
  public boolean controlsCbcRecordSplitting() {
    return this == SUN_JSSE;
  }

  /** The {@link Provider} instance, after {@link JsseBootstrap} has configured the JVM. */
  public Provider provider() {
    if (this == BCJSSE) {
      return JsseBootstrap.bcJsseProvider();
    }
    JsseBootstrap.ensureDefault();
    return Objects.requireNonNull(Security.getProvider("SunJSSE"), "SunJSSE is not installed");
  }

  /**
   * A new {@code TLS} context of this provider.
   *
   * @param keyManagers the certificate (with key) this side presents, or {@code null} for none
   * @param trustManagers how this side verifies its peer, or {@code null} for the JDK default
   * @throws GeneralSecurityException when the provider cannot create or initialise the context
   */
  public SSLContext newContext(KeyManager[] keyManagers, TrustManager[] trustManagers)
      throws GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS", provider());
    context.init(keyManagers, trustManagers, null);
    return context;
  }
}
