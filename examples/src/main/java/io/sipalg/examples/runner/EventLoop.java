package io.sipalg.examples.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.HashSet;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One selector on one thread, owning the connections registered with it. Everything a connection
 * does happens on this thread, so sessions (which are not thread-safe) need no locks. Other threads
 * hand work over with {@link #execute}.
 */
final class EventLoop implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(EventLoop.class);

  /** A deadline for one connection; stale entries (the connection moved its deadline) are skipped. */
  private record Timer(long deadlineNanos, ProxiedConnection connection) {}

  /** A task to run on the loop's thread once its deadline has passed. */
  private record DelayedTask(long deadlineNanos, Runnable task) {}

  private final String name;
  private final Selector selector;
  private final LongSupplier ticker;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final PriorityQueue<Timer> timers =
      new PriorityQueue<>((a, b) -> Long.compare(a.deadlineNanos, b.deadlineNanos));
  private final PriorityQueue<DelayedTask> delayed =
      new PriorityQueue<>((a, b) -> Long.compare(a.deadlineNanos, b.deadlineNanos));
  private final Set<ProxiedConnection> connections = new HashSet<>();
  /** Shared by every connection of this loop: reads are consumed before the next one starts. */
  private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);
  private int closedSincePurge;
  private volatile boolean stopped;
  private volatile int connectionCount;

  EventLoop(String name, LongSupplier ticker) {
    this.name = name;
    this.ticker = ticker;
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a selector", e);
    }
  }

  String name() {
    return name;
  }

  Selector selector() {
    return selector;
  }

  ByteBuffer readBuffer() {
    return readBuffer;
  }

  long now() {
    return ticker.getAsLong();
  }

  /** Number of open connections (readable from any thread). */
  int connectionCount() {
    return connectionCount;
  }

  /** Runs {@code task} on the loop's thread, soon. */
  void execute(Runnable task) {
    tasks.add(task);
    selector.wakeup();
  }

  void added(ProxiedConnection connection) {
    connections.add(connection);
    connectionCount = connections.size();
  }

  void removed(ProxiedConnection connection) {
    connections.remove(connection);
    connectionCount = connections.size();
    // Closed connections' timer entries would keep their sessions reachable until they come due
    // (up to the handshake timeout): purge them once they are a good part of the queue.
    if (++closedSincePurge > 64 && closedSincePurge > timers.size() / 4) {
      timers.removeIf(t -> t.connection.isFinished());
      closedSincePurge = 0;
    }
  }

  /** Applies {@code action} to every connection, on the loop's thread. */
  void forEachConnection(java.util.function.Consumer<ProxiedConnection> action) {
    execute(() -> java.util.List.copyOf(connections).forEach(action));
  }

  void schedule(ProxiedConnection connection, long deadlineNanos) {
    if (deadlineNanos != Long.MAX_VALUE) {
      timers.add(new Timer(deadlineNanos, connection));
    }
  }

  /** Runs {@code task} on the loop's thread once {@link #now()} reaches {@code deadlineNanos}. */
  void runAt(long deadlineNanos, Runnable task) {
    execute(() -> delayed.add(new DelayedTask(deadlineNanos, task)));
  }

  void stop() {
    stopped = true;
    selector.wakeup();
  }

  @Override
  public void run() {
    try {
      while (!stopped) {
        selector.select(selectTimeoutMillis());
        runTasks();
        for (SelectionKey key : selector.selectedKeys()) {
          Object attachment = key.attachment();
          if (attachment instanceof Acceptor acceptor) {
            acceptor.accept(key);
          } else if (attachment instanceof ProxiedConnection connection) {
            guarded(connection, () -> connection.onReady(key));
          }
        }
        selector.selectedKeys().clear();
        fireTimers();
      }
    } catch (IOException | ClosedSelectorException e) {
      log.error("event loop {} failed", name, e);
    } finally {
      java.util.List.copyOf(connections).forEach(ProxiedConnection::abort);
      try {
        selector.close();
      } catch (IOException e) {
        log.debug("closing selector of {}", name, e);
      }
    }
  }

  /**
   * Runs one connection's work; a bug there must cost that connection only, never the loop and the
   * other connections on it.
   */
  private void guarded(ProxiedConnection connection, Runnable work) {
    try {
      work.run();
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      // LinkageError: e.g. a library jar swapped under a running process; it must not silently
      // kill the loop and strand every other session on it.
      log.error("{}: internal error, dropping the connection", connection.session().id(), e);
      connection.abort();
    }
  }

  private long selectTimeoutMillis() {
    Timer next = timers.peek();
    DelayedTask task = delayed.peek();
    if (next == null && task == null) {
      return 0; // no timer: block until I/O or a task
    }
    long deadline = Math.min(next == null ? Long.MAX_VALUE : next.deadlineNanos,
        task == null ? Long.MAX_VALUE : task.deadlineNanos);
    return Math.max(1, (deadline - now() + 999_999) / 1_000_000);
  }

  private void runTasks() {
    Runnable task;
    while ((task = tasks.poll()) != null) {
      try {
        task.run();
      } catch (RuntimeException e) {
        log.error("{}: task failed", name, e);
      }
    }
  }

  private void fireTimers() {
    long now = now();
    while (!delayed.isEmpty() && delayed.peek().deadlineNanos <= now) {
      Runnable task = delayed.poll().task();
      try {
        task.run();
      } catch (RuntimeException e) {
        log.error("{}: delayed task failed", name, e);
      }
    }
    while (!timers.isEmpty() && timers.peek().deadlineNanos <= now) {
      Timer timer = timers.poll();
      if (timer.connection.isDueAt(timer.deadlineNanos)) {
        guarded(timer.connection, () -> timer.connection.onTimer(now));
      }
    }
  }
}
