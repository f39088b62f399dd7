package io.sipalg.inspect;

/**
 * A token bucket for the FortiOS {@code <method>-rate} limits: {@code rate} requests per second with
 * a burst of one second's worth. Not thread-safe; callers serialise access per key. Time comes from
 * the caller (nanoseconds from any monotonic origin) so tests and hosts control the clock.
 */
public final class TokenBucket {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final long rate;
  /** Tokens scaled by {@link #NANOS_PER_SECOND} so refills need no floating point. */
  private long scaledTokens;
  private long lastRefillNanos;

  /**
   * Creates a full bucket.
   *
   * @param ratePerSecond requests allowed per second; must be positive (0 = unlimited is handled by
   *     not creating a bucket)
   * @param nowNanos the current time
   */
  public TokenBucket(long ratePerSecond, long nowNanos) {
    if (ratePerSecond <= 0) {
      throw new IllegalArgumentException("rate must be positive, was " + ratePerSecond);
    }
    this.rate = ratePerSecond;
    this.scaledTokens = ratePerSecond * NANOS_PER_SECOND;
    this.lastRefillNanos = nowNanos;
  }

  /** Takes one token if one is available at {@code nowNanos}; returns whether it did. */
  public boolean tryAcquire(long nowNanos) {
    long elapsed = Math.max(0, nowNanos - lastRefillNanos);
    lastRefillNanos = nowNanos;
    long capacity = rate * NANOS_PER_SECOND;
    // elapsed * rate can overflow after ~292 years / rate; clamp the refill to the capacity first.
    long refill = elapsed >= NANOS_PER_SECOND ? capacity : elapsed * rate;
    scaledTokens = Math.min(capacity, scaledTokens + refill);
    if (scaledTokens >= NANOS_PER_SECOND) {
      scaledTokens -= NANOS_PER_SECOND;
      return true;
    }
    return false;
  }
}
