package io.sipalg.tls.engine;

import io.sipalg.api.TlsVersion;
import javax.net.ssl.SSLContext;

/**
 * Run in a fresh JVM by {@link JsseBootstrapTest}: the "host" initialises JSSE first, then the
 * library bootstraps for tls-1.0 and RSA key exchange and must warn that TLSv1 stays disabled (and,
 * on a JDK that disables them by default, the {@code TLS_RSA_*} suites too).
 */
public final class LateBootstrapProbe {
  private LateBootstrapProbe() {}

  /**
   * Entry point.
   *
   * @param args ignored
   * @throws Exception when JSSE cannot start
   */
  public static void main(String[] args) throws Exception {
    if (java.security.Security.getProperty(JsseBootstrap.DISABLED_ALGORITHMS).contains("TLS_RSA_*")) {
      System.out.println("JDK DISABLES TLS_RSA"); // JDK 24 and later
    }
    SSLContext.getDefault().createSSLEngine(); // the host used TLS before the library started
    SSLContext tls = SSLContext.getInstance("TLS", "SunJSSE");
    tls.init(null, null, null);
    JsseBootstrap.Report report = JsseBootstrap.ensure(TlsVersion.TLS_1_0, false, true);
    report.warnings().forEach(w -> System.out.println("WARNING " + w));
  }
}
