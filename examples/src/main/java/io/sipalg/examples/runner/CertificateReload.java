package io.sipalg.examples.runner;

import io.sipalg.api.cert.CertificateStore;
import io.sipalg.api.config.FortiConfig;
import io.sipalg.api.config.FortiConfigException;
import io.sipalg.api.config.FortiConfigReader;
import io.sipalg.tls.AlgConfigurationException;
import io.sipalg.tls.SipAlg;
import java.lang.reflect.Proxy;
import java.nio.file.Path;

/**
 * Certificate rotation for the runner: re-reads the configuration file (on {@code kill -HUP}) and
 * puts its certificates in service for new connections through {@link SipAlg#replaceCertificates},
 * which first checks that every profile can be served from them. Connections already open keep
 * the certificates they started with. Profiles and system settings (ports) are read once, at
 * start: a changed profile is reported and applies after a restart, as the running sessions'
 * inspectors and the listening socket were built from the old ones.
 */
public final class CertificateReload {
  private final Path file;
  private final SipAlg alg;
  private final FortiConfig started;

  /**
   * @param file the configuration file the runner started from
   * @param alg the running ALG
   * @param started the configuration read at start (its profiles and system settings are in use)
   */
  public CertificateReload(Path file, SipAlg alg, FortiConfig started) {
    this.file = file;
    this.alg = alg;
    this.started = started;
  }

  /** What one reload did, as the line the runner prints. */
  public record Outcome(boolean replaced, String line) {}

  /** Re-reads the file and replaces the certificates, or keeps them and says why not. */
  public Outcome reload() {
    FortiConfig read;
    try {
      read = FortiConfigReader.read(file);
    } catch (FortiConfigException e) {
      return failed(e.format());
    }
    CertificateStore certificates = read.certificateStore();
    try {
      alg.replaceCertificates(certificates);
    } catch (AlgConfigurationException e) {
      return failed(file + ": " + e.getMessage());
    }
    String restart = read.profiles().equals(started.profiles())
        && read.systemSettings().equals(started.systemSettings())
        ? "" : "; the changed voip profiles or system settings apply after a restart";
    return new Outcome(true, "sip-alg: reloaded the certificates of " + file + " ("
        + certificates.locals().size() + " local, " + certificates.cas().size() + " CA, "
        + certificates.peers().size() + " peer, " + certificates.peerGroups().size()
        + " peer group); new connections use them" + restart);
  }

  private Outcome failed(String reason) {
    return new Outcome(false, "sip-alg: reload of " + file
        + " failed, the running certificates stay: " + reason);
  }

  /**
   * Runs {@code action} on each SIGHUP. The JDK's only hook for it is {@code sun.misc.Signal}
   * (module {@code jdk.unsupported}), reached by reflection so the build's {@code -Werror} is not
   * tripped by its proprietary-API warning.
   *
   * @return false when this JVM offers no SIGHUP handling (another OS, {@code -Xrs})
   */
  public static boolean onHangup(Runnable action) {
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> handler = Class.forName("sun.misc.SignalHandler");
      Object callback = Proxy.newProxyInstance(handler.getClassLoader(), new Class<?>[] {handler},
          (proxy, method, args) -> switch (method.getName()) {
            case "handle" -> {
              action.run();
              yield null;
            }
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> "SIGHUP handler";
          });
      Object hangup = signal.getConstructor(String.class).newInstance("HUP");
      signal.getMethod("handle", signal, handler).invoke(null, hangup, callback);
      return true;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return false;
    }
  }
}
