package io.sipalg.examples.runner;

import io.sipalg.api.session.AlgSession;
import io.sipalg.api.session.SessionAddresses;
import io.sipalg.api.session.SessionFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference NIO host: accepts phone connections, creates one {@link AlgSession} per connection
 * and pumps bytes between sockets and sessions on {@code threads} event loops (one selector each).
 * Everything SIP- or TLS-specific happens inside the session; this class only moves bytes and
 * follows the session's wishes: connect upstream when asked, read only when the session is ready
 * (backpressure), tick at its deadlines, close sockets when it is done.
 *
 * <pre>{@code
 * try (AlgRunner runner = AlgRunner.start(alg, "default", listen, upstream, 2)) {
 *   ...  // serve until shutdown
 *   runner.drain(Duration.ofSeconds(5));
 * }
 * }</pre>
 */
public final class AlgRunner implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AlgRunner.class);

  private final SessionFactory factory;
  private final String profileName;
  private final InetSocketAddress upstream;
  /** Where upstream connections are bound (port 0), or null for what the routing table picks. */
  private final InetSocketAddress upstreamSource;
  private final ServerSocketChannel server;
  private final List<EventLoop> loops = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();

  private AlgRunner(
      SessionFactory factory,
      String profileName,
      InetSocketAddress listen,
      InetSocketAddress upstream,
      InetAddress upstreamSource,
      int threadCount,
      LongSupplier ticker)
      throws IOException {
    this.factory = factory;
    this.profileName = profileName;
    this.upstream = upstream;
    this.upstreamSource = upstreamSource == null ? null : new InetSocketAddress(upstreamSource, 0);
    this.server = ServerSocketChannel.open();
    server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
    server.bind(listen, 1024);
    server.configureBlocking(false);
    for (int i = 0; i < threadCount; i++) {
      EventLoop loop = new EventLoop("sip-alg-loop-" + i, ticker);
      loops.add(loop);
      Thread thread = new Thread(loop, loop.name());
      threads.add(thread);
      thread.start();
    }
    Acceptor acceptor = new Acceptor(server::accept, loops, this::open);
    CountDownLatch registered = new CountDownLatch(1);
    loops.get(0)
        .execute(
            () -> {
              try {
                server.register(loops.get(0).selector(), SelectionKey.OP_ACCEPT, acceptor);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              } finally {
                registered.countDown();
              }
            });
    awaitQuietly(registered);
  }

  /**
   * Binds {@code listen} and starts serving.
   *
   * @param factory creates the sessions (the ALG)
   * @param profileName the VoIP profile every session uses
   * @param listen where phones connect
   * @param upstream the SIP server the sessions connect to
   * @param threads event loops (selector threads), at least 1
   * @throws IOException if the address cannot be bound
   */
  public static AlgRunner start(
      SessionFactory factory,
      String profileName,
      InetSocketAddress listen,
      InetSocketAddress upstream,
      int threads)
      throws IOException {
    return start(factory, profileName, listen, upstream, null, threads);
  }

  /**
   * Binds {@code listen} and starts serving, with every upstream connection made from
   * {@code upstreamSource}: the ALG's outside address, which the sessions write into the phones'
   * Contact, Via and SDP (see the NAT inspector). A multi-homed host names its outside interface
   * here; {@code null} leaves the choice to the routing table.
   *
   * @param factory creates the sessions (the ALG)
   * @param profileName the VoIP profile every session uses
   * @param listen where phones connect
   * @param upstream the SIP server the sessions connect to
   * @param upstreamSource the local address of upstream connections, or {@code null}
   * @param threads event loops (selector threads), at least 1
   * @throws UnusableSourceException if {@code upstreamSource} is not an address of this host
   * @throws IOException if the listening address cannot be bound
   */
  public static AlgRunner start(
      SessionFactory factory,
      String profileName,
      InetSocketAddress listen,
      InetSocketAddress upstream,
      InetAddress upstreamSource,
      int threads)
      throws IOException {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, was " + threads);
    }
    if (upstreamSource != null) {
      checkUpstreamSource(upstreamSource); // fail at start, not once per session
    }
    return new AlgRunner(factory, profileName, listen, upstream, upstreamSource, threads,
        System::nanoTime);
  }

  /**
   * Checks that upstream connections can be bound to {@code source} (an address of this host).
   *
   * @param source the intended outside address
   * @throws UnusableSourceException if a socket cannot be bound to it
   */
  public static void checkUpstreamSource(InetAddress source) throws UnusableSourceException {
    try (SocketChannel probe = SocketChannel.open()) {
      probe.bind(new InetSocketAddress(source, 0));
    } catch (IOException e) {
      throw new UnusableSourceException(source, e);
    }
  }

  /** The upstream source address given to {@link #start} is not an address of this host. */
  public static final class UnusableSourceException extends IOException {
    private static final long serialVersionUID = 1L;

    UnusableSourceException(InetAddress source, IOException cause) {
      super("cannot bind upstream connections to " + source.getHostAddress() + ": "
          + cause.getMessage(), cause);
    }
  }

  /** The bound listening address (useful with port 0). */
  public InetSocketAddress listenAddress() {
    try {
      return (InetSocketAddress) server.getLocalAddress();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Open connections across all loops. */
  public int activeConnections() {
    return loops.stream().mapToInt(EventLoop::connectionCount).sum();
  }

  /**
   * Stops accepting, asks every session to close gracefully (close_notify on both legs) and waits
   * until all connections are gone or {@code timeout} passes; then stops the loops (dropping what
   * is left). Returns whether every connection closed in time.
   */
  public boolean drain(Duration timeout) {
    closeListener();
    loops.forEach(loop -> loop.forEachConnection(ProxiedConnection::shutdown));
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean drained = true;
    // Polling is acceptable here: this runs once, at shutdown, off the loop threads.
    while (activeConnections() > 0) {
      if (System.nanoTime() >= deadline) {
        drained = false;
        log.warn("drain timed out with {} connection(s) left", activeConnections());
        break;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        drained = false;
        break;
      }
    }
    stopLoops();
    return drained;
  }

  @Override
  public void close() {
    drain(Duration.ofSeconds(5));
  }

  private void open(Acceptor.Accepted accepted) {
    SocketChannel channel = accepted.channel();
    try {
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      SessionAddresses addresses =
          SessionAddresses.accepted(
              (InetSocketAddress) channel.getRemoteAddress(),
              (InetSocketAddress) channel.getLocalAddress());
      AlgSession session = factory.newSession(addresses, profileName);
      log.info("{}: TCP connection accepted from {}", session.id(), addresses.phone());
      new ProxiedConnection(accepted.loop(), session, channel, upstream, upstreamSource).start();
    } catch (IOException | RuntimeException e) {
      log.warn("dropping accepted connection: {}", e.toString());
      try {
        channel.close();
      } catch (IOException closeFailure) {
        e.addSuppressed(closeFailure);
      }
    }
  }

  private void closeListener() {
    try {
      server.close();
    } catch (IOException e) {
      log.debug("closing listener: {}", e.toString());
    }
  }

  private void stopLoops() {
    loops.forEach(EventLoop::stop);
    for (Thread thread : threads) {
      try {
        thread.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
