package io.sipalg.api.session;

/**
 * Counters of one ALG instance across all its sessions, for a host's live statistics.
 *
 * @param sessionsOpened sessions created since start
 * @param sessionsActive sessions not yet closed
 * @param handshakeFailures failed TLS handshakes on either leg (timeouts included)
 * @param messages message accounting of all sessions, both directions
 */
public record AlgStatistics(
    long sessionsOpened, long sessionsActive, long handshakeFailures, MessageCounts messages) {}
