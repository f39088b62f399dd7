package io.sipalg.api;

/**
 * Values of {@code ssl-algorithm}: relative strength of the permitted cipher suites. Neither SunJSSE
 * nor BCJSSE implements RC4 or single DES (see docs/jsse-findings.md), so in practice {@code low}
 * permits what {@code medium} does; the TLS core reports the effective suites.
 */
public enum SslAlgorithm implements FortiOsValue {
  /** {@code high}: AES and ChaCha20 only. */
  HIGH,
  /** {@code medium}: adds 3DES (and RC4 where a provider implements it). */
  MEDIUM,
  /** {@code low}: adds DES where a provider implements it. */
  LOW;

  @Override
  public String toString() {
    return fortiOsName();
  }
}
