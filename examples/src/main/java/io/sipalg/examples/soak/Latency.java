package io.sipalg.examples.soak;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/** Response times in 1 ms buckets up to 60 s (the last bucket holds the rest); thread-safe. */
final class Latency {
  private static final int BUCKETS = 60_001;
  private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
  private final AtomicLong total = new AtomicLong();
  private final AtomicLong maxMicros = new AtomicLong();

  void record(long nanos) {
    long micros = Math.max(0, nanos / 1000);
    counts.incrementAndGet((int) Math.min(BUCKETS - 1, micros / 1000));
    total.incrementAndGet();
    maxMicros.accumulateAndGet(micros, Math::max);
  }

  /** The upper bound, in ms, of the bucket holding quantile {@code q} (0 when empty). */
  long percentileMillis(double q) {
    long n = total.get();
    if (n == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(q * n));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts.get(i);
      if (seen >= rank) {
        return i + 1L;
      }
    }
    return BUCKETS;
  }

  double maxMillis() {
    return maxMicros.get() / 1000.0;
  }

  /** {@code PREFIX-p50=.. PREFIX-p99=.. PREFIX-p999=.. PREFIX-max=..} (milliseconds) */
  String line(String prefix) {
    return prefix + "-p50=" + percentileMillis(0.50) + " " + prefix + "-p99=" + percentileMillis(0.99)
        + " " + prefix + "-p999=" + percentileMillis(0.999) + " " + prefix + "-max="
        + String.format(Locale.ROOT, "%.1f", maxMillis());
  }
}
