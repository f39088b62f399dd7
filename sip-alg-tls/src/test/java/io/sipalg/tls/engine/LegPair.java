package io.sipalg.tls.engine;

import io.sipalg.tls.TlsRecords;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Two {@link TlsLeg}s connected in memory: moves ciphertext both ways until nothing moves, drains
 * plaintext into byte streams, records every record sent each way and any failure per side.
 */
final class LegPair {
  final TlsLeg client;
  final TlsLeg server;
  final ByteArrayOutputStream receivedByClient = new ByteArrayOutputStream();
  final ByteArrayOutputStream receivedByServer = new ByteArrayOutputStream();
  /** Records (header + body) the client sent, in order. */
  final List<byte[]> clientRecords = new ArrayList<>();
  /** Records the server sent, in order. */
  final List<byte[]> serverRecords = new ArrayList<>();
  TlsLegException clientError;
  TlsLegException serverError;
  /** How many bytes to hand to receive() at a time (to split records across reads). */
  int chunk = Integer.MAX_VALUE;

  LegPair(TlsLeg client, TlsLeg server) {
    this.client = client;
    this.server = server;
  }

  /** Starts both handshakes and pumps until quiet. */
  LegPair handshake() {
    try {
      client.beginHandshake();
      server.beginHandshake();
    } catch (TlsLegException e) {
      clientError = e;
    }
    return pump();
  }

  /** Moves bytes until neither side has anything to say. */
  LegPair pump() {
    for (int i = 0; i < 10_000; i++) {
      boolean a = transfer(client, server, true);
      boolean b = transfer(server, client, false);
      // flush() may unwrap records held back earlier, so plaintext can appear on either side.
      boolean c = drain(client, receivedByClient) > 0;
      boolean d = drain(server, receivedByServer) > 0;
      if (!a && !b && !c && !d) {
        return this;
      }
    }
    throw new AssertionError("legs did not go quiet");
  }

  private boolean transfer(TlsLeg from, TlsLeg to, boolean fromClient) {
    try {
      if (from.state() != LegState.FAILED) {
        from.flush();
      }
    } catch (TlsLegException e) {
      setError(fromClient, e);
    }
    int n = from.pendingNetworkBytes();
    if (n == 0) {
      return false;
    }
    byte[] bytes = new byte[n];
    from.drainNetworkOutbound(ByteBuffer.wrap(bytes));
    splitRecords(bytes, fromClient ? clientRecords : serverRecords);
    if (to.state() == LegState.FAILED) {
      return true;
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    ByteArrayOutputStream sink = fromClient ? receivedByServer : receivedByClient;
    try {
      int stuck = 0;
      while (in.hasRemaining()) {
        ByteBuffer piece = in.duplicate();
        piece.limit(piece.position() + Math.min(chunk, in.remaining()));
        int consumed = to.receive(piece);
        in.position(in.position() + consumed);
        drain(to, sink);
        if (consumed == 0 && !to.awaitingTask()) {
          if (++stuck > 2) {
            throw new AssertionError("receiver consumes nothing in state " + to.state());
          }
          to.resume();
          drain(to, sink);
        }
        if (to.awaitingTask() || to.state() == LegState.FAILED) {
          break;
        }
      }
    } catch (TlsLegException e) {
      setError(!fromClient, e);
    }
    return true;
  }

  static int drain(TlsLeg leg, ByteArrayOutputStream sink) {
    ByteBuffer p = leg.plaintext();
    byte[] b = new byte[p.remaining()];
    p.get(b);
    sink.writeBytes(b);
    leg.consumePlaintext(b.length);
    return b.length;
  }

  private void setError(boolean clientSide, TlsLegException e) {
    if (clientSide) {
      clientError = e;
    } else {
      serverError = e;
    }
  }

  static void splitRecords(byte[] bytes, List<byte[]> out) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    while (b.remaining() >= TlsRecords.HEADER_LENGTH) {
      int len = TlsRecords.HEADER_LENGTH + (b.getShort(b.position() + 3) & 0xffff);
      if (len > b.remaining()) {
        break;
      }
      byte[] r = new byte[len];
      b.get(r);
      out.add(r);
    }
  }

  static long count(List<byte[]> records, int contentType) {
    return records.stream().filter(r -> (r[0] & 0xff) == contentType).count();
  }

  void send(TlsLeg leg, byte[] data) throws TlsLegException {
    leg.send(ByteBuffer.wrap(data));
  }
}
