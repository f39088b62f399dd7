package io.sipalg.tls.engine;

import io.sipalg.tls.TlsRecords;
import java.nio.ByteBuffer;

/** Reads the few plaintext record contents the leg needs to explain failures. */
final class WireRecords {
  static final int ALERT = 21;
  static final int HANDSHAKE = 22;
  private static final int CERTIFICATE = 11;

  private WireRecords() {}

  /** A plaintext fatal handshake_failure alert, for refusals before the engine answered. */
  static ByteBuffer handshakeFailureAlert() {
    return ByteBuffer.wrap(new byte[] {ALERT, 3, 1, 0, 2, 2, 40});
  }

  /**
   * Whether a handshake record starts with a TLS 1.2-or-older Certificate message carrying no
   * certificate (a client declining a certificate request).
   */
  static boolean isEmptyCertificate(ByteBuffer record) {
    int p = record.position() + TlsRecords.HEADER_LENGTH;
    return record.limit() - p >= 7 && record.get(p) == CERTIFICATE
        && record.get(p + 4) == 0 && record.get(p + 5) == 0 && record.get(p + 6) == 0;
  }

  /**
   * The description of the first plaintext alert record in {@code bytes} after {@code skip}
   * bytes, or -1 (encrypted alerts cannot be read).
   */
  static int plaintextAlert(ByteBuffer bytes, int skip) {
    if (bytes == null) {
      return -1;
    }
    ByteBuffer b = bytes.duplicate();
    b.position(b.position() + Math.min(skip, b.remaining()));
    while (b.remaining() >= TlsRecords.HEADER_LENGTH) {
      int p = b.position();
      int type = b.get(p) & 0xff;
      int len = ((b.get(p + 3) & 0xff) << 8) | (b.get(p + 4) & 0xff);
      if (type == ALERT && len == 2 && b.remaining() >= 7) {
        return b.get(p + 6) & 0xff;
      }
      if (b.remaining() < TlsRecords.HEADER_LENGTH + len) {
        break;
      }
      b.position(p + TlsRecords.HEADER_LENGTH + len);
    }
    return -1;
  }
}
