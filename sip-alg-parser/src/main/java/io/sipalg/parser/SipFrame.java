package io.sipalg.parser;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One unit cut from a SIP byte stream by {@link SipFramer}: a whole message, an RFC 5626 keep-alive
 * ping (CRLFCRLF) or pong (CRLF).
 *
 * <p>A message frame returned by {@link SipFramer#next()} is a view of the framer's buffer, and the
 * framer reuses the frame object itself: both stay valid until the next call of
 * {@link SipFramer#next()} on the same framer. Use {@link #detach()} (or
 * {@link SipMessage#detach()}) to keep a message longer.
 */
public final class SipFrame {
  /** What a frame holds. */
  public enum Kind {
    /** A complete SIP message (headers and exactly Content-Length body bytes). */
    MESSAGE,
    /** An RFC 5626 keep-alive ping, CRLFCRLF. */
    PING,
    /** An RFC 5626 keep-alive pong, CRLF. */
    PONG
  }

  static SipFrame ping() {
    return new SipFrame(Kind.PING, new byte[] {'\r', '\n', '\r', '\n'}, 0, 4);
  }

  static SipFrame pong() {
    return new SipFrame(Kind.PONG, new byte[] {'\r', '\n'}, 0, 2);
  }

  private final Kind kind;
  private byte[] bytes;
  private int offset;
  private int length;
  /** The framer's header index (see {@link SipFramer}); null when the parser must index itself. */
  private int[] fieldStarts;
  private byte[] fieldIds;
  private int fieldCount;
  private int emptyLineStart;
  private int bodyStart;

  SipFrame(Kind kind, byte[] bytes, int offset, int length) {
    this.kind = kind;
    this.bytes = bytes;
    this.offset = offset;
    this.length = length;
  }

  /**
   * Re-points the framer's reusable message frame (see {@link SipFramer#next()}), with the header
   * lines the framer found (positions relative to the message) so parsing need not find them again.
   */
  SipFrame reset(byte[] bytes, int offset, int length, int[] fieldStarts, byte[] fieldIds,
      int fieldCount, int emptyLineStart, int bodyStart) {
    this.bytes = bytes;
    this.offset = offset;
    this.length = length;
    this.fieldStarts = fieldStarts;
    this.fieldIds = fieldIds;
    this.fieldCount = fieldCount;
    this.emptyLineStart = emptyLineStart;
    this.bodyStart = bodyStart;
    return this;
  }

  /** Returns a frame over a caller-owned array (e.g. a file's contents); no copy is made. */
  public static SipFrame ofMessage(byte[] bytes, int offset, int length) {
    if (offset < 0 || length < 0 || offset + length > bytes.length) {
      throw new IndexOutOfBoundsException("offset " + offset + " length " + length);
    }
    return new SipFrame(Kind.MESSAGE, bytes, offset, length);
  }

  /** The kind of frame. */
  public Kind kind() {
    return kind;
  }

  /** Whether this is a SIP message (not a keep-alive). */
  public boolean isMessage() {
    return kind == Kind.MESSAGE;
  }

  /** The backing array; the frame's bytes are {@code array()[offset(), offset()+length())}. */
  public byte[] array() {
    return bytes;
  }

  /** Start of the frame in {@link #array()}. */
  public int offset() {
    return offset;
  }

  /** Number of bytes in the frame. */
  public int length() {
    return length;
  }

  /** A read-only buffer over the frame's bytes, without copying. */
  public ByteBuffer asByteBuffer() {
    return ByteBuffer.wrap(bytes, offset, length).slice().asReadOnlyBuffer();
  }

  /** A copy of the frame's bytes. */
  public byte[] toByteArray() {
    return Arrays.copyOfRange(bytes, offset, offset + length);
  }

  /** A frame with its own copy of the bytes, valid for as long as the caller keeps it. */
  public SipFrame detach() {
    return kind == Kind.MESSAGE ? new SipFrame(kind, toByteArray(), 0, length) : this;
  }

  /**
   * Whether the frame's start line or header fields hold a bare CR (one not followed by LF) or a
   * NUL: bytes another element may read as a line end or a string end, so a frame that cannot be
   * parsed (and so not edited) must not be forwarded as it is when it holds one. The body is not
   * looked at.
   *
   * @return true when such a byte is present; false for keep-alives
   */
  public boolean hasUnsafeControls() {
    return kind == Kind.MESSAGE
        && Lex.indexOfUnsafeControl(bytes, offset, offset + headerSectionLength()) >= 0;
  }

  /** Up to the empty line: the framer's when it framed this, else found (a rare, unparseable frame). */
  private int headerSectionLength() {
    if (fieldStarts != null) {
      return emptyLineStart;
    }
    for (int i = offset, end = offset + length; i < end; i++) {
      if (bytes[i] == '\n' && (i + 1 < end && bytes[i + 1] == '\n'
          || i + 2 < end && bytes[i + 1] == '\r' && bytes[i + 2] == '\n')) {
        return i + 1 - offset;
      }
    }
    return length;
  }

  /**
   * Parses this message frame; headers are tokenised lazily, over the frame's bytes.
   *
   * @return the parsed message
   * @throws SipParseException when the start line is unusable or this is a keep-alive frame
   */
  public SipMessage parse() throws SipParseException {
    if (kind != Kind.MESSAGE) {
      throw new SipParseException("keep-alive frame is not a message", 0);
    }
    return StartLine.parse(bytes, offset, length, fieldStarts == null ? null : this);
  }

  /**
   * The framer's header index: start of each header field relative to the message, the first
   * {@link #fieldCount()} entries valid; owned by the framer and overwritten by its next frame.
   */
  int[] fieldStarts() {
    return fieldStarts;
  }

  /** The {@link HotHeaders} id of each field, beside {@link #fieldStarts()}. */
  byte[] fieldIds() {
    return fieldIds;
  }

  int fieldCount() {
    return fieldCount;
  }

  /** Absolute start of the empty line ending the header section. */
  int emptyLineStart() {
    return offset + emptyLineStart;
  }

  /** Absolute start of the body. */
  int bodyStart() {
    return offset + bodyStart;
  }

  @Override
  public String toString() {
    return kind + "[" + length + " bytes]";
  }
}
