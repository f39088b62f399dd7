package io.sipalg.benchmarks;

import io.sipalg.inspect.TokenBucket;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Cost of one rate-limit decision: the per-request work of every {@code <method>-rate} option. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TokenBucketBenchmark {
  private TokenBucket bucket;
  private long now;

  @Setup
  public void setUp() {
    bucket = new TokenBucket(1000, 0);
  }

  @Benchmark
  public boolean tryAcquire() {
    now += 997; // ~1 request per microsecond: the bucket alternates between allow and refuse
    return bucket.tryAcquire(now);
  }
}
