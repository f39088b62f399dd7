package io.sipalg.inspect;

import io.sipalg.api.SipMethodOption;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The token buckets of the {@code <method>-rate} limits of one ALG instance, keyed by profile,
 * method, rate and tracked address. Thread-safe. Memory is bounded two ways: a key unused for the
 * idle time is forgotten (its bucket would be full again anyway, so nothing is lost), and at the
 * key cap new addresses share one overflow bucket per profile and method instead of getting their
 * own, so a flood of source addresses cannot grow the table.
 */
final class RateLimiter {
  private static final String OVERFLOW = "*overflow*";

  private record Key(String profile, SipMethodOption method, long rate, String scope) {}

  private static final class Entry {
    final TokenBucket bucket;
    volatile long lastUsed;

    Entry(long rate, long now) {
      bucket = new TokenBucket(rate, now);
      lastUsed = now;
    }

    synchronized boolean tryAcquire(long now) {
      lastUsed = now;
      return bucket.tryAcquire(now);
    }
  }

  private final Map<Key, Entry> buckets = new ConcurrentHashMap<>();
  private final int maxKeys;
  private final long idleNanos;
  private final AtomicLong lastSweep = new AtomicLong(Long.MIN_VALUE);

  RateLimiter(int maxKeys, long idleNanos) {
    this.maxKeys = maxKeys;
    this.idleNanos = idleNanos;
  }

  /** Takes a token for one request; false means the request is over the limit. */
  boolean tryAcquire(String profile, SipMethodOption method, long rate, String scope, long now) {
    Key key = new Key(profile, method, rate, scope);
    Entry entry = buckets.get(key);
    if (entry == null) {
      if (buckets.size() >= maxKeys) {
        expireIdle(now);
      }
      if (buckets.size() >= maxKeys) {
        key = new Key(profile, method, rate, OVERFLOW);
      }
      entry = buckets.computeIfAbsent(key, k -> new Entry(k.rate(), now));
    }
    boolean ok = entry.tryAcquire(now);
    maybeSweep(now);
    return ok;
  }

  private void maybeSweep(long now) {
    long last = lastSweep.get();
    if ((last == Long.MIN_VALUE || now - last >= idleNanos) && lastSweep.compareAndSet(last, now)) {
      if (last != Long.MIN_VALUE) {
        expireIdle(now);
      }
    }
  }

  /** Forgets keys unused for the idle time; returns how many. */
  int expireIdle(long now) {
    int removed = 0;
    for (Iterator<Entry> it = buckets.values().iterator(); it.hasNext(); ) {
      if (now - it.next().lastUsed >= idleNanos) {
        it.remove();
        removed++;
      }
    }
    return removed;
  }

  int size() {
    return buckets.size();
  }
}
