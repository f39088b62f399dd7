package io.sipalg.tls.session;

import io.sipalg.api.VoipProfile;
import io.sipalg.api.cert.CertificateStore;
import io.sipalg.api.inspect.SipInspector;
import io.sipalg.api.session.AlgEventListener;
import io.sipalg.api.session.AlgSession;
import io.sipalg.api.session.AlgStatistics;
import io.sipalg.api.session.SessionAddresses;
import io.sipalg.tls.AlgConfigurationException;
import io.sipalg.tls.SessionLimits;
import io.sipalg.tls.TlsProvider;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The machinery behind {@code SipAlg}: resolves a profile to its TLS material and inspector
 * (rebuilding the TLS material when the certificate store changed) and creates sessions.
 */
public final class SessionFactoryCore {
  private final Map<String, VoipProfile> profiles;
  private final CertificateStore certificates;
  private final TlsProvider provider;
  private final SessionEnvironment env;
  private final Map<String, SipInspector> inspectors = new ConcurrentHashMap<>();
  private final Map<String, ProfileTls> tls = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();

  /**
   * Builds the TLS material of every intercepting profile now, so a bad profile fails here.
   *
   * @throws AlgConfigurationException when a profile cannot be served
   */
  public SessionFactoryCore(
      Map<String, VoipProfile> profiles,
      CertificateStore certificates,
      TlsProvider provider,
      Function<VoipProfile, SipInspector> inspectorFactory,
      AlgEventListener listener,
      SessionLimits limits,
      Clock clock,
      LongSupplier ticker,
      Optional<Executor> taskExecutor,
      Consumer<AlgSession> wakeUp,
      boolean eagerUpstream,
      Optional<String> upstreamServerName) {
    this.profiles = profiles;
    this.certificates = certificates;
    this.provider = provider;
    this.env =
        new SessionEnvironment(
            limits, clock, ticker, listener, taskExecutor, wakeUp, eagerUpstream,
            upstreamServerName, new Statistics());
    bootstrapJsseFor(profiles.values());
    for (VoipProfile profile : profiles.values()) {
      inspectors.put(profile.name(), inspectorFactory.apply(profile));
      if (profile.tlsInterception()) {
        tls.put(profile.name(), ProfileTls.build(profile, certificates, provider));
      }
    }
  }

  /**
   * JSSE reads {@code jdk.tls.disabledAlgorithms} once, when the first context is made: widen it
   * for the lowest version (and 3DES, and RSA key exchange) of every profile before any profile builds its contexts, or
   * the first profile built would decide for all of them.
   */
  private static void bootstrapJsseFor(Iterable<VoipProfile> profiles) {
    io.sipalg.api.TlsVersion lowest = io.sipalg.api.TlsVersion.TLS_1_2;
    boolean tripleDes = false;
    boolean rsaKeyExchange = false;
    for (VoipProfile profile : profiles) {
      if (profile.tlsInterception()) {
        if (profile.sslMinVersion().compareTo(lowest) < 0) {
          lowest = profile.sslMinVersion();
        }
        tripleDes |= profile.sslAlgorithm() != io.sipalg.api.SslAlgorithm.HIGH;
        rsaKeyExchange |= profile.sslPfs() != io.sipalg.api.SslPfs.REQUIRE;
      }
    }
    io.sipalg.tls.engine.JsseBootstrap.ensure(lowest, tripleDes, rsaKeyExchange);
  }

  /** See {@code SessionFactory#newSession}. */
  public AlgSession newSession(SessionAddresses addresses, String profileName) {
    VoipProfile profile = profiles.get(profileName);
    if (profile == null) {
      throw new IllegalArgumentException(
          "no voip profile named '" + profileName + "': the configuration has " + profiles.keySet());
    }
    ProfileTls material =
        tls.compute(
            profileName,
            (name, current) ->
                current != null && current.isCurrent(certificates.version())
                    ? current
                    : ProfileTls.build(profile, certificates, provider));
    String id = "S" + ids.incrementAndGet();
    return new ProxySession(
        id, env, new SessionEnvironment.ProfileBinding(material, inspectors.get(profileName)), addresses);
  }

  /** See {@code SipAlg#replaceCertificates}: every intercepting profile is built first. */
  public synchronized void replaceCertificates(CertificateStore candidate) {
    CertificateStore copy = new CertificateStore(); // what is checked is what goes in service,
    copy.replaceAll(candidate);                     // whatever the caller does to candidate
    for (VoipProfile profile : profiles.values()) {
      if (profile.tlsInterception()) {
        ProfileTls.build(profile, copy, provider); // throws for the first it cannot serve
      }
    }
    certificates.replaceAll(copy); // new version: each profile's material is rebuilt on use
  }

  /** Counters across all sessions. */
  public AlgStatistics statistics() {
    return env.statistics().snapshot();
  }

  /** The certificate store. */
  public CertificateStore certificates() {
    return certificates;
  }
}
