package io.sipalg.parser;

import io.sipalg.parser.FramingException.Reason;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Cuts one direction of a SIP stream (RFC 3261 18.3) into frames: whole messages delimited by
 * {@code Content-Length} (long or compact {@code l:}), RFC 5626 keep-alive pings (CRLFCRLF) and
 * pongs (CRLF). Not thread-safe: one framer per direction of a connection.
 *
 * <pre>{@code
 * framer.feed(plaintext);                 // any size: part of a message or many messages
 * for (SipFrame f; (f = framer.next()) != null; ) {
 *   if (f.isMessage()) { SipMessage m = f.parse(); ... }   // valid until the next next()
 * }
 * }</pre>
 *
 * <p>Between messages, each CRLFCRLF is reported as a {@link SipFrame.Kind#PING}, a remaining lone
 * CRLF as a {@link SipFrame.Kind#PONG} (so forwarding every frame reproduces the stream), and
 * stray bare CR or LF bytes are skipped. A CRLF that is the last byte pair fed is reported as a
 * pong at once rather than waiting to see whether a ping follows. Lines may end in CRLF or bare LF.
 *
 * <p>Memory: the framer keeps what was fed and not yet framed, plus at most one message. Each limit
 * in {@link SipLimits} is checked before the bytes it guards are buffered beyond it.
 */
public final class SipFramer {
  private static final int INITIAL_CAPACITY = 4096;
  private static final int IDLE_SHRINK_THRESHOLD = 64 * 1024;

  private final SipLimits limits;
  private static final byte[] EMPTY = new byte[0];
  private byte[] buf = EMPTY; // allocated by the first feed: an unused direction holds nothing
  private int start;
  private int end;
  /** A message frame handed out may still reference buf[0, start): do not overwrite it in place. */
  private boolean viewOut;
  private boolean dead;
  private long skipRemaining;
  /** Reused for every message frame: a frame is only valid until the next next() anyway. */
  private final SipFrame messageFrame = new SipFrame(SipFrame.Kind.MESSAGE, new byte[0], 0, 0);

  // Scan state of the message being framed; positions relative to start.
  private boolean inMessage;
  private int scanned;
  private int lineStart;
  private int headerCount;
  private int headerEnd = -1;
  /**
   * Start of each header field (relative to the message), handed to the parser with the frame so
   * it does not scan the lines again; {@code indexed} entries, or -1 when the array would exceed
   * its bound and the parser must index on its own.
   */
  private static final int[] NO_FIELDS = new int[0];
  private static final byte[] NO_IDS = new byte[0];
  private static final int INITIAL_FIELDS = 32;
  private int[] fieldStarts = NO_FIELDS; // allocated by the first message, dropped by trim()
  /**
   * {@link HotHeaders} id of each field, classified here because this scan reads every name
   * anyway (it looks for Content-Length); the parser adopts these too.
   */
  private byte[] fieldIds = NO_IDS;
  private int indexed;
  private int emptyLineStart;
  private long contentLength = -1;
  private int contentLengthCount;
  private Reason contentLengthError;
  private String contentLengthDetail;

  /** A framer with {@link SipLimits#DEFAULTS}. */
  public SipFramer() {
    this(SipLimits.DEFAULTS);
  }

  /**
   * A framer enforcing the given limits.
   *
   * @param limits the bounds on one message
   */
  public SipFramer(SipLimits limits) {
    this.limits = limits;
  }

  /** The limits this framer enforces. */
  public SipLimits limits() {
    return limits;
  }

  /** Bytes fed but not yet returned as frames (including a partly received message). */
  public int buffered() {
    return end - start;
  }

  /** Bytes of buffer this framer holds now (0 after {@link #trim()} until the next feed). */
  public int capacity() {
    return buf.length;
  }

  /**
   * Releases the buffer when no bytes are pending and no frame is lent out, so an idle stream
   * holds no memory; the next {@link #feed} allocates again. Call it when the stream has been
   * quiet for a while, not after every message (that would allocate per message).
   */
  public void trim() {
    if (start == end && !viewOut && !inMessage) {
      buf = EMPTY;
      start = 0;
      end = 0;
      // the reusable frame still points at the old buffer and index: let them go too
      messageFrame.reset(EMPTY, 0, 0, null, null, 0, 0, 0);
      fieldStarts = NO_FIELDS;
      fieldIds = NO_IDS;
    }
  }

  /** Whether a message has started but is not complete yet. */
  public boolean inMessage() {
    return inMessage;
  }

  /**
   * Appends all remaining bytes of {@code src} (consumed, position advanced). Call {@link #next()}
   * until it returns {@code null} after each feed.
   *
   * @param src decrypted bytes of this direction, in order
   */
  public void feed(ByteBuffer src) {
    if (dead) {
      src.position(src.limit()); // a closed stream accepts nothing more
      return;
    }
    if (skipRemaining > 0 && start == end) {
      // discarding an oversized body: drop it here instead of buffering it
      int skip = (int) Math.min(skipRemaining, src.remaining());
      src.position(src.position() + skip);
      skipRemaining -= skip;
    }
    int n = src.remaining();
    if (n == 0) {
      return;
    }
    ensureRoom(n);
    src.get(buf, end, n);
    end += n;
  }

  /**
   * Appends {@code bytes[offset, offset+length)}.
   *
   * @param bytes source array
   * @param offset first byte
   * @param length byte count
   */
  public void feed(byte[] bytes, int offset, int length) {
    feed(ByteBuffer.wrap(bytes, offset, length));
  }

  private void ensureRoom(int n) {
    if (buf.length - end >= n) {
      return;
    }
    int live = end - start;
    int need = live + n;
    if (!viewOut && buf.length >= need) {
      System.arraycopy(buf, start, buf, 0, live);
    } else {
      int cap = Math.max(Math.max(need, INITIAL_CAPACITY),
          viewOut && buf.length >= need ? buf.length : buf.length * 2);
      byte[] fresh = new byte[cap];
      System.arraycopy(buf, start, fresh, 0, live);
      buf = fresh;
    }
    start = 0;
    end = live;
  }

  /**
   * Returns the next complete frame, or {@code null} when more bytes are needed. A message frame
   * returned earlier (the object and its bytes) becomes invalid when this is called again; the
   * framer reuses it.
   *
   * @return the next frame or {@code null}
   * @throws FramingException when the stream cannot be framed; see
   *     {@link FramingException#resynchronisable()} for what to do next
   */
  public SipFrame next() throws FramingException {
    if (dead) {
      throw new FramingException(Reason.STREAM_CLOSED, false, "framer failed earlier", null);
    }
    viewOut = false;
    if (start == end) {
      start = 0;
      end = 0;
    }
    if (skipRemaining > 0) {
      int skip = (int) Math.min(skipRemaining, end - start);
      start += skip;
      skipRemaining -= skip;
      if (skipRemaining > 0) {
        return null;
      }
    }
    if (!inMessage) {
      SipFrame keepAlive = keepAliveOrStray();
      if (keepAlive != null || !inMessage) {
        shrinkIfIdle();
        return keepAlive;
      }
    }
    if (headerEnd < 0 && !scanHeaders()) {
      return null;
    }
    return completeMessage();
  }

  /** Handles bytes between messages; sets inMessage when a message starts. */
  private SipFrame keepAliveOrStray() {
    while (end > start) {
      byte b = buf[start];
      int avail = end - start;
      if (b == '\r') {
        if (avail < 2) {
          return null;
        }
        if (buf[start + 1] != '\n') {
          start++;
          continue;
        }
        if (avail >= 4 && buf[start + 2] == '\r' && buf[start + 3] == '\n') {
          start += 4;
          return SipFrame.ping();
        }
        if (avail == 3 && buf[start + 2] == '\r') {
          return null;
        }
        start += 2;
        return SipFrame.pong();
      }
      if (b == '\n') {
        start++;
        continue;
      }
      beginMessage();
      return null;
    }
    return null;
  }

  private void beginMessage() {
    inMessage = true;
    scanned = 0;
    lineStart = 0;
    headerCount = 0;
    headerEnd = -1;
    indexed = 0;
    contentLength = -1;
    contentLengthCount = 0;
    contentLengthError = null;
    contentLengthDetail = null;
  }

  private boolean scanHeaders() throws FramingException {
    int avail = end - start;
    int i = scanned;
    while (i < avail) {
      int nl = Lex.indexOfNewline(buf, start + i, end);
      if (nl < 0) {
        i = avail;
        break;
      }
      i = nl - start;
      int lineEnd = i > lineStart && buf[start + i - 1] == '\r' ? i - 1 : i;
      if (lineEnd - lineStart > limits.maxLineLength()) {
        fail(Reason.LINE_TOO_LONG, "line of " + (lineEnd - lineStart) + " bytes exceeds "
            + limits.maxLineLength());
      }
      if (i + 1 > limits.maxHeaderSectionBytes()) {
        fail(Reason.HEADER_SECTION_TOO_LARGE, "header section exceeds "
            + limits.maxHeaderSectionBytes() + " bytes");
      }
      if (lineEnd == lineStart) {
        emptyLineStart = lineStart;
        headerEnd = i + 1;
        scanned = headerEnd;
        return true;
      }
      if (lineStart > 0) {
        byte first = buf[start + lineStart];
        if (first != ' ' && first != '\t') {
          if (++headerCount > limits.maxHeaderCount()) {
            fail(Reason.TOO_MANY_HEADERS, "more than " + limits.maxHeaderCount() + " headers");
          }
          if (indexField(lineStart, lineEnd) == HotHeaders.CONTENT_LENGTH) {
            checkContentLength(start + lineStart, start + lineEnd);
          }
        } else if (indexed == 0) {
          indexField(lineStart, lineEnd); // the parser takes a leading continuation line as a field
        }
      }
      i++;
      lineStart = i;
    }
    scanned = i;
    if (scanned - lineStart > limits.maxLineLength()) {
      fail(Reason.LINE_TOO_LONG, "line exceeds " + limits.maxLineLength() + " bytes");
    }
    if (scanned > limits.maxHeaderSectionBytes()) {
      fail(Reason.HEADER_SECTION_TOO_LARGE, "header section exceeds "
          + limits.maxHeaderSectionBytes() + " bytes");
    }
    return false;
  }

  /** Records a field starting at {@code lineStart} (relative); returns its hot-header id. */
  private byte indexField(int lineStart, int lineEnd) {
    if (indexed == fieldStarts.length) {
      int grown = Math.max(INITIAL_FIELDS, indexed * 2);
      fieldStarts = Arrays.copyOf(fieldStarts, grown);
      fieldIds = Arrays.copyOf(fieldIds, grown);
    }
    byte id = HotHeaders.classify(buf, start + lineStart, start + lineEnd);
    fieldStarts[indexed] = lineStart;
    fieldIds[indexed++] = id;
    return id;
  }

  /** Reads the Content-Length line [from, to) (no CRLF); folding is not followed. */
  private void checkContentLength(int from, int to) {
    int colon = Lex.indexOf(buf, from, to, ':');
    contentLengthCount++;
    int v = Lex.skipLws(buf, colon + 1, to);
    int ve = Lex.trimEnd(buf, v, to);
    if (contentLengthCount > 1) {
      setClError(Reason.CONTENT_LENGTH_MULTIPLE, "more than one Content-Length header");
      return;
    }
    if (Lex.indexOf(buf, v, ve, ',') >= 0) {
      setClError(Reason.CONTENT_LENGTH_MULTIPLE, "several values in Content-Length");
      return;
    }
    boolean negative = v < ve && buf[v] == '-';
    int digits = negative ? v + 1 : v;
    boolean numeric = digits < ve;
    for (int k = digits; k < ve && numeric; k++) {
      numeric = Lex.isDigit(buf[k]);
    }
    if (!numeric) {
      setClError(Reason.CONTENT_LENGTH_NOT_NUMERIC, "Content-Length '" + Lex.str(buf, v, ve) + "'");
    } else if (negative) {
      setClError(Reason.CONTENT_LENGTH_NEGATIVE, "Content-Length " + Lex.str(buf, v, ve));
    } else {
      long value = Lex.parseUnsigned(buf, digits, ve, Long.MAX_VALUE);
      if (value < 0) {
        setClError(Reason.CONTENT_LENGTH_OVERFLOW, "Content-Length " + Lex.str(buf, v, ve));
      } else {
        contentLength = value;
      }
    }
  }

  private void setClError(Reason reason, String detail) {
    if (contentLengthError == null || reason == Reason.CONTENT_LENGTH_MULTIPLE) {
      contentLengthError = reason;
      contentLengthDetail = detail;
    }
  }

  private SipFrame completeMessage() throws FramingException {
    if (contentLengthError != null) {
      fail(contentLengthError, contentLengthDetail);
    }
    if (contentLengthCount == 0) {
      fail(Reason.CONTENT_LENGTH_MISSING, "no Content-Length on a stream transport");
    }
    if (contentLength > limits.maxBodyBytes()) {
      byte[] headers = Arrays.copyOfRange(buf, start, start + headerEnd);
      start += headerEnd;
      skipRemaining = contentLength;
      inMessage = false;
      int skip = (int) Math.min(skipRemaining, end - start);
      start += skip;
      skipRemaining -= skip;
      throw new FramingException(Reason.BODY_TOO_LARGE, true, "Content-Length " + contentLength
          + " exceeds " + limits.maxBodyBytes() + "; the body is skipped", headers);
    }
    long needed = headerEnd + contentLength;
    if (needed > Integer.MAX_VALUE - 16) {
      fail(Reason.BODY_TOO_LARGE, "message of " + needed + " bytes cannot be buffered");
    }
    int total = (int) needed;
    if (end - start < total) {
      return null;
    }
    SipFrame frame = messageFrame.reset(buf, start, total, fieldStarts, fieldIds, indexed,
        emptyLineStart, headerEnd);
    start += total;
    inMessage = false;
    viewOut = true;
    return frame;
  }

  private void fail(Reason reason, String detail) throws FramingException {
    dead = true;
    byte[] headers = headerEnd > 0 ? Arrays.copyOfRange(buf, start, start + headerEnd) : null;
    throw new FramingException(reason, false, detail, headers);
  }

  private void shrinkIfIdle() {
    if (start == end && buf.length > IDLE_SHRINK_THRESHOLD && !viewOut) {
      buf = new byte[INITIAL_CAPACITY];
      start = 0;
      end = 0;
    }
  }
}
