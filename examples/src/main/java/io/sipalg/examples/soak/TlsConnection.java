package io.sipalg.examples.soak;

import io.sipalg.parser.FramingException;
import io.sipalg.parser.SipFrame;
import io.sipalg.parser.SipFramer;
import io.sipalg.parser.SipMessage;
import io.sipalg.parser.SipParseException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * One non-blocking TLS connection carrying SIP: drives its {@link SSLEngine} over a {@link
 * SocketChannel} with the loop's shared buffers, frames the plaintext with {@link SipFramer} and
 * hands whole messages to its {@link Handler}. Between reads it keeps only a partial TLS record and
 * unwritten ciphertext, if any. Delegated tasks run inline: this is a load generator, its own CPU
 * is part of the budget. Loop thread only.
 */
final class TlsConnection implements SoakLoop.Ready {
  /** What the owner learns about the connection. */
  interface Handler {
    /** TCP connected (client side); the handshake starts now. */
    default void connected(TlsConnection connection) {}

    /** The handshake finished; messages may be sent. */
    void open(TlsConnection connection);

    /** One whole SIP message arrived (valid during the call only). */
    void message(TlsConnection connection, SipMessage message);

    /**
     * The connection is gone; {@code byUs} when {@link #close()} started it, {@code whileOpen}
     * whether the handshake had finished.
     */
    void closed(TlsConnection connection, String reason, boolean byUs, boolean whileOpen);
  }

  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  private final SoakLoop loop;
  private final SocketChannel channel;
  private final SSLEngine engine;
  private final Handler handler;
  private final SipFramer framer = new SipFramer();
  private SelectionKey key;
  private ByteBuffer inLeft;
  private ByteBuffer outLeft;
  private boolean open;
  /** We asked to close ({@link #close()}): whatever ends the connection now, it was our doing. */
  private boolean closing;
  /** The peer's close_notify arrived (we answer it and close). */
  private boolean peerClosed;
  private boolean closed;
  /** The owner's per-connection state. */
  Object attachment;

  private TlsConnection(SoakLoop loop, SocketChannel channel, SSLEngine engine, Handler handler) {
    this.loop = loop;
    this.channel = channel;
    this.engine = engine;
    this.handler = handler;
  }

  /**
   * Starts a client connection to {@code target} (from {@code source} when not null):
   * non-blocking connect, then the handshake. The attachment is set before any callback.
   */
  static TlsConnection connect(
      SoakLoop loop, SSLEngine engine, InetSocketAddress source, InetSocketAddress target,
      Handler handler, Object attachment) throws IOException {
    SocketChannel channel = SocketChannel.open();
    TlsConnection c = new TlsConnection(loop, channel, engine, handler);
    c.attachment = attachment;
    try {
      channel.configureBlocking(false);
      channel.socket().setTcpNoDelay(true);
      if (source != null) {
        channel.bind(source);
      }
      c.key = channel.register(loop.selector(), SelectionKey.OP_CONNECT, c);
      if (channel.connect(target)) {
        c.connectedNow();
      }
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    return c;
  }

  /** Adopts an accepted connection (server side) and starts the handshake. */
  static TlsConnection accepted(SoakLoop loop, SocketChannel channel, SSLEngine engine, Handler handler)
      throws IOException {
    TlsConnection c = new TlsConnection(loop, channel, engine, handler);
    channel.configureBlocking(false);
    channel.socket().setTcpNoDelay(true);
    c.key = channel.register(loop.selector(), SelectionKey.OP_READ, c);
    c.beginHandshake();
    return c;
  }

  boolean isOpen() {
    return open && !closing && !peerClosed && !closed;
  }

  /** The local address, or null once closed. */
  InetSocketAddress localAddress() {
    try {
      return (InetSocketAddress) channel.getLocalAddress();
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public void ready(SelectionKey k) {
    try {
      if (k.isConnectable()) {
        if (!channel.finishConnect()) {
          return;
        }
        connectedNow();
      }
      if (k.isValid() && k.isWritable()) {
        flush();
      }
      if (k.isValid() && k.isReadable()) {
        read();
      }
    } catch (IOException e) {
      fail(describe(e));
    }
  }

  /** Encrypts and sends one message. */
  void send(byte[] message) {
    if (closed || closing || peerClosed) {
      return;
    }
    try {
      ByteBuffer src = ByteBuffer.wrap(message);
      while (src.hasRemaining() && !closed) {
        wrap(src);
      }
    } catch (IOException e) {
      fail(describe(e));
    }
  }

  /** Sends close_notify, then closes the socket once it is written. Idempotent. */
  void close() {
    if (closed || closing) {
      return;
    }
    closing = true;
    try {
      engine.closeOutbound();
      while (!closed && engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
        if (!wrap(EMPTY)) {
          break;
        }
      }
      if (outLeft == null) {
        finish("closed by us");
      }
    } catch (IOException e) {
      finish("closed by us (" + describe(e) + ")");
    }
  }

  /** Closes the socket at once, without close_notify. */
  void abort(String reason) {
    finish(reason);
  }

  private void connectedNow() throws IOException {
    key.interestOps(SelectionKey.OP_READ);
    handler.connected(this);
    beginHandshake();
  }

  private void beginHandshake() throws IOException {
    engine.beginHandshake();
    progress(EMPTY);
  }

  private void read() throws IOException {
    ByteBuffer in = loop.netIn;
    in.clear();
    if (inLeft != null) {
      in.put(inLeft);
      inLeft = null;
    }
    int n = channel.read(in);
    in.flip();
    progress(in);
    if (closed) {
      return;
    }
    if (in.hasRemaining()) {
      inLeft = ByteBuffer.allocate(in.remaining()).put(in).flip();
    }
    if (n < 0) {
      finish(closing ? "closed by us" : "end of stream from the peer");
    }
  }

  /** Drives the engine as far as the input allows: tasks, handshake output, unwrapping. */
  private void progress(ByteBuffer in) throws IOException {
    while (!closed) {
      HandshakeStatus hs = engine.getHandshakeStatus();
      if (hs == HandshakeStatus.NEED_TASK) {
        for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
          task.run();
        }
        continue;
      }
      if (hs == HandshakeStatus.NEED_WRAP) {
        if (!wrap(EMPTY)) {
          return;
        }
        continue;
      }
      if (!open && hs == HandshakeStatus.NOT_HANDSHAKING && !closing && !peerClosed) {
        open = true;
        handler.open(this);
        if (closed) {
          return;
        }
      }
      if (!unwrap(in)) {
        return;
      }
    }
  }

  /** One unwrap; false when more input is needed or the inbound side ended. */
  private boolean unwrap(ByteBuffer in) throws IOException {
    if (!in.hasRemaining()) {
      return false;
    }
    ByteBuffer app = loop.appIn;
    app.clear();
    SSLEngineResult result = engine.unwrap(in, app);
    app.flip();
    if (app.hasRemaining()) {
      deliver(app);
    }
    switch (result.getStatus()) {
      case BUFFER_UNDERFLOW:
        return false;
      case BUFFER_OVERFLOW:
        throw new SSLException("application buffer too small: " + app.capacity());
      case CLOSED:
        if (!closing && !peerClosed) {
          // close_notify from the peer: answer it (best effort), then the socket goes.
          peerClosed = true;
          engine.closeOutbound();
          try {
            while (!closed && engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP && wrap(EMPTY)) {
              // drain our close_notify
            }
          } catch (IOException e) {
            // the peer is gone already
          }
          finish("close_notify from the peer");
        }
        return false;
      default:
        return result.bytesConsumed() > 0 || result.bytesProduced() > 0;
    }
  }

  private void deliver(ByteBuffer plaintext) {
    framer.feed(plaintext);
    try {
      for (SipFrame frame; !closed && (frame = framer.next()) != null; ) {
        if (frame.isMessage()) {
          handler.message(this, frame.parse());
        }
      }
    } catch (FramingException | SipParseException e) {
      finish("unusable SIP from the peer: " + e.getMessage());
      return;
    }
    if (framer.buffered() == 0) {
      framer.trim(); // an idle connection keeps no framing buffer
    }
  }

  /** One wrap into the shared buffer, written out (the rest kept); false when nothing was produced. */
  private boolean wrap(ByteBuffer src) throws IOException {
    ByteBuffer out = loop.netOut;
    out.clear();
    SSLEngineResult result = engine.wrap(src, out);
    if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
      throw new SSLException("network buffer too small: " + out.capacity());
    }
    out.flip();
    if (out.hasRemaining()) {
      write(out);
    }
    return result.bytesProduced() > 0 || result.bytesConsumed() > 0;
  }

  private void write(ByteBuffer out) throws IOException {
    if (outLeft == null) {
      channel.write(out);
      if (out.hasRemaining()) {
        outLeft = ByteBuffer.allocate(out.remaining()).put(out).flip();
        key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
      }
    } else {
      ByteBuffer joined = ByteBuffer.allocate(outLeft.remaining() + out.remaining());
      outLeft = joined.put(outLeft).put(out).flip();
    }
  }

  private void flush() throws IOException {
    if (outLeft == null) {
      key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
      return;
    }
    channel.write(outLeft);
    if (!outLeft.hasRemaining()) {
      outLeft = null;
      key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
      if (closing) {
        finish("closed by us");
      }
    }
  }

  private void fail(String reason) {
    finish(reason);
  }

  private void finish(String reason) {
    boolean byUs = closing;
    if (closed) {
      return;
    }
    closed = true;
    if (key != null) {
      key.cancel();
    }
    try {
      channel.close();
    } catch (IOException e) {
      // already going away
    }
    inLeft = null;
    outLeft = null;
    handler.closed(this, reason, byUs, open);
  }

  private static String describe(IOException e) {
    if (e instanceof ClosedChannelException) {
      return "channel closed";
    }
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }
}
