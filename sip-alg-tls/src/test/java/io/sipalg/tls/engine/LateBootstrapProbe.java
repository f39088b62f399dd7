package io.sipalg.tls.engine;

import io.sipalg.api.TlsVersion;
import javax.net.ssl.SSLContext;

/**
 * Run in a fresh JVM by {@link JsseBootstrapTest}: the "host" initialises JSSE first, then the
 * library bootstraps for tls-1.0 and must warn that TLSv1 stays disabled.
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
    SSLContext.getDefault().createSSLEngine(); // the host used TLS before the library started
    SSLContext tls = SSLContext.getInstance("TLS", "SunJSSE");
    tls.init(null, null, null);
    JsseBootstrap.Report report = JsseBootstrap.ensure(TlsVersion.TLS_1_0, false);
    report.warnings().forEach(w -> System.out.println("WARNING " + w));
  }
}
