package io.sipalg.tls.session;

import io.sipalg.api.session.AlgStatistics;
import io.sipalg.api.session.MessageCounts;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters across the sessions of one ALG instance, updated from many loop threads. Closed
 * sessions add their final counts; live sessions are read at snapshot time, so a snapshot is
 * exact once traffic stops.
 */
final class Statistics {
  private final LongAdder opened = new LongAdder();
  private final LongAdder handshakeFailures = new LongAdder();
  private final Set<ProxySession> live = ConcurrentHashMap.newKeySet();
  private MessageCounts closedTotals = MessageCounts.ZERO;

  /** Creates empty counters. */
  Statistics() {}

  void opened(ProxySession session) {
    opened.increment();
    live.add(session);
  }

  void handshakeFailed() {
    handshakeFailures.increment();
  }

  synchronized void closed(ProxySession session, MessageCounts finalCounts) {
    if (live.remove(session)) {
      closedTotals = closedTotals.plus(finalCounts);
    }
  }

  /** A snapshot. */
  AlgStatistics snapshot() {
    MessageCounts messages;
    synchronized (this) {
      messages = closedTotals;
    }
    for (ProxySession session : live) {
      messages = messages.plus(session.counters().total());
    }
    return new AlgStatistics(opened.sum(), live.size(), handshakeFailures.sum(), messages);
  }
}
