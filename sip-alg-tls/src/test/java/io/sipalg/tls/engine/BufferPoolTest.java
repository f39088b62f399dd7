package io.sipalg.tls.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class BufferPoolTest {
  @Test
  void reusesPooledBuffersUpToItsBound() {
    BufferPool pool = new BufferPool(1024, 2);
    ByteBuffer a = pool.acquire(100);
    ByteBuffer b = pool.acquire(1024);
    ByteBuffer c = pool.acquire(10);
    assertThat(a.capacity()).isEqualTo(1024);
    a.put((byte) 1);
    pool.release(a);
    pool.release(b);
    pool.release(c); // over the bound: dropped
    assertThat(pool.pooledCount()).isEqualTo(2);
    ByteBuffer again = pool.acquire(1);
    assertThat(again).isIn(a, b);
    assertThat(again.position()).isZero();
    assertThat(again.remaining()).isEqualTo(1024);
  }

  @Test
  void allocatesButDoesNotPoolOversizedBuffers() {
    BufferPool pool = new BufferPool(1024, 4);
    ByteBuffer big = pool.acquire(5000);
    assertThat(big.capacity()).isEqualTo(5000);
    pool.release(big);
    pool.release(null);
    assertThat(pool.pooledCount()).isZero();
  }
}
