package io.sipalg.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void allowsTheRatePerSecondThenRefuses() {
    TokenBucket bucket = new TokenBucket(3, 0);
    assertThat(bucket.tryAcquire(0)).isTrue();
    assertThat(bucket.tryAcquire(0)).isTrue();
    assertThat(bucket.tryAcquire(0)).isTrue();
    assertThat(bucket.tryAcquire(0)).isFalse();
  }

  @Test
  void refillsWithTime() {
    TokenBucket bucket = new TokenBucket(2, 0);
    bucket.tryAcquire(0);
    bucket.tryAcquire(0);
    assertThat(bucket.tryAcquire(SECOND / 4)).isFalse();
    assertThat(bucket.tryAcquire(SECOND / 2)).isTrue();
  }

  @Test
  void neverHoldsMoreThanOneSecondOfTokens() {
    TokenBucket bucket = new TokenBucket(1, 0);
    assertThat(bucket.tryAcquire(1000 * SECOND)).isTrue();
    assertThat(bucket.tryAcquire(1000 * SECOND)).isFalse();
  }
}
