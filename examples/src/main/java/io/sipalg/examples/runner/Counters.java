package io.sipalg.examples.runner;

import io.sipalg.api.session.AlgStatistics;

/** The runner's one-line counter report, printed every few seconds and at exit. */
public final class Counters {
  private Counters() {}

  /**
   * Formats statistics as {@code sessions=N active=N handshake-failures=N in=N forwarded=N
   * responded=N dropped=N keepalives=N}.
   */
  public static String line(AlgStatistics s) {
    return "sessions=" + s.sessionsOpened()
        + " active=" + s.sessionsActive()
        + " handshake-failures=" + s.handshakeFailures()
        + " in=" + s.messages().received()
        + " forwarded=" + s.messages().forwarded()
        + " responded=" + s.messages().responded()
        + " dropped=" + s.messages().dropped()
        + " keepalives=" + s.messages().keepAlives();
  }
}
