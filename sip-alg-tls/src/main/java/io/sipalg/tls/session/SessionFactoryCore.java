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
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The machinery behind {@code SipAlg}: resolves a profile to its TLS material and inspector
 * (rebuilding the TLS material when the certificate store or the profile changed) and creates
 * sessions; {@link #reconfigure} replaces the profiles and certificates new sessions get.
 */
public final class SessionFactoryCore {
  private final CertificateStore certificates;
  private final TlsProvider provider;
  private final Function<VoipProfile, SipInspector> inspectorFactory;
  private final SessionEnvironment env;
  /** The profiles new sessions get, with their inspectors: replaced whole by reconfigure. */
  private volatile Profiles current;
  private final Map<String, ProfileTls> tls = new ConcurrentHashMap<>();
  /**
   * Sessions read the profiles and the store under the read lock, reconfigure swaps both under
   * the write lock: no session is made from new profiles with old certificates, or the reverse.
   */
  private final ReadWriteLock swap = new ReentrantReadWriteLock();
  private final AtomicLong ids = new AtomicLong();

  private record Profiles(Map<String, VoipProfile> byName, Map<String, SipInspector> inspectors) {}

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
    this.certificates = certificates;
    this.provider = provider;
    this.inspectorFactory = inspectorFactory;
    this.env =
        new SessionEnvironment(
            limits, clock, ticker, listener, taskExecutor, wakeUp, eagerUpstream,
            upstreamServerName, new Statistics());
    bootstrapJsseFor(profiles.values());
    for (VoipProfile profile : profiles.values()) {
      if (profile.tlsInterception()) {
        tls.put(profile.name(), ProfileTls.build(profile, certificates, provider));
      }
    }
    Map<String, SipInspector> inspectors = new LinkedHashMap<>();
    profiles.values().forEach(p -> inspectors.put(p.name(), inspectorFactory.apply(p)));
    this.current = new Profiles(Map.copyOf(profiles), Map.copyOf(inspectors));
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
    ProfileTls material;
    SipInspector inspector;
    swap.readLock().lock();
    try {
      Profiles profiles = current;
      VoipProfile profile = profiles.byName().get(profileName);
      if (profile == null) {
        throw new IllegalArgumentException("no voip profile named '" + profileName
            + "': the configuration has " + profiles.byName().keySet());
      }
      material =
          tls.compute(
              profileName,
              (name, built) ->
                  // the same instance: reconfigure installs new ones (and a new store version)
                  built != null && built.profile() == profile
                      && built.isCurrent(certificates.version())
                      ? built
                      : ProfileTls.build(profile, certificates, provider));
      inspector = profiles.inspectors().get(profileName);
    } finally {
      swap.readLock().unlock();
    }
    String id = "S" + ids.incrementAndGet();
    return new ProxySession(
        id, env, new SessionEnvironment.ProfileBinding(material, inspector), addresses);
  }

  /**
   * See {@code SipAlg#replaceCertificates}: {@link #reconfigure} with the current profiles (under
   * the same monitor, so a concurrent reconfigure's profiles are not undone).
   */
  public synchronized void replaceCertificates(CertificateStore candidate) {
    reconfigure(current.byName().values(), candidate);
  }

  /**
   * See {@code SipAlg#reconfigure}: every intercepting profile is built from a copy of the
   * candidate first; then profiles and certificates are swapped together. A profile equal to the
   * one it replaces keeps its inspector (and so the state the inspector keeps, e.g. rate limits);
   * a new or changed one gets a new inspector from the factory.
   */
  public synchronized void reconfigure(
      Collection<VoipProfile> profiles, CertificateStore candidate) {
    CertificateStore copy = new CertificateStore(); // what is checked is what goes in service,
    copy.replaceAll(candidate);                     // whatever the caller does to candidate
    bootstrapJsseFor(profiles);
    Map<String, VoipProfile> byName = new LinkedHashMap<>();
    for (VoipProfile profile : profiles) {
      byName.put(profile.name(), profile);
      if (profile.tlsInterception()) {
        ProfileTls.build(profile, copy, provider); // throws for the first it cannot serve
      }
    }
    Profiles before = current;
    Map<String, SipInspector> inspectors = new LinkedHashMap<>();
    for (VoipProfile profile : byName.values()) {
      boolean same = profile.equals(before.byName().get(profile.name()));
      inspectors.put(profile.name(),
          same ? before.inspectors().get(profile.name()) : inspectorFactory.apply(profile));
    }
    swap.writeLock().lock();
    try {
      certificates.replaceAll(copy); // new version: each profile's material is rebuilt on use
      current = new Profiles(Map.copyOf(byName), Map.copyOf(inspectors));
      tls.keySet().retainAll(byName.keySet()); // a removed profile's contexts can go
    } finally {
      swap.writeLock().unlock();
    }
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
