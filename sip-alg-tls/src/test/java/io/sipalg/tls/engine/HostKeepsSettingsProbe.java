package io.sipalg.tls.engine;

import io.sipalg.api.TlsVersion;
import java.security.Security;

/**
 * Run in a fresh JVM by {@link JsseBootstrapTest} with
 * {@code -Dio.sipalg.tls.editJvmSecuritySettings=false}: the bootstrap for tls-1.0 and RSA key
 * exchange must leave both JVM-wide settings as they were and warn about what stays blocked.
 * Prints them before and after, and each warning.
 */
public final class HostKeepsSettingsProbe {
  private HostKeepsSettingsProbe() {}

  /**
   * Entry point.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    System.out.println("BEFORE " + Security.getProperty(JsseBootstrap.DISABLED_ALGORITHMS));
    System.out.println("CBC BEFORE " + System.getProperty(JsseBootstrap.CBC_PROTECTION));
    JsseBootstrap.Report report = JsseBootstrap.ensure(TlsVersion.TLS_1_0, true, true);
    System.out.println("AFTER " + Security.getProperty(JsseBootstrap.DISABLED_ALGORITHMS));
    System.out.println("CBC AFTER " + System.getProperty(JsseBootstrap.CBC_PROTECTION));
    System.out.println("REMOVED " + report.removedEntries());
    report.warnings().forEach(w -> System.out.println("WARNING " + w));
  }
}
