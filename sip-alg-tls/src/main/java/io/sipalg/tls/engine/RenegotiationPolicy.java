package io.sipalg.tls.engine;

/** The {@code ssl-client-renegotiation} option, applied to the phone leg. */
public enum RenegotiationPolicy {
  /** Let a renegotiation attempt through to the engine (only SunJSSE then performs it). */
  ALLOW,
  /** End the session when the phone tries to renegotiate. */
  DENY,
  /** Refuse phones whose first ClientHello does not indicate RFC 5746 support. */
  SECURE
}
