package io.sipalg.examples.soak;

import java.util.concurrent.atomic.LongAdder;

/** What the phone fleet counted, across its loops. */
final class FleetCounters {
  final LongAdder started = new LongAdder();
  final LongAdder connectFailures = new LongAdder();
  final LongAdder handshakeFailures = new LongAdder();
  final LongAdder handshakes = new LongAdder();
  final LongAdder openNow = new LongAdder();
  final LongAdder pending = new LongAdder();
  final LongAdder registered = new LongAdder();
  final LongAdder unexpectedCloses = new LongAdder();
  final LongAdder closedByUs = new LongAdder();
  final LongAdder sent = new LongAdder();
  final LongAdder loadSent = new LongAdder();
  final LongAdder answered = new LongAdder();
  final LongAdder ok = new LongAdder();
  final LongAdder non200 = new LongAdder();
  final LongAdder provisional = new LongAdder();
  final LongAdder timedOut = new LongAdder();
  final LongAdder late = new LongAdder();
  final LongAdder unmatched = new LongAdder();
  final LongAdder unexpectedRequests = new LongAdder();
  final LongAdder outstanding = new LongAdder();
  final LongAdder loadSkipped = new LongAdder();
  final LongAdder loadTimedOut = new LongAdder();
  /** Initial REGISTERs, answered during the ramp. */
  final Latency rampLatency = new Latency();
  /** REGISTERs of the load phase. */
  final Latency loadLatency = new Latency();

  long lost() {
    return sent.sum() - answered.sum();
  }

  String progress() {
    return "started=" + started.sum() + " handshakes=" + handshakes.sum() + " registered=" + registered.sum()
        + " open=" + openNow.sum() + " pending=" + pending.sum() + " sent=" + sent.sum()
        + " answered=" + answered.sum() + " outstanding=" + outstanding.sum() + " timed-out=" + timedOut.sum()
        + " connect-failures=" + connectFailures.sum() + " handshake-failures=" + handshakeFailures.sum()
        + " unexpected-closes=" + unexpectedCloses.sum();
  }
}
