package io.sipalg.examples.runner;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Accepts phone connections on the first loop and deals them out to all loops round-robin. */
final class Acceptor {
  private static final Logger log = LoggerFactory.getLogger(Acceptor.class);

  private final ServerSocketChannel server;
  private final List<EventLoop> loops;
  private final Consumer<Accepted> onAccepted;
  private int next;

  /** A connection accepted for {@code loop}. */
  record Accepted(SocketChannel channel, EventLoop loop) {}

  Acceptor(ServerSocketChannel server, List<EventLoop> loops, Consumer<Accepted> onAccepted) {
    this.server = server;
    this.loops = loops;
    this.onAccepted = onAccepted;
  }

  void accept() {
    while (true) {
      SocketChannel channel;
      try {
        channel = server.accept();
      } catch (IOException e) {
        // Typically EMFILE: log and retry on the next readiness instead of spinning.
        log.warn("accept failed: {}", e.toString());
        return;
      }
      if (channel == null) {
        return;
      }
      EventLoop loop = loops.get(next++ % loops.size());
      loop.execute(() -> onAccepted.accept(new Accepted(channel, loop)));
    }
  }
}
