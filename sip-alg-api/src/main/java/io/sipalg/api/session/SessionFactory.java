package io.sipalg.api.session;

/**
 * Creates sessions: one per accepted phone connection. Implemented by the ALG core
 * ({@code io.sipalg.tls.SipAlg}); hosts may program against this interface.
 */
public interface SessionFactory {
  /**
   * A new session for a phone connection the host accepted. The phone's TLS handshake starts with
   * the first bytes it receives.
   *
   * @param addresses the accepted connection's addresses (the server side follows later)
   * @param profileName the VoIP profile to apply, as named in the configuration
   * @throws IllegalArgumentException if no such profile exists or it cannot serve TLS sessions
   *     ({@code ssl-mode off})
   */
  AlgSession newSession(SessionAddresses addresses, String profileName);

  /** Counters across all sessions this factory created, for live statistics. */
  AlgStatistics statistics();
}
