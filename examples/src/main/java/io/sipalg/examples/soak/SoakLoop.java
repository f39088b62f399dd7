package io.sipalg.examples.soak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One selector on one thread for the soak tools, with the scratch buffers every connection of the
 * loop shares (a connection keeps only the bytes it could not finish with, so 10,000 idle
 * connections hold almost nothing) and one periodic tick.
 */
final class SoakLoop implements Runnable {
  /** Something registered with the selector. */
  interface Ready {
    void ready(SelectionKey key);
  }

  private final String name;
  private final Selector selector;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final long tickNanos;
  private final Runnable tick;
  private final Thread thread;
  private volatile boolean stopped;
  /** Ciphertext read from a socket (plus a connection's carried-over partial record). */
  final ByteBuffer netIn = ByteBuffer.allocate(128 * 1024);
  /** Plaintext unwrapped from {@link #netIn}. */
  final ByteBuffer appIn = ByteBuffer.allocate(64 * 1024);
  /** Ciphertext wrapped for a socket. */
  final ByteBuffer netOut = ByteBuffer.allocate(64 * 1024);

  SoakLoop(String name, long tickMillis, Runnable tick) {
    this.name = name;
    this.tickNanos = tickMillis * 1_000_000L;
    this.tick = tick;
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a selector", e);
    }
    this.thread = new Thread(this, name);
  }

  Selector selector() {
    return selector;
  }

  void start() {
    thread.start();
  }

  /** Runs {@code task} on the loop's thread, soon. */
  void execute(Runnable task) {
    tasks.add(task);
    selector.wakeup();
  }

  boolean inLoop() {
    return Thread.currentThread() == thread;
  }

  /** Stops the loop and waits (bounded) for its thread. */
  void stop() {
    stopped = true;
    selector.wakeup();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void run() {
    long nextTick = System.nanoTime() + tickNanos;
    try {
      while (!stopped) {
        long wait = Math.max(1, (nextTick - System.nanoTime()) / 1_000_000L);
        selector.select(wait);
        Runnable task;
        while ((task = tasks.poll()) != null) {
          task.run();
        }
        for (SelectionKey key : selector.selectedKeys()) {
          if (key.isValid() && key.attachment() instanceof Ready ready) {
            ready.ready(key);
          }
        }
        selector.selectedKeys().clear();
        long now = System.nanoTime();
        if (now - nextTick >= 0) {
          // Falling behind skips ticks instead of bunching them: the tick reads the clock itself.
          nextTick = Math.max(nextTick + tickNanos, now);
          tick.run();
        }
      }
    } catch (IOException | ClosedSelectorException e) {
      System.err.println(name + ": event loop failed: " + e);
    } catch (RuntimeException e) {
      System.err.println(name + ": event loop failed: " + e);
      e.printStackTrace();
    } finally {
      try {
        selector.close();
      } catch (IOException e) {
        // shutting down: nothing to do
      }
    }
  }
}
