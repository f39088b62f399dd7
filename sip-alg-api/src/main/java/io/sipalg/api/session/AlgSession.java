package io.sipalg.api.session;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * One proxied SIP-over-TLS connection: the phone leg (TLS server side) and the server leg (TLS
 * client side) around the inspector chain. The host owns the sockets and the threads; the session
 * only transforms bytes. A session is not thread-safe: drive it from one thread at a time.
 *
 * <p>The host's loop, per session:
 *
 * <pre>{@code
 * // bytes read from a socket go in (the session advances the buffer's position)
 * session.receive(Leg.PHONE, readBuffer);
 * // the session asked for the upstream connection: connect, then report it
 * if (session.upstreamWanted()) { connect(...); session.upstreamConnected(local, remote); }
 * // pending ciphertext goes out; write what the socket takes, the rest stays queued
 * phoneChannel.write(session.outbound(Leg.PHONE));
 * // read only from legs the session is ready for (backpressure)
 * phoneKey.interestOps(session.wantsToRead(Leg.PHONE) ? OP_READ : 0);
 * // timers: wake up at the deadline and tick
 * session.tick(System.nanoTime());
 * long deadline = session.nextDeadlineNanos();
 * // closed: write what is left, then close both sockets
 * if (session.isClosed() && !session.hasOutbound(Leg.PHONE)) phoneChannel.close();
 * }</pre>
 */
public interface AlgSession {
  /** Where a session stands. */
  enum State {
    /** The phone's TLS handshake is running. */
    PHONE_HANDSHAKE,
    /** The phone leg is up; the session waits for the host to connect upstream. */
    AWAITING_UPSTREAM,
    /** The server leg's TLS handshake is running (phone messages are held meanwhile). */
    SERVER_HANDSHAKE,
    /** Both legs are up; messages flow both ways. */
    ESTABLISHED,
    /** close_notify was sent; the session waits for the peers' close_notify or the timeout. */
    CLOSING,
    /** Done: no more bytes go in; drain {@link #outbound} and close the sockets. */
    CLOSED
  }

  /** A short identifier for logs and events, unique within the ALG instance. */
  String id();

  /** The current state. */
  State state();

  /** The session's address mapping (server side present once {@link #upstreamConnected} ran). */
  SessionAddresses addresses();

  /**
   * Feeds ciphertext read from {@code leg}'s socket. Consumes bytes from {@code ciphertext} (its
   * position advances) up to what the session can buffer; bytes it leaves must be offered again
   * later, after {@link #wantsToRead} turns true. Never throws for bad input: TLS or SIP errors
   * close the session and are reported through events and {@link #closeReason()}.
   */
  void receive(Leg leg, ByteBuffer ciphertext);

  /** The host read end-of-stream on {@code leg}'s socket (TCP FIN). */
  void receiveEndOfStream(Leg leg);

  /**
   * Whether the session wants the host to open the upstream TCP connection now. Turns true once
   * (after the phone handshake, or immediately for eager sessions) and false again when the host
   * reports the result.
   */
  boolean upstreamWanted();

  /** The host connected upstream; the server leg's handshake starts. */
  void upstreamConnected(InetSocketAddress algOutside, InetSocketAddress server);

  /** The host could not connect upstream; the session closes. */
  void upstreamFailed(String reason);

  /**
   * Pending ciphertext for {@code leg}'s socket, in read mode (position to limit). The host writes
   * from it and the session sees what was taken by the position's advance. The buffer belongs to
   * the session: do not keep it across calls into the session. Empty when nothing is pending.
   */
  ByteBuffer outbound(Leg leg);

  /** Whether ciphertext is waiting to be written to {@code leg}. */
  boolean hasOutbound(Leg leg);

  /**
   * Whether the host should read from {@code leg} now. False while the other leg's pending output
   * is above the session's limit (backpressure), while a delegated task runs, and once closed.
   */
  boolean wantsToRead(Leg leg);

  /**
   * Runs timers (handshake and close_notify timeouts) and continues work that waited for a
   * delegated task. {@code nowNanos} comes from the same ticker the ALG was built with (by default
   * {@link System#nanoTime()}).
   */
  void tick(long nowNanos);

  /** When the session next needs a {@link #tick}, in ticker nanoseconds; {@link Long#MAX_VALUE} if never. */
  long nextDeadlineNanos();

  /**
   * Starts a graceful close: close_notify on both legs, then {@link State#CLOSED} when the peers
   * answer or the close_notify timeout passes. Idempotent.
   */
  void close();

  /** Whether the session is {@link State#CLOSED}. Pending {@link #outbound} may still need writing. */
  boolean isClosed();

  /** Why the session closed or is closing; empty while it is open. */
  Optional<CloseReason> closeReason();

  /** What {@code leg}'s handshake negotiated; empty until it completed. */
  Optional<LegTlsInfo> tls(Leg leg);

  /** A snapshot of the message accounting. */
  SessionCounters counters();
}
