package io.sipalg.examples.soak;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/** Prints the first few problems a peer meets (then only counts them), so a bad run stays readable. */
final class Problems {
  private final PrintStream err;
  private final String prefix;
  private final int shown;
  private final AtomicLong count = new AtomicLong();

  Problems(PrintStream err, String prefix, int shown) {
    this.err = err;
    this.prefix = prefix;
    this.shown = shown;
  }

  void report(String problem) {
    long n = count.incrementAndGet();
    if (n <= shown) {
      err.println(prefix + problem);
    } else if (n == shown + 1) {
      err.println(prefix + "(further problems only counted)");
    }
  }

  long count() {
    return count.get();
  }
}
