package io.sipalg.tls;

import java.nio.ByteBuffer;

/**
 * Reads TLS record headers (RFC 8446 5.1, RFC 5246 6.2.1) without consuming input, so the core can
 * hand the SSLEngine whole records only and see handshake records the providers would hide.
 */
public final class TlsRecords {
  /** Bytes in a record header: content type, protocol version, length. */
  public static final int HEADER_LENGTH = 5;
  /** Content type of handshake records. */
  public static final int CONTENT_TYPE_HANDSHAKE = 22;
  /** Content type of application data records. */
  public static final int CONTENT_TYPE_APPLICATION_DATA = 23;
  /** Largest record body any TLS version allows (2^14 + 2048 for TLS 1.2 ciphertext). */
  public static final int MAX_RECORD_BODY = 16384 + 2048;

  private TlsRecords() {}

  /**
   * Returns the length of the first whole record in {@code buf} (header included), {@code 0} when
   * more bytes are needed, or {@code -1} when the bytes cannot be a TLS record (the peer does not
   * speak TLS: close the connection). Does not move the buffer's position.
   */
  public static int wholeRecordLength(ByteBuffer buf) {
    int p = buf.position();
    if (buf.remaining() < HEADER_LENGTH) {
      return 0;
    }
    int type = buf.get(p) & 0xff;
    int major = buf.get(p + 1) & 0xff;
    int bodyLength = ((buf.get(p + 3) & 0xff) << 8) | (buf.get(p + 4) & 0xff);
    if (type < 20 || type > 24 || major != 3 || bodyLength > MAX_RECORD_BODY) {
      return -1;
    }
    int total = HEADER_LENGTH + bodyLength;
    return buf.remaining() >= total ? total : 0;
  }
}
