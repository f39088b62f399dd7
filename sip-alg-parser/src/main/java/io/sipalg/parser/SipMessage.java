package io.sipalg.parser;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A SIP request or response over its original bytes. Parsing indexes the start line and the header
 * lines only; each header is tokenised when a typed accessor asks for it, so a malformed header
 * never prevents reading the others. Typed accessors throw the checked
 * {@link MalformedHeaderException} naming the header, offset and cause; {@link #malformedHeaders()}
 * lists every problem at once. Only an unusable start line makes {@link #parse} fail. The accessors
 * of the headers a hop reads repeatedly (Via, From, To, Call-ID, CSeq, Contact, Route,
 * Record-Route) and the Request-URI tokenise on the first call and return the same immutable value afterwards, so a
 * chain of inspectors pays for each once; a malformed header is tokenised (and throws) each time.
 * {@link #malformedHeaders()} checks those fields through the same accessors, so validating a
 * message first leaves them tokenised for whoever reads them next.
 *
 * <p>The message does not copy its bytes: it is valid as long as the array it was parsed from is
 * (for framer output, until the framer's next {@link SipFramer#next()}); {@link #detach()} makes an
 * independent copy. Edits go through {@link #edit()}. Not thread-safe.
 */
public final class SipMessage extends TypedHeaders {
  /** Created by the first {@link #edit()}; null while nobody edits. */
  private SipEditor editor;
  /** Created by the first {@link #sdp()}; over the original body, which edits never change. */
  private Sdp sdp;

  private final boolean request;
  private final int methodEnd;
  private final int uriEnd;
  private final int versionEnd;
  private final int status;
  private final int reasonStart;
  private final int startLineEnd;

  private SipMessage(byte[] b, int off, int len, boolean request, int methodEnd, int uriStart,
      int uriEnd, int versionStart, int versionEnd, int status, int reasonStart, int startLineEnd) {
    super(b, off, len);
    this.request = request;
    this.methodEnd = methodEnd;
    this.uriEnd = uriEnd;
    this.versionEnd = versionEnd;
    this.status = status;
    this.reasonStart = reasonStart;
    this.startLineEnd = startLineEnd;
  }

  /**
   * Parses a whole message (headers and body) held in {@code bytes[offset, offset+length)}; the
   * array is not copied.
   *
   * @param bytes the array holding the message
   * @param offset first byte of the message
   * @param length message length; everything after the empty line is the body
   * @return the message
   * @throws SipParseException when the start line is unusable or the input is not SIP
   */
  public static SipMessage parse(byte[] bytes, int offset, int length) throws SipParseException {
    if (offset < 0 || length < 0 || offset + length > bytes.length) {
      throw new IndexOutOfBoundsException("offset " + offset + " length " + length);
    }
    return StartLine.parse(bytes, offset, length, null);
  }

  /**
   * Parses a whole message held in {@code bytes}.
   *
   * @param bytes the message
   * @return the message
   * @throws SipParseException when the start line is unusable or the input is not SIP
   */
  public static SipMessage parse(byte[] bytes) throws SipParseException {
    return parse(bytes, 0, bytes.length);
  }

  static SipMessage create(byte[] b, int off, int len, boolean request, int methodEnd,
      int uriStart, int uriEnd, int versionStart, int versionEnd, int status, int reasonStart,
      int startLineEnd, int headersStart, SipFrame framed) {
    SipMessage m = new SipMessage(b, off, len, request, methodEnd, uriStart, uriEnd, versionStart,
        versionEnd, status, reasonStart, startLineEnd);
    if (framed != null) {
      m.takeIndex(framed);
    } else {
      m.indexHeaders(headersStart);
    }
    return m;
  }

  // ---------------------------------------------------------------- raw access

  /** The array holding the message; the message is {@code array()[offset(), offset()+length())}. */
  public byte[] array() {
    return b;
  }

  /** Start of the message in {@link #array()}. */
  public int offset() {
    return off;
  }

  /** Length of the whole message in bytes. */
  public int length() {
    return len;
  }

  /** A read-only view of the message bytes, without copying. */
  public ByteBuffer asByteBuffer() {
    return ByteBuffer.wrap(b, off, len).slice().asReadOnlyBuffer();
  }

  /** A copy of the message bytes. */
  public byte[] toByteArray() {
    return Arrays.copyOfRange(b, off, off + len);
  }

  /** A message over its own copy of the bytes (re-indexed), independent of the source buffer. */
  public SipMessage detach() {
    try {
      return parse(toByteArray());
    } catch (SipParseException e) {
      throw new IllegalStateException("re-parse of a parsed message failed", e);
    }
  }

  /** Whether this is a request. */
  public boolean isRequest() {
    return request;
  }

  /** Whether this is a response. */
  public boolean isResponse() {
    return !request;
  }

  /**
   * The request method as written (case-sensitive), or {@code null} for a response. The methods
   * of RFC 3261 and its extensions come back as constants: every inspector asks for it.
   */
  public String method() {
    return request ? CSeq.method(b, off, methodEnd) : null;
  }

  /** Whether this is a request with the given method (case-sensitive, RFC 3261 7.1). */
  public boolean isMethod(String method) {
    if (!request || methodEnd - off != method.length()) {
      return false;
    }
    for (int i = 0; i < method.length(); i++) {
      if (b[off + i] != method.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** The Request-URI text as written, or {@code null} for a response. */
  public String requestUriText() {
    return request ? Lex.str(b, methodEnd + 1, uriEnd) : null;
  }

  /**
   * The parsed Request-URI, tokenised on the first call.
   *
   * @return the URI, or {@code null} for a response
   * @throws MalformedHeaderException (name {@code Request-URI}) when it cannot be tokenised
   */
  public SipUri requestUri() throws MalformedHeaderException {
    if (!request) {
      return null;
    }
    Object known = cached(REQUEST_URI);
    if (known != null) {
      return valueOf(known);
    }
    try {
      return remember(REQUEST_URI, SipUri.parse(b, methodEnd + 1, uriEnd, off));
    } catch (BadSyntax e) {
      throw new MalformedHeaderException(new HeaderError("Request-URI", e.index - off,
          e.getMessage()));
    }
  }

  /** Whether the start line's version is {@code SIP/2.0} (any case), without making a String. */
  boolean isSip20() {
    return Lex.equalsIgnoreCase(b, request ? uriEnd + 1 : off, versionEnd, "SIP/2.0");
  }

  /** The SIP version from the start line, e.g. {@code SIP/2.0}. */
  public String version() {
    return Lex.str(b, request ? uriEnd + 1 : off, versionEnd);
  }

  /** The status code, or 0 for a request. */
  public int statusCode() {
    return status;
  }

  /** The reason phrase (UTF-8, may be empty), or {@code null} for a request. */
  public String reasonPhrase() {
    return request ? null : Lex.str(b, reasonStart, startLineEnd);
  }

  /** The start line as written, without CRLF. */
  public String startLine() {
    return Lex.str(b, off, startLineEnd);
  }

  /** Whether the header section ended with an empty line (false means a truncated message). */
  public boolean headerSectionTerminated() {
    return headersTerminated;
  }

  // ---------------------------------------------------------------- headers

  /** Number of header fields (folded lines count with their field). */
  public int headerCount() {
    return count;
  }

  /**
   * The header field at a position.
   *
   * @param index 0 .. {@link #headerCount()}-1
   * @return a view of the header
   */
  public SipHeader header(int index) {
    if (index < 0 || index >= count) {
      throw new IndexOutOfBoundsException(index);
    }
    return new SipHeader(this, index);
  }

  /** All header fields in order. */
  public List<SipHeader> headers() {
    List<SipHeader> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(new SipHeader(this, i));
    }
    return out;
  }

  /** All fields with a name (long or compact form, any case), in order. */
  public List<SipHeader> headers(String name) {
    char compact = HeaderNames.compactFormOf(name);
    String longName = HeaderNames.canonical(name);
    List<SipHeader> out = new ArrayList<>(2);
    for (int i = 0; i < count; i++) {
      if (nameMatches(i, longName, compact)) {
        out.add(new SipHeader(this, i));
      }
    }
    return out;
  }

  /** The first field with a name, or {@code null}. */
  public SipHeader header(String name) {
    int i = find(name, 0);
    return i < 0 ? null : new SipHeader(this, i);
  }

  /** Whether a field with this name is present. */
  public boolean hasHeader(String name) {
    return find(name, 0) >= 0;
  }

  /** Trimmed, unfolded value of the first field with this name, or {@code null}. */
  public String headerValue(String name) {
    int i = find(name, 0);
    return i < 0 ? null : valueString(i);
  }

  /** Length of the longest physical line (start line or header line), without CRLF. */
  public int longestLineLength() {
    int longest = startLineEnd - off;
    for (int i = 0; i < count; i++) {
      if (lineEnd(i) - lineStart(i) > longest) { // no line of a shorter field can be longer
        longest = Math.max(longest, longestPhysicalLine(i));
      }
    }
    return longest;
  }

  /** Header fields having a physical line longer than {@code maxBytes} (for {@code max-line-length}). */
  public List<SipHeader> headersWithLinesLongerThan(int maxBytes) {
    List<SipHeader> out = new ArrayList<>(0);
    for (int i = 0; i < count; i++) {
      if (longestPhysicalLine(i) > maxBytes) {
        out.add(new SipHeader(this, i));
      }
    }
    return out;
  }

  /** Header fields whose names are not registered SIP headers (for {@code unknown-header}). */
  public List<SipHeader> unknownHeaders() {
    List<SipHeader> out = new ArrayList<>(0);
    for (int i = 0; i < count; i++) {
      if (!hasValidName(i) || !HeaderNames.isKnownCanonical(canonicalName(i))) {
        out.add(new SipHeader(this, i));
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- body

  /** Offset of the body in the message (equals {@link #length()} when there is none). */
  public int bodyOffset() {
    return bodyStart - off;
  }

  /** Length of the body: every byte after the empty line. */
  public int bodyLength() {
    return off + len - bodyStart;
  }

  /** A copy of the body. */
  public byte[] body() {
    return Arrays.copyOfRange(b, bodyStart, off + len);
  }

  /** A read-only view of the body, without copying. */
  public ByteBuffer bodyBuffer() {
    return ByteBuffer.wrap(b, bodyStart, off + len - bodyStart).slice().asReadOnlyBuffer();
  }

  /**
   * The body as SDP, regardless of Content-Type (callers check {@link #contentType()}). Parsed on
   * the first call and cached, so every inspector of a chain shares one parse. It always reflects
   * the <em>original</em> body: a body replaced through {@link #edit()} (e.g. after
   * {@link SdpEditor} rewrote addresses) is not seen here; parse {@link SipEditor#apply()} to read
   * the edited message.
   *
   * @return the session description over the original body bytes
   */
  public Sdp sdp() {
    Sdp parsed = sdp;
    if (parsed == null) {
      parsed = Sdp.parse(b, bodyStart, off + len - bodyStart);
      sdp = parsed;
    }
    return parsed;
  }

  /**
   * Message-level checks above syntax: required headers, single-valued headers present once, CSeq
   * method matching the request method, SIP version, Request-URI syntax, plus every malformed
   * header. An inspector uses these to reject what a parser alone must accept.
   *
   * @return the violations, empty for a valid message
   */
  public List<Violation> validate() {
    return Validation.validate(this);
  }

  /**
   * Whether the start line or the header fields hold a bare CR (one not followed by LF) or a NUL:
   * bytes another element may read as a line end or a string end. The validation inspector asks
   * this of every message it forwards, and only a message that answers true gets an editor
   * ({@link SipEditor#replaceUnsafeControls()}). Looks at the bytes as parsed, not at edits; the
   * body is not looked at.
   *
   * @return true when such a byte is present
   */
  public boolean hasUnsafeControls() {
    if (scanHeadControls() == BENIGN_CONTROLS_ONLY) {
      return false; // validation scanned the head already (or this scan serves it later)
    }
    return Lex.indexOfUnsafeControl(b, off, bodyStart) >= 0;
  }

  /**
   * The message's editor, created on first use: every caller (e.g. each inspector of a chain)
   * records its edits into the same editor, and serialising splices them into the original bytes.
   *
   * @return the editor of this message
   */
  public SipEditor edit() {
    if (editor == null) {
      editor = new SipEditor(this);
    }
    return editor;
  }

  /**
   * Whether edits were recorded through {@link #edit()}.
   *
   * @return true when serialising would change bytes
   */
  public boolean isEdited() {
    return editor != null && editor.isModified();
  }

  /**
   * The bytes to send: the original bytes when unedited (a read-only view, no copy), otherwise the
   * edits spliced into them.
   *
   * @return the message bytes, in read mode
   */
  public ByteBuffer serialize() {
    return editor == null ? asByteBuffer() : editor.toByteBuffer();
  }

  @Override
  public String toString() {
    return startLine() + " [" + count + " headers, " + bodyLength() + " body bytes]";
  }
}
