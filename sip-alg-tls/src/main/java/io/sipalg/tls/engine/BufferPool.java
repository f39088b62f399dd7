package io.sipalg.tls.engine;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small, bounded, thread-safe pool of equally sized heap buffers, so idle {@link TlsLeg}s can
 * give their buffers back without the next burst paying for fresh allocations. Requests larger than
 * the pooled size are allocated and, on release, dropped.
 */
public final class BufferPool {
  /** Big enough for any TLS record (header + 2^14 + 2048) and any provider's application buffer. */
  public static final int DEFAULT_BUFFER_SIZE = 5 + 16384 + 2048 + 256;

  private final int bufferSize;
  private final int maxPooled;
  private final ConcurrentLinkedQueue<ByteBuffer> free = new ConcurrentLinkedQueue<>();
  private final AtomicInteger pooled = new AtomicInteger();

  /**
   * Creates a pool.
   *
   * @param bufferSize the capacity of pooled buffers
   * @param maxPooled how many free buffers the pool keeps at most
   */
  public BufferPool(int bufferSize, int maxPooled) {
    if (bufferSize <= 0 || maxPooled < 0) {
      throw new IllegalArgumentException("bufferSize must be > 0 and maxPooled >= 0");
    }
    this.bufferSize = bufferSize;
    this.maxPooled = maxPooled;
  }

  /** A pool of {@link #DEFAULT_BUFFER_SIZE} buffers keeping at most 64 free. */
  public static BufferPool standard() {
    return new BufferPool(DEFAULT_BUFFER_SIZE, 64);
  }

  /** The capacity of pooled buffers. */
  public int bufferSize() {
    return bufferSize;
  }

  /** How many free buffers the pool holds now. */
  public int pooledCount() {
    return pooled.get();
  }

  /** A cleared buffer with at least {@code minCapacity} bytes. */
  public ByteBuffer acquire(int minCapacity) {
    if (minCapacity <= bufferSize) {
      ByteBuffer b = free.poll();
      if (b != null) {
        pooled.decrementAndGet();
        return b.clear();
      }
      return ByteBuffer.allocate(bufferSize);
    }
    return ByteBuffer.allocate(minCapacity);
  }

  /** Returns a buffer; the caller must not use it afterwards. {@code null} is ignored. */
  public void release(ByteBuffer buffer) {
    if (buffer == null || buffer.capacity() != bufferSize || buffer.isDirect()) {
      return;
    }
    if (pooled.incrementAndGet() <= maxPooled) {
      free.offer(buffer.clear());
    } else {
      pooled.decrementAndGet();
    }
  }

  /** {@code buf} (read mode, may be null) with {@code src} appended; returned in read mode. */
  ByteBuffer append(ByteBuffer buf, ByteBuffer src) {
    ByteBuffer w = writable(buf, src.remaining());
    w.put(src);
    return w.flip();
  }

  /**
   * {@code buf} (read mode, may be null) in write mode with at least {@code free} bytes free;
   * a buffer that must grow is replaced (and released).
   */
  ByteBuffer writable(ByteBuffer buf, int free) {
    if (buf == null) {
      return acquire(free);
    }
    buf.compact();
    if (buf.remaining() >= free) {
      return buf;
    }
    ByteBuffer bigger = acquire(buf.position() + free);
    buf.flip();
    bigger.put(buf);
    release(buf);
    return bigger;
  }

  /** Releases {@code buf} (read mode) when it holds nothing; returns what the holder keeps. */
  ByteBuffer releaseIfDrained(ByteBuffer buf) {
    if (buf != null && !buf.hasRemaining()) {
      release(buf);
      return null;
    }
    return buf;
  }
}
