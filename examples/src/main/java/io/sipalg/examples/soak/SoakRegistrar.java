package io.sipalg.examples.soak;

import io.sipalg.parser.ResponseBuilder;
import io.sipalg.parser.SipMessage;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * The soak's SIP server: an NIO TLS registrar that accepts any number of connections (one
 * {@link SSLEngine} each, optionally requiring a client certificate from the test CA), answers
 * every REGISTER with 200 OK and any other request with 501, and counts what it saw.
 */
final class SoakRegistrar implements TlsConnection.Handler, AutoCloseable {
  private static final String TO_TAG = "soak-registrar";

  private final SSLContext context;
  private final boolean needClientAuth;
  private final ServerSocketChannel server;
  private final List<SoakLoop> loops = new ArrayList<>();
  private int nextLoop;

  final LongAdder accepted = new LongAdder();
  final LongAdder opened = new LongAdder();
  final LongAdder open = new LongAdder();
  final LongAdder handshakeFailures = new LongAdder();
  final LongAdder closedByPeer = new LongAdder();
  final LongAdder errors = new LongAdder();
  final LongAdder registers = new LongAdder();
  final LongAdder answered = new LongAdder();
  final LongAdder otherRequests = new LongAdder();
  final LongAdder responses = new LongAdder();

  SoakRegistrar(SSLContext context, boolean needClientAuth, InetSocketAddress listen, int threads)
      throws IOException {
    this.context = context;
    this.needClientAuth = needClientAuth;
    this.server = ServerSocketChannel.open();
    server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
    server.bind(listen, 4096);
    server.configureBlocking(false);
    for (int i = 0; i < threads; i++) {
      loops.add(new SoakLoop("soak-registrar-" + i, 1000, () -> {}));
    }
    SoakLoop first = loops.get(0);
    server.register(first.selector(), SelectionKey.OP_ACCEPT, (SoakLoop.Ready) key -> acceptAll());
    loops.forEach(SoakLoop::start);
  }

  InetSocketAddress address() throws IOException {
    return (InetSocketAddress) server.getLocalAddress();
  }

  /** One {@code key=value} line of the counters. */
  String line() {
    return "connections=" + accepted.sum() + " handshakes=" + opened.sum() + " open=" + open.sum()
        + " handshake-failures=" + handshakeFailures.sum() + " closed-by-peer=" + closedByPeer.sum()
        + " errors=" + errors.sum() + " registers=" + registers.sum() + " answered=" + answered.sum()
        + " other-requests=" + otherRequests.sum() + " responses-received=" + responses.sum();
  }

  void print(PrintStream out, String prefix) {
    out.println(prefix + line());
    out.flush();
  }

  private void acceptAll() {
    while (true) {
      SocketChannel channel;
      try {
        channel = server.accept();
      } catch (IOException e) {
        errors.increment();
        System.err.println("registrar: accept failed: " + e);
        return;
      }
      if (channel == null) {
        return;
      }
      accepted.increment();
      SoakLoop loop = loops.get(nextLoop++ % loops.size());
      loop.execute(() -> adopt(loop, channel));
    }
  }

  private void adopt(SoakLoop loop, SocketChannel channel) {
    SSLEngine engine = context.createSSLEngine();
    engine.setUseClientMode(false);
    engine.setNeedClientAuth(needClientAuth);
    try {
      TlsConnection.accepted(loop, channel, engine, this);
    } catch (IOException e) {
      errors.increment();
      try {
        channel.close();
      } catch (IOException ignored) {
        // it is going anyway
      }
    }
  }

  @Override
  public void open(TlsConnection connection) {
    opened.increment();
    open.increment();
  }

  @Override
  public void message(TlsConnection connection, SipMessage message) {
    if (message.isResponse()) {
      responses.increment();
      return;
    }
    if (message.isMethod("REGISTER")) {
      registers.increment();
      String contact = message.headerValue("Contact");
      ResponseBuilder ok = ResponseBuilder.to(message).status(200).toTag(TO_TAG).header("Expires", "3600");
      if (contact != null) {
        ok.header("Contact", contact + ";expires=3600");
      }
      connection.send(ok.build());
      answered.increment();
    } else if (!message.isMethod("ACK")) {
      otherRequests.increment();
      connection.send(ResponseBuilder.to(message).status(501).build());
    }
  }

  @Override
  public void closed(TlsConnection connection, String reason, boolean byUs, boolean whileOpen) {
    if (whileOpen) {
      open.decrement();
      if (!byUs) {
        closedByPeer.increment();
      }
    } else {
      handshakeFailures.increment();
      if (handshakeFailures.sum() <= 10) {
        System.err.println("registrar: handshake failed: " + reason);
      }
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // shutting down
    }
    loops.forEach(SoakLoop::stop);
  }
}
