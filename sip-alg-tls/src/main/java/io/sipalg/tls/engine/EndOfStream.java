package io.sipalg.tls.engine;

/** How the transport under a {@link TlsLeg} ended, as reported by {@link TlsLeg#receiveEndOfStream()}. */
public enum EndOfStream {
  /** The peer sent close_notify before closing: all data arrived. */
  CLEAN,
  /** The transport ended without close_notify: data may have been cut off (the leg has failed). */
  TRUNCATED
}
