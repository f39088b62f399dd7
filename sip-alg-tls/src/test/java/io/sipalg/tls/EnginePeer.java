package io.sipalg.tls;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * A phone or a SIP server simulated in memory by a bare SSLEngine, independent of the ALG's own
 * TLS code: what it wraps goes to the ALG, what the ALG sends it unwraps.
 */
public final class EnginePeer {
  private final SSLEngine engine;
  private final ByteBuffer netIn = ByteBuffer.allocate(1 << 17);
  private final ByteBuffer netOut = ByteBuffer.allocate(1 << 17);
  private final ByteBuffer appOut = ByteBuffer.allocate(1 << 17);
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();
  private SSLException failure;
  private boolean closeNotifyReceived;
  private boolean answerCloseNotify = true;

  EnginePeer(SSLEngine engine) {
    this.engine = engine;
    try {
      engine.beginHandshake();
    } catch (SSLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether to answer the ALG's close_notify with our own (default yes). */
  void answerCloseNotify(boolean answer) {
    this.answerCloseNotify = answer;
  }

  SSLEngine engine() {
    return engine;
  }

  /** Queues application bytes; they are wrapped by the next {@link #produce}. */
  public void send(String text) {
    send(text.getBytes(StandardCharsets.UTF_8));
  }

  void send(byte[] bytes) {
    appOut.put(bytes);
  }

  /** Sends close_notify with the next {@link #produce}. */
  void close() {
    engine.closeOutbound();
  }

  /** Wraps whatever can be wrapped; returns the ciphertext for the ALG. */
  ByteBuffer produce() {
    return produce(Integer.MAX_VALUE);
  }

  /** Like {@link #produce()} but with at most {@code chunk} application bytes per record. */
  ByteBuffer produce(int chunk) {
    runTasks();
    consume(ByteBuffer.allocate(0)); // records left over while the engine wanted to wrap
    appOut.flip();
    try {
      while (true) {
        int limit = appOut.limit();
        if (engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING
            && appOut.remaining() > chunk) {
          appOut.limit(appOut.position() + chunk);
        }
        SSLEngineResult r = engine.wrap(appOut, netOut);
        appOut.limit(limit);
        runTasks();
        if (r.getStatus() == SSLEngineResult.Status.CLOSED
            || (r.bytesProduced() == 0 && r.bytesConsumed() == 0)) {
          break;
        }
      }
    } catch (SSLException e) {
      failure = e;
    } finally {
      appOut.compact();
    }
    netOut.flip();
    ByteBuffer out = ByteBuffer.allocate(netOut.remaining()).put(netOut).flip();
    netOut.clear();
    return out;
  }

  /** Unwraps ciphertext from the ALG; plaintext accumulates in {@link #received()}. */
  void consume(ByteBuffer ciphertext) {
    netIn.put(ciphertext);
    netIn.flip();
    ByteBuffer app = ByteBuffer.allocate(1 << 17);
    try {
      while (netIn.hasRemaining()) {
        SSLEngineResult r = engine.unwrap(netIn, app);
        runTasks();
        if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
          closeNotifyReceived = true;
          if (answerCloseNotify) {
            engine.closeOutbound(); // as most TLS stacks do, answer close_notify with close_notify
          }
          break;
        }
        if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW
            || (r.bytesConsumed() == 0 && r.bytesProduced() == 0)) {
          break;
        }
      }
    } catch (SSLException e) {
      failure = e;
    } finally {
      netIn.compact();
    }
    app.flip();
    received.write(app.array(), 0, app.limit());
  }

  boolean handshakeDone() {
    return engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING
        && engine.getSession().getProtocol() != null
        && !engine.getSession().getProtocol().equals("NONE");
  }

  /** All plaintext received so far, as text. */
  public String received() {
    return received.toString(StandardCharsets.UTF_8);
  }

  byte[] receivedBytes() {
    return received.toByteArray();
  }

  void clearReceived() {
    received.reset();
  }

  SSLException failure() {
    return failure;
  }

  boolean closeNotifyReceived() {
    return closeNotifyReceived;
  }

  private void runTasks() {
    Runnable task;
    while ((task = engine.getDelegatedTask()) != null) {
      task.run();
    }
  }
}
