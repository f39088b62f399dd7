package io.sipalg.tls;

import io.sipalg.api.VoipProfile;
import io.sipalg.api.cert.CertificateStore;
import io.sipalg.api.config.FortiConfig;
import io.sipalg.api.inspect.SipInspector;
import io.sipalg.api.session.AlgEventListener;
import io.sipalg.api.session.AlgSession;
import io.sipalg.api.session.AlgStatistics;
import io.sipalg.api.session.SessionAddresses;
import io.sipalg.api.session.SessionFactory;
import io.sipalg.tls.session.SessionFactoryCore;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * An ALG instance: VoIP profiles, the certificate store, one TLS provider and the inspector of
 * each profile. Creates one {@link AlgSession} per accepted phone connection; thread-safe (sessions
 * are not: each is driven by one thread at a time).
 *
 * <pre>{@code
 * FortiConfig config = FortiConfigReader.read(Path.of("alg.conf"));
 * SipAlg alg = SipAlg.builder()
 *     .config(config)
 *     .inspectors(profile -> StandardInspectors.from(profile, shared))
 *     .listener(event -> log.info("{}", event))
 *     .build();                                 // fails fast on an unusable profile
 * AlgSession session = alg.newSession(SessionAddresses.accepted(phone, local), "default");
 * }</pre>
 *
 * <p>Profiles with {@code ssl-mode off} do not intercept TLS: creating a session with one fails
 * with {@link AlgConfigurationException}, as a FortiGate would not terminate TLS for them.
 *
 * <p>An edited configuration or rotated certificates go into service without a restart through
 * {@link #reconfigure(FortiConfig)} and {@link #replaceCertificates}: checked first, then used by
 * the sessions created afterwards; open sessions keep what they started with.
 */
public final class SipAlg implements SessionFactory {
  private final SessionFactoryCore core;

  private SipAlg(SessionFactoryCore core) {
    this.core = core;
  }

  /** Starts configuring an ALG instance. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public AlgSession newSession(SessionAddresses addresses, String profileName) {
    return core.newSession(addresses, profileName);
  }

  @Override
  public AlgStatistics statistics() {
    return core.statistics();
  }

  /**
   * The certificate store; replace entries at run time and new sessions use them. Prefer
   * {@link #replaceCertificates} for a whole new set: it checks the set before any session sees it.
   */
  public CertificateStore certificates() {
    return core.certificates();
  }

  /**
   * Puts a new set of certificates in service (certificate rotation): {@link #reconfigure} with
   * the profiles in use.
   *
   * @param candidate the new certificates (copied; later changes to it are not seen)
   * @throws AlgConfigurationException naming the first profile the candidate cannot serve; the
   *     running configuration stays in service
   */
  public void replaceCertificates(CertificateStore candidate) {
    core.replaceCertificates(candidate);
  }

  /**
   * Puts new profiles and certificates in service for new sessions, as a FortiGate applies an
   * edited configuration: every profile that intercepts TLS is first built from the new
   * certificates (its certificates load, its references resolve, the provider accepts its
   * policy); then both are swapped at once. Sessions created afterwards use them; sessions
   * already created keep the profile, inspector, certificates and TLS settings they started
   * with. A profile equal to the one of its name in use keeps its inspector (and the state it
   * keeps, such as rate limits); a new or changed profile gets a new one from the
   * {@linkplain Builder#inspectors inspector factory}; a profile left out can no longer be
   * named in {@link #newSession}. On failure nothing changes.
   *
   * @param profiles the profiles, by {@link VoipProfile#name()} (the last of a name wins)
   * @param certificates the certificates they name (copied; later changes are not seen)
   * @throws AlgConfigurationException naming the first profile that cannot be served; the
   *     running configuration stays in service
   */
  public void reconfigure(Collection<VoipProfile> profiles, CertificateStore certificates) {
    core.reconfigure(List.copyOf(profiles), Objects.requireNonNull(certificates, "certificates"));
  }

  /**
   * {@link #reconfigure(Collection, CertificateStore)} with the profiles and certificates of a
   * FortiOS configuration (e.g. the file re-read after an edit).
   *
   * @throws AlgConfigurationException naming the first profile that cannot be served
   */
  public void reconfigure(FortiConfig config) {
    reconfigure(config.profiles(), config.certificateStore());
  }

  /** Configures a {@link SipAlg}. */
  public static final class Builder {
    private final Map<String, VoipProfile> profiles = new LinkedHashMap<>();
    private CertificateStore certificates = new CertificateStore();
    private TlsProvider provider = TlsProvider.SUN_JSSE;
    private Function<VoipProfile, SipInspector> inspectors = profile -> SipInspector.passThrough();
    private AlgEventListener listener = AlgEventListener.NONE;
    private SessionLimits limits = SessionLimits.defaults();
    private Clock clock = Clock.systemUTC();
    private LongSupplier ticker = System::nanoTime;
    private Executor taskExecutor;
    private Consumer<AlgSession> wakeUp = session -> {};
    private boolean eagerUpstream;
    private String upstreamServerName;

    private Builder() {}

    /** Takes the profiles and certificates of a FortiOS configuration. */
    public Builder config(FortiConfig config) {
      config.profiles().forEach(this::profile);
      return certificates(config.certificateStore());
    }

    /** Adds (or replaces) a profile, by its name. */
    public Builder profile(VoipProfile profile) {
      profiles.put(profile.name(), profile);
      return this;
    }

    /** The certificates the profiles name (shared, not copied: run-time replacement works). */
    public Builder certificates(CertificateStore store) {
      this.certificates = Objects.requireNonNull(store, "store");
      return this;
    }

    /** The JSSE provider of every engine (default SunJSSE). */
    public Builder provider(TlsProvider provider) {
      this.provider = Objects.requireNonNull(provider, "provider");
      return this;
    }

    /**
     * How to build each profile's inspector (once per profile; it serves all of its sessions).
     * Default: pass-through.
     */
    public Builder inspectors(Function<VoipProfile, SipInspector> factory) {
      this.inspectors = Objects.requireNonNull(factory, "factory");
      return this;
    }

    /** Receives every session's events. */
    public Builder listener(AlgEventListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Time and memory bounds of the sessions. */
    public Builder limits(SessionLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** The wall clock of events (default UTC system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The monotonic nanosecond source of deadlines (default {@link System#nanoTime()}). */
    public Builder ticker(LongSupplier ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    /**
     * Runs the engines' delegated tasks (certificate checks, key exchange) on {@code executor}
     * instead of the host's I/O thread; {@code wakeUp} is called from the executor when a
     * session's task is done, and the host must then {@link AlgSession#tick} that session on its
     * own thread.
     */
    public Builder delegatedTasks(Executor executor, Consumer<AlgSession> wakeUp) {
      this.taskExecutor = Objects.requireNonNull(executor, "executor");
      this.wakeUp = Objects.requireNonNull(wakeUp, "wakeUp");
      return this;
    }

    /** Asks for the upstream connection as soon as a session starts, not after the phone handshake. */
    public Builder eagerUpstream(boolean eager) {
      this.eagerUpstream = eager;
      return this;
    }

    /**
     * The SNI host name sent to the SIP server (and the name its certificate must carry under
     * {@code ssl-auth-server}). Default: the name the phone asked for in its own SNI.
     */
    public Builder upstreamServerName(String name) {
      this.upstreamServerName = name;
      return this;
    }

    /**
     * Creates the ALG, building the TLS material of every profile with {@code ssl-mode full}.
     *
     * @throws AlgConfigurationException when a profile cannot be served (missing certificate,
     *     policy the provider cannot honour, ...)
     */
    public SipAlg build() {
      return new SipAlg(
          new SessionFactoryCore(
              Map.copyOf(profiles),
              certificates,
              provider,
              inspectors,
              listener,
              limits,
              clock,
              ticker,
              Optional.ofNullable(taskExecutor),
              wakeUp,
              eagerUpstream,
              Optional.ofNullable(upstreamServerName)));
    }
  }
}
