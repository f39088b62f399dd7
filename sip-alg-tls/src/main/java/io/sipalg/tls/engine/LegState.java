package io.sipalg.tls.engine;

/** Where a {@link TlsLeg} is in its life. */
public enum LegState {
  /** Created; {@link TlsLeg#beginHandshake()} not called and no bytes received yet. */
  NEW,
  /** The initial handshake is in progress. */
  HANDSHAKING,
  /** Application data flows both ways (also during a renegotiation or key update). */
  ESTABLISHED,
  /** This side sent close_notify; the peer may still send data. */
  CLOSE_SENT,
  /** The peer sent close_notify; this side may still send (TLS 1.3 half-close). */
  CLOSE_RECEIVED,
  /** Both close_notify alerts were exchanged, or the transport ended cleanly. */
  CLOSED,
  /** The leg failed; see {@link TlsLeg#failure()}. Flush {@link TlsLeg#networkOutbound()}, then close. */
  FAILED;

  /** Whether no more application data can be exchanged on this leg. */
  public boolean isTerminal() {
    return this == CLOSED || this == FAILED;
  }
}
