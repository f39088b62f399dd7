package io.sipalg.tls.engine;

/** The {@code ssl-algorithm} option: which bulk ciphers may be negotiated. */
public enum SslAlgorithm {
  /** AES-GCM, AES-CBC, ChaCha20-Poly1305 and every TLS 1.3 suite. */
  HIGH,
  /** {@link #HIGH} plus 3DES (RC4 is implemented by neither provider). */
  MEDIUM,
  /** Would add single DES; neither provider implements it, so it equals {@link #MEDIUM}. */
  LOW
}
