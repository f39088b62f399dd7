package io.sipalg.examples.runner;

import io.sipalg.api.SystemSettings;
import io.sipalg.api.VoipProfile;
import io.sipalg.api.cert.CertificateStore;
import io.sipalg.api.config.FortiConfig;
import io.sipalg.api.config.FortiConfigException;
import io.sipalg.api.config.FortiConfigReader;
import io.sipalg.tls.AlgConfigurationException;
import io.sipalg.tls.SipAlg;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The runner's {@code kill -HUP}: re-reads the configuration file and puts its voip profiles and
 * certificates in service for new connections through {@link SipAlg#reconfigure}, as a FortiGate
 * applies an edited configuration (certificate rotation included). {@code SipAlg} first checks
 * that every profile can be served; connections already open keep what they started with. The
 * listening port ({@code sip-ssl-port}) is bound once: a changed one is reported and applies
 * after a restart.
 */
public final class ConfigReload {
  private final Path file;
  private final SipAlg alg;
  private final String profile;
  private final SystemSettings startedSettings;

  /**
   * @param file the configuration file the runner started from
   * @param alg the running ALG
   * @param profile the voip profile the runner gives its connections ({@code --profile})
   * @param started the configuration read at start (its system settings are in use)
   */
  public ConfigReload(Path file, SipAlg alg, String profile, FortiConfig started) {
    this.file = file;
    this.alg = alg;
    this.profile = profile;
    this.startedSettings = started.systemSettings();
  }

  /** What one reload did, as the line the runner prints. */
  public record Outcome(boolean applied, String line) {}

  /** Re-reads the file and applies it, or keeps the running configuration and says why not. */
  public Outcome reload() {
    try {
      return apply();
    } catch (RuntimeException e) { // a bug, not a bad file: the runner must go on serving anyway
      return failed("unexpected " + e);
    }
  }

  private Outcome apply() {
    FortiConfig read;
    try {
      read = FortiConfigReader.read(file);
    } catch (FortiConfigException e) {
      return failed(e.format());
    }
    Optional<VoipProfile> own = read.findProfile(profile);
    if (own.isEmpty() || !own.get().tlsInterception()) {
      return failed(file + ": voip profile '" + profile + "' (--profile) "
          + (own.isEmpty() ? "is gone" : "has ssl-mode off")
          + ": the runner's connections need it to intercept SIP over TLS");
    }
    try {
      alg.reconfigure(read);
    } catch (AlgConfigurationException e) {
      return failed(file + ": " + e.getMessage());
    }
    CertificateStore c = read.certificateStore();
    String restart = read.systemSettings().equals(startedSettings)
        ? "" : "; the changed sip-ssl-port applies after a restart";
    return new Outcome(true, "sip-alg: reloaded " + file + " (" + read.profiles().size()
        + " voip profile(s), " + c.locals().size() + " local certificate(s), " + c.cas().size()
        + " CA, " + c.peers().size() + " peer(s), " + c.peerGroups().size()
        + " peer group(s)); new connections use it" + restart);
  }

  private Outcome failed(String reason) {
    return new Outcome(false, "sip-alg: reload of " + file
        + " failed, the running configuration stays: " + reason);
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
