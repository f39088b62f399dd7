package io.sipalg.tls.engine;

import io.sipalg.api.TlsVersion;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Security;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares the JVM-wide JSSE settings the ALG needs, once, before any JSSE use.
 *
 * <p>SunJSSE and BCJSSE read {@code jdk.tls.disabledAlgorithms} and {@code jsse.enableCBCProtection}
 * once, when they first initialise. So this class edits (never overwrites) the disabled list to
 * remove only what the lowest configured version, {@code ssl-algorithm medium/low} and
 * {@code ssl-pfs allow/deny} need (the last: {@code TLS_RSA_*}, which JDK 24 and later disable by
 * default, so a profile negotiates the same suites on every JDK), turns
 * SunJSSE's own CBC record split off (the {@link TlsLeg} does it per engine), registers the
 * BouncyCastle crypto provider <em>last</em> (the JDK's AES-GCM stays in use) and quietens BC's
 * per-connection java.util.logging output. When JSSE was already initialised by the host with
 * settings that block what is needed, it logs a warning and reports it.
 *
 * <p>A host whose security policy must not be changed by a library runs with the system property
 * {@value #EDIT_JVM_SECURITY_SETTINGS}{@code =false}: both JVM-wide settings are then left exactly
 * as the host set them, and what the profiles need but the JVM refuses is logged as a warning (a
 * profile that depends on it cannot work, e.g. {@code ssl-pfs deny} on JDK 24+, where
 * {@code TLS_RSA_*} stays disabled: refused when built, or failing its handshakes, by provider).
 * The BouncyCastle providers and logger levels are set either way.
 *
 * <p>Idempotent and thread-safe: later calls only widen what earlier calls enabled.
 */
public final class JsseBootstrap {
  /** The security property both providers read their protocol and algorithm bans from. */
  public static final String DISABLED_ALGORITHMS = "jdk.tls.disabledAlgorithms";
  /** SunJSSE's switch for its own 1/n-1 CBC record split. */
  public static final String CBC_PROTECTION = "jsse.enableCBCProtection";
  /**
   * System property: {@code false} keeps the bootstrap from editing {@link #DISABLED_ALGORITHMS}
   * and {@link #CBC_PROTECTION} (default {@code true}).
   */
  public static final String EDIT_JVM_SECURITY_SETTINGS = "io.sipalg.tls.editJvmSecuritySettings";

  private static final Logger LOG = LoggerFactory.getLogger(JsseBootstrap.class);
  // Held strongly: java.util.logging keeps loggers weakly, and a collected logger loses its level.
  private static final java.util.logging.Logger BC_LOGGER =
      java.util.logging.Logger.getLogger("org.bouncycastle");
  // BCJSSE warns once per context about JDK-only syntax in jdk.certpath.disabledAlgorithms
  // ("SHA1 jdkCA & usage TLSServer"): harmless, and noise on every start.
  private static final java.util.logging.Logger BC_CONSTRAINTS_LOGGER =
      java.util.logging.Logger.getLogger("org.bouncycastle.jsse.provider.DisabledAlgorithmConstraints");
  // BCJSSE warns on every alert it raises or receives ("raised fatal(2) internal_error(80) alert:
  // Failed to process record"): one stderr line per scanner probe, outside the host's logging.
  // The same text reaches the host as the HandshakeFailed event / close reason of that session.
  private static final java.util.logging.Logger[] BC_ALERT_LOGGERS = {
    java.util.logging.Logger.getLogger("org.bouncycastle.jsse.provider.ProvTlsServer"),
    java.util.logging.Logger.getLogger("org.bouncycastle.jsse.provider.ProvTlsClient")
  };

  private static Provider bcJsse;
  private static TlsVersion lowestEnabled = TlsVersion.TLS_1_2;
  private static boolean tripleDesEnabled;
  private static boolean rsaKeyExchangeEnabled;
  private static Report report;

  private JsseBootstrap() {}

  /**
   * What the bootstrap did and found.
   *
   * @param lowestVersion the lowest protocol version the JVM settings now allow the ALG to use
   * @param tripleDes whether 3DES suites are allowed
   * @param rsaKeyExchange whether RSA key exchange ({@code TLS_RSA_*}) suites are allowed
   * @param removedEntries the entries removed from {@code jdk.tls.disabledAlgorithms} so far
   * @param warnings problems found (settings the host fixed before the bootstrap ran)
   */
  public record Report(
      TlsVersion lowestVersion,
      boolean tripleDes,
      boolean rsaKeyExchange,
      List<String> removedEntries,
      List<String> warnings) {
    /** Copies the lists. */
    public Report {
      removedEntries = List.copyOf(removedEntries);
      warnings = List.copyOf(warnings);
    }
  }

  /** Bootstraps for the JDK's defaults: TLS 1.2 and up, no 3DES, no RSA key exchange added. */
  public static Report ensureDefault() {
    synchronized (JsseBootstrap.class) {
      return report != null ? report : ensure(TlsVersion.TLS_1_2, false, false);
    }
  }

  /**
   * Makes the JVM allow {@code lowestVersion}, 3DES suites when {@code tripleDes} and RSA key
   * exchange suites when {@code rsaKeyExchange}.
   *
   * @param lowestVersion the lowest {@code ssl-min-version} any profile uses
   * @param tripleDes whether any profile uses {@code ssl-algorithm medium} or {@code low}
   * @param rsaKeyExchange whether any profile uses {@code ssl-pfs allow} or {@code deny}
   * @return what was done, with warnings when JSSE was initialised before with blocking settings
   */
  public static synchronized Report ensure(
      TlsVersion lowestVersion, boolean tripleDes, boolean rsaKeyExchange) {
    boolean first = report == null;
    boolean wider = lowestVersion.compareTo(lowestEnabled) < 0 || (tripleDes && !tripleDesEnabled)
        || (rsaKeyExchange && !rsaKeyExchangeEnabled);
    if (!first && !wider) {
      return report;
    }
    TlsVersion lowest = first || lowestVersion.compareTo(lowestEnabled) < 0 ? lowestVersion : lowestEnabled;
    boolean des = tripleDes || tripleDesEnabled;
    boolean rsa = rsaKeyExchange || rsaKeyExchangeEnabled;
    List<String> removed = new ArrayList<>(report == null ? List.of() : report.removedEntries());
    boolean edit = editsJvmSettings();
    List<String> now = edit ? enableInDisabledAlgorithms(lowest, des, rsa) : List.of();
    if (first && !edit) {
      LOG.info("{} and {} left as the host set them ({}=false)", DISABLED_ALGORITHMS, CBC_PROTECTION,
          EDIT_JVM_SECURITY_SETTINGS);
    }
    if (!now.isEmpty()) {
      // A JVM-wide security setting changes: say so, for whoever audits the host.
      LOG.info("removed {} from {} (JVM-wide) for ssl-min-version {}, ssl-algorithm {}, ssl-pfs {}",
          now, DISABLED_ALGORITHMS, lowest.fortiOsName(), des ? "medium/low" : "high",
          rsa ? "allow/deny" : "require");
    }
    removed.addAll(now);
    if (first) {
      configureOnce(edit);
    }
    lowestEnabled = lowest;
    tripleDesEnabled = des;
    rsaKeyExchangeEnabled = rsa;
    List<String> warnings = checkEffective(lowest, des, rsa);
    warnings.forEach(w -> LOG.warn("{}", w));
    report = new Report(lowest, des, rsa, removed, warnings);
    return report;
  }

  /** The BCJSSE provider instance (not registered globally; contexts name it explicitly). */
  public static synchronized Provider bcJsseProvider() {
    ensureDefault();
    if (bcJsse == null) {
      bcJsse = new BouncyCastleJsseProvider(); // only when a profile runs on BCJSSE
      List<String> warnings = new ArrayList<>();
      checkProvider("BCJSSE", bcJsse, lowestEnabled, false, rsaKeyExchangeEnabled, warnings);
      warnings.forEach(w -> LOG.warn("{}", w));
    }
    return bcJsse;
  }

  /** Whether the host lets the bootstrap edit the JVM-wide settings (see the class comment). */
  static boolean editsJvmSettings() {
    return !"false".equalsIgnoreCase(System.getProperty(EDIT_JVM_SECURITY_SETTINGS, "true").trim());
  }

  private static void configureOnce(boolean edit) {
    if (edit) {
      String cbc = System.getProperty(CBC_PROTECTION);
      if (cbc != null && !cbc.equals("false")) {
        LOG.warn("{}={} was set by the host; overriding to false (the ALG splits CBC records itself)",
            CBC_PROTECTION, cbc);
      }
      System.setProperty(CBC_PROTECTION, "false");
    }
    if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
      Security.addProvider(new BouncyCastleProvider());
    }
    BC_LOGGER.setLevel(java.util.logging.Level.WARNING);
    BC_CONSTRAINTS_LOGGER.setLevel(java.util.logging.Level.SEVERE);
    for (java.util.logging.Logger alerts : BC_ALERT_LOGGERS) {
      alerts.setLevel(java.util.logging.Level.SEVERE);
    }
  }

  /** Removes the entries the given needs require; returns what it removed. */
  static List<String> enableInDisabledAlgorithms(
      TlsVersion lowest, boolean tripleDes, boolean rsaKeyExchange) {
    Set<String> unwanted = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    if (lowest.compareTo(TlsVersion.SSL_3_0) <= 0) {
      unwanted.add("SSLv3");
    }
    if (lowest.compareTo(TlsVersion.TLS_1_0) <= 0) {
      unwanted.add("TLSv1");
    }
    if (lowest.compareTo(TlsVersion.TLS_1_1) <= 0) {
      unwanted.add("TLSv1.1");
    }
    if (tripleDes) {
      unwanted.add("3DES_EDE_CBC");
    }
    if (rsaKeyExchange) {
      unwanted.add("TLS_RSA_*"); // JDK 24+: a wildcard entry over every static RSA suite
    }
    String current = Security.getProperty(DISABLED_ALGORITHMS);
    if (current == null || unwanted.isEmpty()) {
      return List.of();
    }
    List<String> kept = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    for (String entry : current.split(",")) {
      String trimmed = entry.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      (unwanted.contains(trimmed) ? removed : kept).add(trimmed);
    }
    if (!removed.isEmpty()) {
      Security.setProperty(DISABLED_ALGORITHMS, String.join(", ", kept));
    }
    return removed;
  }

  private static List<String> checkEffective(TlsVersion lowest, boolean tripleDes, boolean rsa) {
    List<String> warnings = new ArrayList<>();
    checkProvider("SunJSSE", Security.getProvider("SunJSSE"), lowest, tripleDes, rsa, warnings);
    if (bcJsse != null) { // created lazily by bcJsseProvider(), which checks it then
      checkProvider("BCJSSE", bcJsse, lowest, false, rsa, warnings);
    }
    String cbc = System.getProperty(CBC_PROTECTION);
    if (!"false".equals(cbc)) {
      warnings.add(CBC_PROTECTION + " is " + cbc + ": SunJSSE may split CBC records on its own");
    }
    return warnings;
  }

  private static final String WHO_BLOCKED = "as in effect when JSSE initialised, before the"
      + " bootstrap ran or with " + EDIT_JVM_SECURITY_SETTINGS + "=false";

  private static void checkProvider(String name, Provider provider, TlsVersion lowest,
      boolean tripleDes, boolean rsaKeyExchange, List<String> warnings) {
    if (provider == null) {
      warnings.add(name + " is not available");
      return;
    }
    try {
      SSLContext context = SSLContext.getInstance("TLS", provider);
      context.init(null, null, null);
      SSLParameters defaults = context.getDefaultSSLParameters();
      List<String> protocols = Arrays.asList(defaults.getProtocols());
      // Neither provider enables SSLv3 by default on the client side: TLSv1 stands in for it.
      TlsVersion probe = lowest == TlsVersion.SSL_3_0 ? TlsVersion.TLS_1_0 : lowest;
      if (probe.compareTo(TlsVersion.TLS_1_2) < 0 && !protocols.contains(probe.jsseName())) {
        warnings.add(name + " has " + probe.jsseName() + " blocked (" + DISABLED_ALGORITHMS
            + " " + WHO_BLOCKED + "): ssl-min-version " + lowest.fortiOsName()
            + " will not work in this JVM (enabled by default: " + protocols + ")");
      }
      List<String> supported = Arrays.asList(context.getSupportedSSLParameters().getCipherSuites());
      if (tripleDes && supported.stream().noneMatch(s -> s.contains("3DES"))) {
        warnings.add(name + " has 3DES disabled (" + DISABLED_ALGORITHMS + " " + WHO_BLOCKED
            + "): ssl-algorithm medium/low will offer no 3DES suite in this JVM");
      }
      if (rsaKeyExchange && supported.stream().noneMatch(s -> s.startsWith("TLS_RSA_WITH_"))) {
        warnings.add(name + " has TLS_RSA_* disabled (" + DISABLED_ALGORITHMS + " " + WHO_BLOCKED
            + "): ssl-pfs allow/deny will offer no RSA key exchange suite in this JVM");
      }
    } catch (GeneralSecurityException e) {
      warnings.add(name + " cannot create a TLS context: " + e.getMessage());
    }
  }
}
