package io.sipalg.tls.session;

import java.nio.ByteBuffer;

/**
 * Plaintext from the phone that waits, in order, for the server leg's handshake: messages and
 * keep-alives the inspectors already passed. Bounded: {@link #add} refuses what would exceed the
 * limit, and the session then closes rather than buffer without end.
 */
final class HeldPlaintext {
  private final int limit;
  private ByteBuffer bytes; // write mode; null while empty
  private int messages;

  HeldPlaintext(int limit) {
    this.limit = limit;
  }

  /** Copies {@code plaintext} in; returns false (taking nothing) if it would exceed the limit. */
  boolean add(ByteBuffer plaintext, boolean isMessage) {
    int n = plaintext.remaining();
    int size = bytes == null ? 0 : bytes.position();
    if (size + n > limit) {
      plaintext.position(plaintext.limit());
      return false;
    }
    if (bytes == null || bytes.remaining() < n) {
      ByteBuffer grown = ByteBuffer.allocate(Math.min(limit, Math.max(size + n, 2 * size + 1024)));
      if (bytes != null) {
        bytes.flip();
        grown.put(bytes);
      }
      bytes = grown;
    }
    bytes.put(plaintext);
    if (isMessage) {
      messages++;
    }
    return true;
  }

  /** Bytes of buffer held. */
  int capacity() {
    return bytes == null ? 0 : bytes.capacity();
  }

  boolean isEmpty() {
    return bytes == null || bytes.position() == 0;
  }

  /** Whether the phone should not be read until the server leg is up. */
  boolean isFull() {
    return bytes != null && bytes.position() >= limit;
  }

  /** Messages held (keep-alives excluded). */
  int messages() {
    return messages;
  }

  /** Everything held, in read mode; the holder is empty afterwards. */
  ByteBuffer drain() {
    ByteBuffer out = bytes == null ? ByteBuffer.allocate(0) : bytes.flip();
    bytes = null;
    messages = 0;
    return out;
  }

  /** Forgets everything; returns how many messages were held (to be counted as dropped). */
  int discard() {
    int dropped = messages;
    bytes = null;
    messages = 0;
    return dropped;
  }
}
