package io.sipalg.examples.runner;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts phone connections on the first loop and deals them out to all loops round-robin.
 *
 * <p>When {@code accept} fails (typically EMFILE: the process is out of file descriptors) the
 * pending connection stays in the backlog and the listening key stays ready, so retrying on the
 * next select would spin the loop and flood the log while the condition lasts. Instead accepting
 * pauses: the key's interest is cleared and restored after a delay that doubles from
 * {@value #FIRST_PAUSE_MILLIS} ms up to {@value #MAX_PAUSE_MILLIS} ms while failures continue
 * (a file descriptor frees up when any session ends), with one log line per pause.
 */
final class Acceptor {
  private static final Logger log = LoggerFactory.getLogger(Acceptor.class);
  static final long FIRST_PAUSE_MILLIS = 50;
  static final long MAX_PAUSE_MILLIS = 1000;

  /** Where accepted channels come from: the listening channel, or a test's stand-in. */
  interface Source {
    /** The next pending connection, or {@code null} when none is pending. */
    SocketChannel accept() throws IOException;
  }

  private final Source source;
  private final List<EventLoop> loops;
  private final Consumer<Accepted> onAccepted;
  private int next;
  private long pauseMillis;
  private int failuresInARow;

  /** A connection accepted for {@code loop}. */
  record Accepted(SocketChannel channel, EventLoop loop) {}

  /**
   * An acceptor whose listening key is registered with {@code loops.get(0)}, the loop that calls
   * {@link #accept} and runs its pauses.
   */
  Acceptor(Source source, List<EventLoop> loops, Consumer<Accepted> onAccepted) {
    this.source = source;
    this.loops = loops;
    this.onAccepted = onAccepted;
  }

  /** Accepts every pending connection; called on the first loop when {@code key} is ready. */
  void accept(SelectionKey key) {
    while (true) {
      SocketChannel channel;
      try {
        channel = source.accept();
      } catch (IOException e) {
        pause(key, e);
        return;
      }
      if (channel == null) {
        return;
      }
      if (pauseMillis > 0) {
        log.info("accepting connections again after {} failed attempts", failuresInARow);
        pauseMillis = 0;
        failuresInARow = 0;
      }
      EventLoop loop = loops.get(next++ % loops.size());
      loop.execute(() -> onAccepted.accept(new Accepted(channel, loop)));
    }
  }

  private void pause(SelectionKey key, IOException e) {
    failuresInARow++;
    pauseMillis = pauseMillis == 0 ? FIRST_PAUSE_MILLIS : Math.min(pauseMillis * 2, MAX_PAUSE_MILLIS);
    log.warn("accept failed: {}; not accepting for {} ms", e.toString(), pauseMillis);
    if (!key.isValid()) {
      return; // the listener closed
    }
    key.interestOps(0);
    EventLoop home = loops.get(0);
    home.runAt(home.now() + TimeUnit.MILLISECONDS.toNanos(pauseMillis), () -> {
      if (key.isValid()) {
        key.interestOps(SelectionKey.OP_ACCEPT);
      }
    });
  }
}
