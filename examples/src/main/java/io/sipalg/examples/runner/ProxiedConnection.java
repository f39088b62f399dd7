package io.sipalg.examples.runner;

import io.sipalg.api.session.AlgSession;
import io.sipalg.api.session.Leg;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One phone connection, its upstream connection and the session between them: moves bytes between
 * sockets and the session, and lets the session decide everything else (when to connect upstream,
 * when to read, when to close). Lives on one {@link EventLoop} thread.
 */
final class ProxiedConnection {
  private static final Logger log = LoggerFactory.getLogger(ProxiedConnection.class);

  private final EventLoop loop;
  private final AlgSession session;
  private final InetSocketAddress upstream;
  private final InetSocketAddress upstreamSource; // null: the routing table picks
  private final Socket phone;
  private final Socket server = new Socket(Leg.SERVER);
  /** The deadline of this connection's entry in the loop's timer queue; MAX_VALUE = none queued. */
  private long queuedDeadline = Long.MAX_VALUE;
  private boolean finished;

  /** One side's channel, its key, and input the session did not take yet. */
  private final class Socket {
    final Leg leg;
    SocketChannel channel;
    SelectionKey key;
    ByteBuffer unread; // bytes read but refused by the session (backpressure); null when none
    boolean inputEnded;

    Socket(Leg leg) {
      this.leg = leg;
    }
  }

  ProxiedConnection(EventLoop loop, AlgSession session, SocketChannel phoneChannel,
      InetSocketAddress upstream, InetSocketAddress upstreamSource) throws IOException {
    this.loop = loop;
    this.session = session;
    this.upstream = upstream;
    this.upstreamSource = upstreamSource;
    this.phone = new Socket(Leg.PHONE);
    phone.channel = phoneChannel;
    phoneChannel.configureBlocking(false);
    phone.key = phoneChannel.register(loop.selector(), SelectionKey.OP_READ, this);
    loop.added(this);
  }

  /** Lets the session act before any byte arrives (an eager session asks for upstream at once). */
  void start() {
    pump();
  }

  AlgSession session() {
    return session;
  }

  /** Whether a popped timer entry is this connection's live one (older entries are stale). */
  boolean isDueAt(long deadline) {
    return !finished && deadline == queuedDeadline;
  }

  boolean isFinished() {
    return finished;
  }

  void onTimer(long now) {
    queuedDeadline = Long.MAX_VALUE;
    session.tick(now);
    pump();
  }

  void onReady(SelectionKey key) {
    Socket socket = key == phone.key ? phone : server;
    if (!key.isValid()) {
      return;
    }
    if (key.isConnectable()) {
      finishConnect();
    }
    if (key.isValid() && key.isReadable()) {
      read(socket);
    }
    pump();
  }

  /** Closes gracefully: the session sends close_notify on both legs, then the sockets close. */
  void shutdown() {
    session.close();
    pump();
  }

  /** Drops both sockets at once (the loop is going away). */
  void abort() {
    closeChannels();
  }

  private void read(Socket socket) {
    ByteBuffer buffer = loop.readBuffer();
    buffer.clear();
    int n;
    try {
      n = socket.channel.read(buffer);
    } catch (IOException e) {
      log.debug("{}: read from {} failed: {}", session.id(), socket.leg, e.toString());
      n = -1;
    }
    if (n < 0) {
      socket.inputEnded = true;
      session.receiveEndOfStream(socket.leg);
      return;
    }
    buffer.flip();
    session.receive(socket.leg, buffer);
    if (buffer.hasRemaining()) {
      // The session is full; keep the rest and stop reading this side until it asks again.
      socket.unread = ByteBuffer.allocate(buffer.remaining()).put(buffer).flip();
    }
  }

  /** Runs until nothing more moves: feed held input, connect, write, then set interest and timer. */
  private void pump() {
    if (finished) {
      return;
    }
    boolean progress = true;
    while (progress) {
      progress = feedUnread(phone) | feedUnread(server);
      if (session.upstreamWanted() && server.channel == null) {
        connect();
      }
      progress |= flush(phone) | flush(server);
    }
    if (session.isClosed() && !pendingOutput(phone) && !pendingOutput(server)) {
      closeChannels();
      return;
    }
    interest(phone);
    interest(server);
    // At most one live queue entry per connection: a later deadline keeps the queued one (it
    // fires early, the session's tick does nothing, and the next pump queues the real one); only
    // an earlier deadline adds an entry. So busy sessions do not add an entry per message.
    long deadline = session.nextDeadlineNanos();
    if (deadline < queuedDeadline) {
      queuedDeadline = deadline;
      loop.schedule(this, deadline);
    }
  }

  private boolean feedUnread(Socket socket) {
    if (socket.unread == null || !session.wantsToRead(socket.leg)) {
      return false;
    }
    int before = socket.unread.remaining();
    session.receive(socket.leg, socket.unread);
    if (!socket.unread.hasRemaining()) {
      socket.unread = null;
    }
    return socket.unread == null || socket.unread.remaining() != before;
  }

  private boolean pendingOutput(Socket socket) {
    return socket.channel != null && socket.channel.isOpen() && session.hasOutbound(socket.leg);
  }

  private boolean flush(Socket socket) {
    if (socket.channel == null || !socket.channel.isConnected() || !session.hasOutbound(socket.leg)) {
      return false;
    }
    ByteBuffer out = session.outbound(socket.leg);
    try {
      return socket.channel.write(out) > 0;
    } catch (IOException e) {
      log.debug("{}: write to {} failed: {}", session.id(), socket.leg, e.toString());
      out.position(out.limit()); // the peer is gone: what was queued for it cannot be delivered
      if (!socket.inputEnded) {
        socket.inputEnded = true;
        session.receiveEndOfStream(socket.leg);
      }
      closeQuietly(socket);
      return true;
    }
  }

  private void interest(Socket socket) {
    if (socket.key == null || !socket.key.isValid()) {
      return;
    }
    int ops = 0;
    if (!socket.channel.isConnected()) {
      ops = SelectionKey.OP_CONNECT;
    } else {
      if (!socket.inputEnded && socket.unread == null && session.wantsToRead(socket.leg)) {
        ops |= SelectionKey.OP_READ;
      }
      if (session.hasOutbound(socket.leg)) {
        ops |= SelectionKey.OP_WRITE;
      }
    }
    if (socket.key.interestOps() != ops) {
      socket.key.interestOps(ops);
    }
  }

  private void connect() {
    try {
      SocketChannel channel = SocketChannel.open();
      channel.configureBlocking(false);
      server.channel = channel;
      server.key = channel.register(loop.selector(), SelectionKey.OP_CONNECT, this);
      if (upstreamSource != null) {
        channel.bind(upstreamSource);
      }
      if (channel.connect(upstream)) {
        connected();
      }
    } catch (IOException e) {
      session.upstreamFailed("connect to " + upstream + " failed: " + e.getMessage());
    }
  }

  private void finishConnect() {
    try {
      if (server.channel.finishConnect()) {
        connected();
      }
    } catch (IOException e) {
      closeQuietly(server);
      session.upstreamFailed("connect to " + upstream + " failed: " + e.getMessage());
    }
  }

  private void connected() throws IOException {
    server.channel.socket().setTcpNoDelay(true);
    session.upstreamConnected(
        (InetSocketAddress) server.channel.getLocalAddress(),
        (InetSocketAddress) server.channel.getRemoteAddress());
  }

  private void closeChannels() {
    if (finished) {
      return;
    }
    finished = true;
    closeQuietly(phone);
    closeQuietly(server);
    loop.removed(this);
  }

  private static void closeQuietly(Socket socket) {
    if (socket.channel == null) {
      return;
    }
    try {
      socket.channel.close();
    } catch (IOException e) {
      log.debug("close {}: {}", socket.leg, e.toString());
    }
  }
}
