package io.sipalg.inspect;

import io.sipalg.api.session.AlgEvent;
import io.sipalg.api.session.AlgEventListener;
import io.sipalg.api.session.Pinhole;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The state the standard inspectors share across all sessions of one ALG instance: the
 * {@code <method>-rate} token buckets (keyed none / src-ip / dest-ip), the concurrent dialog count
 * per profile for {@code max-dialogs}, the outside RTP/RTCP ports allocated from
 * {@code nat-port-range}, and the sessions' dialog tables for {@link #housekeeping}.
 * Create one per ALG instance and pass it to every {@link StandardInspectors#from} call. Thread-safe.
 *
 * <pre>{@code
 * InspectorServices services = InspectorServices.builder()
 *     .housekeepingListener(myEventListener)   // pinhole closes found by housekeeping()
 *     .build();
 * SipInspector inspector = StandardInspectors.from(profile, services);
 * // optionally, from a timer: services.housekeeping(System.nanoTime());
 * }</pre>
 *
 * <p>Memory is bounded: rate-limit keys unused for {@link Builder#rateKeyIdle} are forgotten and at
 * most {@link Builder#maxRateKeys} exist (beyond that, new addresses share one overflow bucket per
 * profile and method); the media ports are one bit each (8 KiB in all) and go back when their
 * dialog ends, expires (also through {@link #housekeeping}) or its session closes; a session's
 * dialog table is released when the core calls {@code sessionClosed}.
 */
public final class InspectorServices {
  private final RateLimiter rateLimiter;
  private final Map<String, AtomicLong> dialogCounts = new ConcurrentHashMap<>();
  private final MediaPortAllocator mediaPorts = new MediaPortAllocator();
  private final Map<String, SessionState> sessions = new ConcurrentHashMap<>();
  private final AlgEventListener housekeepingListener;
  private final Clock clock;
  private final long dialogIdleNanos;
  final InspectionLog log;

  private InspectorServices(Builder b) {
    this.rateLimiter = new RateLimiter(b.maxRateKeys, b.rateKeyIdle.toNanos());
    this.housekeepingListener = b.housekeepingListener;
    this.clock = b.clock;
    this.dialogIdleNanos = b.dialogIdle.toNanos();
    this.log = b.log;
  }

  /** Services with the default limits and no housekeeping listener. */
  public static InspectorServices create() {
    return builder().build();
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Expires state without waiting for traffic: idle rate-limit keys, INVITEs past
   * {@code provisional-invite-expiry-time}, calls past {@code call-keepalive}, ended subscriptions and
   * registrations. Pinholes closed this way are sent to the housekeeping listener as
   * {@link AlgEvent.PinholeChanged} events (from the calling thread). Sessions expire the same state
   * lazily on each message, so calling this is optional.
   *
   * @param nowNanos the current time on the same ticker as the sessions' {@code nanoTime()}
   * @return how many dialogs and registrations were expired
   */
  public int housekeeping(long nowNanos) {
    rateLimiter.expireIdle(nowNanos);
    int expired = 0;
    for (SessionState state : sessions.values()) {
      Reporter reporter = new Reporter() {
        @Override
        public void pinhole(Pinhole.Change change, Pinhole pinhole) {
          housekeepingListener.onEvent(
              new AlgEvent.PinholeChanged(state.sessionId(), clock.instant(), change, pinhole));
        }

        @Override
        public Instant now() {
          return clock.instant();
        }
      };
      expired += state.expire(nowNanos, reporter);
    }
    return expired;
  }

  /** The number of rate-limit keys currently held. */
  public int rateLimitKeys() {
    return rateLimiter.size();
  }

  /** The number of INVITE and SUBSCRIBE dialogs being tracked under a profile, across sessions. */
  public long activeDialogs(String profileName) {
    AtomicLong n = dialogCounts.get(profileName);
    return n == null ? 0 : n.get();
  }

  /**
   * The outside RTP/RTCP port pairs currently allocated from {@code nat-port-range}, across all
   * sessions and profiles (each pair is an even RTP port and the RTCP port above it).
   */
  public int mediaPortPairsInUse() {
    return mediaPorts.pairsInUse();
  }

  /** The number of sessions with inspection state (released by {@code sessionClosed}). */
  public int trackedSessions() {
    return sessions.size();
  }

  MediaPortAllocator mediaPorts() {
    return mediaPorts;
  }

  RateLimiter rateLimiter() {
    return rateLimiter;
  }

  long dialogIdleNanos() {
    return dialogIdleNanos;
  }

  /** Counts a new dialog unless {@code max} (0 = unlimited) are already tracked for the profile. */
  boolean tryReserveDialog(String profile, long max) {
    AtomicLong n = dialogCounts.computeIfAbsent(profile, p -> new AtomicLong());
    while (true) {
      long current = n.get();
      if (max > 0 && current >= max) {
        return false;
      }
      if (n.compareAndSet(current, current + 1)) {
        return true;
      }
    }
  }

  void releaseDialog(String profile) {
    AtomicLong n = dialogCounts.get(profile);
    if (n != null) {
      n.updateAndGet(v -> Math.max(0, v - 1));
    }
  }

  void register(SessionState state) {
    sessions.put(state.sessionId(), state);
  }

  void unregister(SessionState state) {
    sessions.remove(state.sessionId(), state);
  }

  /** Builds {@link InspectorServices}. Not thread-safe. */
  public static final class Builder {
    private int maxRateKeys = 100_000;
    private Duration rateKeyIdle = Duration.ofSeconds(10);
    private Duration dialogIdle = Duration.ofSeconds(60);
    private AlgEventListener housekeepingListener = AlgEventListener.NONE;
    private Clock clock = Clock.systemUTC();
    private InspectionLog log = InspectionLog.DEFAULT;

    private Builder() {}

    /**
     * The most rate-limit keys (profile, method, tracked address) held at once; default 100 000.
     *
     * @param max at least 1
     * @return this builder
     */
    public Builder maxRateKeys(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxRateKeys must be at least 1, was " + max);
      }
      this.maxRateKeys = max;
      return this;
    }

    /**
     * How long an unused rate-limit key is kept; default 10 s. At least one second: a bucket idle
     * that long is full again, so forgetting it changes nothing.
     *
     * @param idle at least one second
     * @return this builder
     */
    public Builder rateKeyIdle(Duration idle) {
      if (idle.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("rateKeyIdle must be at least 1 s, was " + idle);
      }
      this.rateKeyIdle = idle;
      return this;
    }

    /**
     * How long an established dialog must be without SIP messages to count as idle for
     * {@code max-idle-dialogs}; default 60 s.
     *
     * @param idle positive
     * @return this builder
     */
    public Builder dialogIdle(Duration idle) {
      if (idle.isNegative() || idle.isZero()) {
        throw new IllegalArgumentException("dialogIdle must be positive, was " + idle);
      }
      this.dialogIdle = idle;
      return this;
    }

    /**
     * Receives the pinhole closes that {@link InspectorServices#housekeeping} finds; default:
     * ignored. It is called on the thread that runs housekeeping while that session's state is
     * locked: it must not block and must not call back into the session.
     *
     * @param listener thread-safe listener
     * @return this builder
     */
    public Builder housekeepingListener(AlgEventListener listener) {
      this.housekeepingListener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * The wall clock stamped on housekeeping events and call summaries they end; default UTC.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    Builder log(InspectionLog log) {
      this.log = log;
      return this;
    }

    /** Builds the services. */
    public InspectorServices build() {
      return new InspectorServices(this);
    }
  }
}
