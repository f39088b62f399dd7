package io.sipalg.tls.engine;

import java.nio.ByteBuffer;

/**
 * One whole inbound TLS record, shown to a {@link RecordObserver} before the engine unwraps it.
 *
 * @param contentType the record's content type (20 change_cipher_spec, 21 alert, 22 handshake,
 *     23 application data)
 * @param version the record-layer version, e.g. {@code 0x0303}
 * @param bytes the whole record, header included, read-only; valid only during the callback
 * @param initialHandshakeComplete whether this leg finished its initial handshake before the record
 * @param protocol the negotiated protocol ({@code TLSv1.2}), or {@code null} before the handshake
 *     completed
 */
public record InboundRecord(
    int contentType, int version, ByteBuffer bytes, boolean initialHandshakeComplete, String protocol) {
  /** The record body (after the five-byte header), read-only. */
  public ByteBuffer body() {
    ByteBuffer b = bytes.duplicate();
    b.position(b.position() + io.sipalg.tls.TlsRecords.HEADER_LENGTH);
    return b.slice().asReadOnlyBuffer();
  }
}
