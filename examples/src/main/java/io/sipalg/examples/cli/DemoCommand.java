package io.sipalg.examples.cli;

import io.sipalg.examples.demo.DemoScript;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code sip-alg demo}: registrar, ALG and phone on loopback, every hop TLS, the sequence printed as
 * it happens (see {@link DemoScript}). No arguments, no external programs. Exit codes: 0 when the
 * phone registered and completed a call through the ALG and the session closed cleanly, 1 otherwise.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run a self-contained demo: registrar, ALG and phone on loopback, every hop TLS.",
      "A phone registers and makes a call through the ALG; each step (TLS handshakes, decrypted and"
          + " inspected messages, NAT rewrites, pinholes) is printed as it happens."
    })
final class DemoCommand implements Callable<Integer> {
  /** slf4j-simple's default level property; read when the first logger is created. */
  static final String LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

  // Held strongly: java.util.logging keeps loggers weakly, and a collected logger loses its level.
  private static final Logger BC_CONSTRAINTS_LOGGER =
      Logger.getLogger("org.bouncycastle.jsse.provider.DisabledAlgorithmConstraints");

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    quietLibraryLoggers();
    return new DemoScript(spec.commandLine().getOut(), spec.commandLine().getErr()).run();
  }

  /**
   * The demo narrates on stdout; the library's INFO lines (one per connection and message) would
   * repeat it on stderr. WARN keeps real problems visible. Set before the first logger is created
   * (later settings are not read by slf4j-simple) and only when the user did not choose a level.
   */
  private static void quietLibraryLoggers() {
    if (System.getProperty(LOG_LEVEL_PROPERTY) == null) {
      System.setProperty(LOG_LEVEL_PROPERTY, "warn");
    }
    // BCJSSE warns (java.util.logging) about every jdk.certpath.disabledAlgorithms entry it cannot
    // parse, once per JVM, although the demo runs on SunJSSE: noise between the demo's lines.
    BC_CONSTRAINTS_LOGGER.setLevel(Level.SEVERE);
  }
}
