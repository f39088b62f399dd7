package io.sipalg.examples.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sipalg.api.session.AlgSession;
import io.sipalg.api.session.AlgStatistics;
import io.sipalg.api.session.CloseReason;
import io.sipalg.api.session.Leg;
import io.sipalg.api.session.LegTlsInfo;
import io.sipalg.api.session.SessionAddresses;
import io.sipalg.api.session.SessionCounters;
import io.sipalg.api.session.SessionFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code --upstream-source}: the runner binds its upstream connections to the given address, so
 * that is the outside address the session sees (and NATs the phone's addresses to). The session
 * here is a stand-in that asks for the upstream connection at once and records what it is told.
 */
class UpstreamSourceTest {
  private static final InetAddress SOURCE = loopback(2);

  @Test
  void upstreamConnectionsComeFromTheSourceAddressAndTheSessionIsToldSo() throws Exception {
    assumeTrue(bindable(SOURCE), "127.0.0.2 is not a local address here (only Linux routes 127/8)");
    CompletableFuture<InetSocketAddress> outside = new CompletableFuture<>();
    try (ServerSocketChannel server = ServerSocketChannel.open()) {
      server.bind(new InetSocketAddress(loopback(1), 0));
      AlgRunner runner = AlgRunner.start(factory(outside), "default",
          new InetSocketAddress(loopback(1), 0), (InetSocketAddress) server.getLocalAddress(),
          SOURCE, 1);
      try (SocketChannel phone = SocketChannel.open(runner.listenAddress());
          SocketChannel accepted = server.accept()) {
        assertThat(phone.isConnected()).isTrue();
        InetSocketAddress from = (InetSocketAddress) accepted.getRemoteAddress();
        assertThat(from.getAddress()).isEqualTo(SOURCE);
        assertThat(outside.get(10, TimeUnit.SECONDS)).isEqualTo(from);
      } finally {
        runner.drain(Duration.ofSeconds(2));
      }
    }
  }

  @Test
  void aSourceThatIsNotALocalAddressIsRefusedAtStart() {
    InetAddress testNet;
    try {
      testNet = InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 77}); // TEST-NET-1
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    assertThatThrownBy(() -> AlgRunner.start(factory(new CompletableFuture<>()), "default",
            new InetSocketAddress(loopback(1), 0), new InetSocketAddress(loopback(1), 5061),
            testNet, 1))
        .isInstanceOf(AlgRunner.UnusableSourceException.class)
        .hasMessageStartingWith("cannot bind upstream connections to 192.0.2.77: ");
  }

  private static SessionFactory factory(CompletableFuture<InetSocketAddress> outside) {
    return new SessionFactory() {
      @Override
      public AlgSession newSession(SessionAddresses addresses, String profileName) {
        return new UpstreamOnlySession(addresses, outside);
      }

      @Override
      public AlgStatistics statistics() {
        throw new UnsupportedOperationException();
      }
    };
  }

  /** Wants the upstream connection from the start; closes when told to. */
  private static final class UpstreamOnlySession implements AlgSession {
    private final SessionAddresses addresses;
    private final CompletableFuture<InetSocketAddress> outside;
    private boolean wanted = true;
    private boolean closed;

    UpstreamOnlySession(SessionAddresses addresses, CompletableFuture<InetSocketAddress> outside) {
      this.addresses = addresses;
      this.outside = outside;
    }

    @Override public String id() { return "S-test"; }
    @Override public State state() { return closed ? State.CLOSED : State.AWAITING_UPSTREAM; }
    @Override public SessionAddresses addresses() { return addresses; }
    @Override public void receive(Leg leg, ByteBuffer ciphertext) { ciphertext.position(ciphertext.limit()); }
    @Override public void receiveEndOfStream(Leg leg) { closed = true; }
    @Override public boolean upstreamWanted() { return wanted; }

    @Override
    public void upstreamConnected(InetSocketAddress algOutside, InetSocketAddress server) {
      wanted = false;
      outside.complete(algOutside);
    }

    @Override
    public void upstreamFailed(String reason) {
      wanted = false;
      outside.completeExceptionally(new IOException(reason));
    }

    @Override public ByteBuffer outbound(Leg leg) { return ByteBuffer.allocate(0); }
    @Override public boolean hasOutbound(Leg leg) { return false; }
    @Override public boolean wantsToRead(Leg leg) { return !closed; }
    @Override public void tick(long nowNanos) { }
    @Override public long nextDeadlineNanos() { return Long.MAX_VALUE; }
    @Override public void close() { closed = true; }
    @Override public boolean isClosed() { return closed; }
    @Override public Optional<CloseReason> closeReason() { return Optional.empty(); }
    @Override public Optional<LegTlsInfo> tls(Leg leg) { return Optional.empty(); }
    @Override public SessionCounters counters() { throw new UnsupportedOperationException(); }
  }

  private static InetAddress loopback(int last) {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static boolean bindable(InetAddress address) {
    try {
      AlgRunner.checkUpstreamSource(address);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
