package io.sipalg.benchmarks;

import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * One SSLEngine with its own buffers, driven in memory: the simulated phone or SIP server, and
 * each side of the raw relay. Buffers are allocated once, so the steady-state relay loop allocates
 * only what the engines themselves allocate.
 */
final class MemPeer {
  private static final int SIZE = 1 << 16;

  final SSLEngine engine;
  /** Ciphertext this peer produced, in read mode after {@link #wrap}. */
  final ByteBuffer netOut = ByteBuffer.allocate(SIZE);
  /** Plaintext this peer received (write mode); {@link #clearApp} empties it. */
  final ByteBuffer appIn = ByteBuffer.allocate(SIZE);
  private final ByteBuffer netIn = ByteBuffer.allocate(SIZE);
  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  MemPeer(SSLEngine engine) {
    this.engine = engine;
    try {
      engine.beginHandshake();
    } catch (SSLException e) {
      throw new IllegalStateException(e);
    }
    netOut.flip();
  }

  /**
   * Encrypts {@code plain} (consumed); the ciphertext is appended to {@link #netOut}, which stays
   * in read mode. With an empty {@code plain}, produces pending handshake records.
   */
  void wrap(ByteBuffer plain) throws SSLException {
    netOut.compact();
    try {
      while (true) {
        SSLEngineResult r = engine.wrap(plain, netOut);
        runTasks(r);
        if (r.getStatus() != SSLEngineResult.Status.OK) {
          break;
        }
        if (r.bytesProduced() == 0 && r.bytesConsumed() == 0) {
          break;
        }
        if (!plain.hasRemaining() && engine.getHandshakeStatus() != HandshakeStatus.NEED_WRAP) {
          break;
        }
      }
    } finally {
      netOut.flip();
    }
  }

  /**
   * Decrypts what it can of {@code cipher} into {@link #appIn}. All of {@code cipher} is consumed:
   * it is copied into this peer's own buffer first (engines decrypt in place, and the ALG's
   * outbound views are read-only), as a host copies socket reads into its buffer; a partial
   * record waits there for the rest.
   */
  void unwrap(ByteBuffer cipher) throws SSLException {
    netIn.put(cipher);
    netIn.flip();
    try {
      while (netIn.hasRemaining()) {
        SSLEngineResult r = engine.unwrap(netIn, appIn);
        runTasks(r);
        if (r.getStatus() != SSLEngineResult.Status.OK
            || (r.bytesConsumed() == 0 && r.bytesProduced() == 0)) {
          break;
        }
      }
    } finally {
      netIn.compact();
    }
  }

  /** Sends whatever the handshake wants to send. */
  void flushHandshake() throws SSLException {
    for (int i = 0; i < 10; i++) {
      wrap(EMPTY);
      int pending = netIn.position();
      if (pending == 0) {
        return;
      }
      unwrap(EMPTY); // records left while the engine wanted to wrap (e.g. after its TLS 1.3 CCS)
      if (netIn.position() == pending) {
        return;
      }
    }
  }

  boolean handshaking() {
    HandshakeStatus s = engine.getHandshakeStatus();
    return s != HandshakeStatus.NOT_HANDSHAKING && s != HandshakeStatus.FINISHED;
  }

  void clearApp() {
    appIn.clear();
  }

  private void runTasks(SSLEngineResult r) {
    if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK
        || engine.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
      Runnable task;
      while ((task = engine.getDelegatedTask()) != null) {
        task.run();
      }
    }
  }

  /** Runs the handshake between two peers in memory until both are done. */
  static void handshake(MemPeer client, MemPeer server) throws SSLException {
    for (int round = 0; round < 100; round++) {
      client.flushHandshake();
      server.unwrap(client.netOut);
      server.flushHandshake();
      client.unwrap(server.netOut);
      if (!client.handshaking() && !server.handshaking() && !client.netOut.hasRemaining()
          && !server.netOut.hasRemaining()) {
        // TLS 1.3 post-handshake messages (tickets) were consumed above
        client.flushHandshake();
        server.unwrap(client.netOut);
        return;
      }
    }
    throw new IllegalStateException("handshake did not finish: " + client.engine.getHandshakeStatus()
        + " / " + server.engine.getHandshakeStatus());
  }
}
