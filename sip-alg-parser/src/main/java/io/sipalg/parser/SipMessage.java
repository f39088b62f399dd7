package io.sipalg.parser;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
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
public final class SipMessage extends HeaderLines {
  /** Created by the first {@link #edit()}; null while nobody edits. */
  private SipEditor editor;
  /**
   * Typed values already tokenised, by slot (TOP_VIA ...); allocated by the first typed accessor.
   * An ALG's inspectors read the same few headers one after another, and the values are immutable
   * views of bytes that never change, so each is tokenised once per message.
   */
  private Object[] typed;
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

  // Slots of the typed-value cache.
  private static final int TOP_VIA = 0;
  private static final int VIAS = 1;
  private static final int FROM = 2;
  private static final int TO = 3;
  private static final int CALL_ID = 4;
  private static final int CSEQ = 5;
  private static final int CONTACTS = 6;
  private static final int ROUTES = 7;
  private static final int RECORD_ROUTES = 8;
  private static final int REQUEST_URI = 9;
  private static final int SLOTS = 10;
  /** A slot's value for "the header is absent" (null means "not read yet"). */
  private static final Object ABSENT = new Object();

  /** The cached value of a slot, or null when it was not read yet. */
  private Object cached(int slot) {
    return typed == null ? null : typed[slot];
  }

  private <T> T remember(int slot, T value) {
    if (typed == null) {
      typed = new Object[SLOTS];
    }
    typed[slot] = value == null ? ABSENT : value;
    return value;
  }

  @SuppressWarnings("unchecked")
  private static <T> T valueOf(Object cached) {
    return cached == ABSENT ? null : (T) cached;
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

  /** The request method as written (case-sensitive), or {@code null} for a response. */
  public String method() {
    return request ? Lex.str(b, off, methodEnd) : null;
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

  // ---------------------------------------------------------------- typed access

  private MalformedHeaderException malformed(int i, BadSyntax e) {
    String name = ne(i) < 0 ? "(no colon)" : HeaderNames.canonical(nameAsWritten(i));
    return new MalformedHeaderException(new HeaderError(name, e.index - off, e.getMessage()));
  }

  /**
   * All Via values, top first, across all Via fields.
   *
   * @return the values (unmodifiable); empty when there is no Via
   * @throws MalformedHeaderException when a Via field cannot be tokenised
   */
  public List<Via> vias() throws MalformedHeaderException {
    Object known = cached(VIAS);
    if (known != null) {
      return valueOf(known);
    }
    List<Via> out = new ArrayList<>(2);
    for (int i = findHot(HotHeaders.VIA, 0); i >= 0; i = findHot(HotHeaders.VIA, i + 1)) {
      try {
        controls(i);
        HeaderChecks.vias(b, vs(i), ve(i), off, out);
      } catch (BadSyntax e) {
        throw malformed(i, e);
      }
    }
    return remember(VIAS, Collections.unmodifiableList(out));
  }

  /**
   * The topmost Via value; only the first Via field is tokenised.
   *
   * @return the top Via, or {@code null} when absent
   * @throws MalformedHeaderException when it cannot be tokenised
   */
  public Via topVia() throws MalformedHeaderException {
    Object known = cached(TOP_VIA);
    if (known != null) {
      return valueOf(known);
    }
    int i = findHot(HotHeaders.VIA, 0);
    if (i < 0) {
      return remember(TOP_VIA, null);
    }
    try {
      controls(i);
      return remember(TOP_VIA, Via.parse(b, vs(i), ve(i), off));
    } catch (BadSyntax e) {
      throw malformed(i, e);
    }
  }

  /**
   * The From value.
   *
   * @return From, or {@code null} when absent
   * @throws MalformedHeaderException when it cannot be tokenised
   */
  public NameAddress from() throws MalformedHeaderException {
    return single(HeaderNames.FROM, FROM);
  }

  /**
   * The To value.
   *
   * @return To, or {@code null} when absent
   * @throws MalformedHeaderException when it cannot be tokenised
   */
  public NameAddress to() throws MalformedHeaderException {
    return single(HeaderNames.TO, TO);
  }

  private NameAddress single(String name, int slot) throws MalformedHeaderException {
    Object known = cached(slot);
    if (known != null) {
      return valueOf(known);
    }
    int i = find(name, 0);
    if (i < 0) {
      return remember(slot, null);
    }
    try {
      controls(i);
      return remember(slot, NameAddress.parse(b, vs(i), ve(i), off, false, false));
    } catch (BadSyntax e) {
      throw malformed(i, e);
    }
  }

  /**
   * The Call-ID value.
   *
   * @return the Call-ID, or {@code null} when absent
   * @throws MalformedHeaderException when it is empty or contains invalid characters
   */
  public String callId() throws MalformedHeaderException {
    Object known = cached(CALL_ID);
    if (known != null) {
      return valueOf(known);
    }
    int i = findHot(HotHeaders.CALL_ID, 0);
    if (i < 0) {
      return remember(CALL_ID, null);
    }
    try {
      controls(i);
      HeaderChecks.callId(b, vs(i), ve(i));
    } catch (BadSyntax e) {
      throw malformed(i, e);
    }
    return remember(CALL_ID, Lex.str(b, vs(i), ve(i)));
  }

  /**
   * The CSeq value.
   *
   * @return CSeq, or {@code null} when absent
   * @throws MalformedHeaderException when it cannot be tokenised
   */
  public CSeq cseq() throws MalformedHeaderException {
    Object known = cached(CSEQ);
    if (known != null) {
      return valueOf(known);
    }
    int i = findHot(HotHeaders.CSEQ, 0);
    if (i < 0) {
      return remember(CSEQ, null);
    }
    try {
      controls(i);
      return remember(CSEQ, CSeq.parse(b, vs(i), ve(i)));
    } catch (BadSyntax e) {
      throw malformed(i, e);
    }
  }

  /**
   * The Max-Forwards value (0..255).
   *
   * @return the value, or -1 when absent
   * @throws MalformedHeaderException when not a number in 0..255
   */
  public int maxForwards() throws MalformedHeaderException {
    return (int) number(HeaderNames.MAX_FORWARDS, 255);
  }

  /**
   * The Expires header in seconds (0..2^32-1).
   *
   * @return the value, or -1 when absent
   * @throws MalformedHeaderException when not a number in range
   */
  public long expires() throws MalformedHeaderException {
    return number(HeaderNames.EXPIRES, 0xFFFFFFFFL);
  }

  /**
   * The Content-Length header.
   *
   * @return the value, or -1 when absent
   * @throws MalformedHeaderException when not a non-negative number
   */
  public long contentLength() throws MalformedHeaderException {
    return number(HeaderNames.CONTENT_LENGTH, Integer.MAX_VALUE);
  }

  private long number(String name, long max) throws MalformedHeaderException {
    int i = find(name, 0);
    if (i < 0) {
      return -1;
    }
    try {
      controls(i);
      return HeaderChecks.number(b, vs(i), ve(i), max);
    } catch (BadSyntax e) {
      throw malformed(i, e);
    }
  }

  /**
   * The Content-Type media type, e.g. {@code application/sdp}, lower-cased, without parameters.
   *
   * @return the media type, or {@code null} when absent
   * @throws MalformedHeaderException when it is not {@code type/subtype *(;param)}
   */
  public String contentType() throws MalformedHeaderException {
    int i = find(HeaderNames.CONTENT_TYPE, 0);
    if (i < 0) {
      return null;
    }
    try {
      controls(i);
      return HeaderChecks.mediaType(b, vs(i), ve(i));
    } catch (BadSyntax e) {
      throw malformed(i, e);
    }
  }

  /**
   * All Contact values across all Contact fields (the wildcard {@code *} is one value).
   *
   * @return the values (unmodifiable), empty when absent
   * @throws MalformedHeaderException when a Contact field cannot be tokenised
   */
  public List<NameAddress> contacts() throws MalformedHeaderException {
    return addresses(HeaderNames.CONTACT, CONTACTS, true, false);
  }

  /**
   * All Route values in order.
   *
   * @return the values (unmodifiable), empty when absent
   * @throws MalformedHeaderException when a Route field cannot be tokenised
   */
  public List<NameAddress> routes() throws MalformedHeaderException {
    return addresses(HeaderNames.ROUTE, ROUTES, false, true);
  }

  /**
   * All Record-Route values in order.
   *
   * @return the values (unmodifiable), empty when absent
   * @throws MalformedHeaderException when a Record-Route field cannot be tokenised
   */
  public List<NameAddress> recordRoutes() throws MalformedHeaderException {
    return addresses(HeaderNames.RECORD_ROUTE, RECORD_ROUTES, false, true);
  }

  /**
   * All P-Asserted-Identity values in order.
   *
   * @return the values (unmodifiable), empty when absent
   * @throws MalformedHeaderException when a field cannot be tokenised
   */
  public List<NameAddress> pAssertedIdentities() throws MalformedHeaderException {
    return addresses(HeaderNames.P_ASSERTED_IDENTITY, -1, false, false);
  }

  /** All values of the address fields called {@code name}; cached in {@code slot} unless -1. */
  private List<NameAddress> addresses(String name, int slot, boolean wildcard,
      boolean bracketsRequired) throws MalformedHeaderException {
    Object known = slot < 0 ? null : cached(slot);
    if (known != null) {
      return valueOf(known);
    }
    int first = find(name, 0);
    if (first < 0) {
      List<NameAddress> none = Collections.emptyList(); // absent: nothing to allocate
      return slot < 0 ? none : remember(slot, none);
    }
    List<NameAddress> out = new ArrayList<>(1);
    for (int i = first; i >= 0; i = find(name, i + 1)) {
      try {
        controls(i);
        HeaderChecks.addresses(b, vs(i), ve(i), off, wildcard, bracketsRequired, out);
      } catch (BadSyntax e) {
        throw malformed(i, e);
      }
    }
    List<NameAddress> values = Collections.unmodifiableList(out);
    return slot < 0 ? values : remember(slot, values);
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

  // ---------------------------------------------------------------- validation

  /**
   * Checks every header this module knows how to validate (the FortiOS {@code malformed-header-*}
   * set and more; see {@link HeaderChecks}) and every line without a colon.
   *
   * @return the problems found, in header order; empty when all are well-formed
   */
  public List<HeaderError> malformedHeaders() {
    List<HeaderError> out = new ArrayList<>(0);
    for (int i = 0; i < count; i++) {
      HeaderError e = checkHeader(i);
      if (e != null) {
        out.add(e);
      }
    }
    return out;
  }

  /**
   * Checks the fields with one name.
   *
   * @param name header name, long or compact
   * @return the problems found in those fields
   */
  public List<HeaderError> malformedHeaders(String name) {
    List<HeaderError> out = new ArrayList<>(0);
    for (int i = find(name, 0); i >= 0; i = find(name, i + 1)) {
      HeaderError e = checkHeader(i);
      if (e != null) {
        out.add(e);
      }
    }
    return out;
  }

  HeaderError checkHeader(int i) {
    if (!hasValidName(i)) {
      int ne = ne(i);
      if (ne < 0) {
        return new HeaderError("(no colon)", lineStart(i),
            "header line without ':': " + abbreviate(rawLine(i)));
      }
      return new HeaderError(Lex.str(b, ls(i), ne), lineStart(i), "invalid header name");
    }
    HeaderError typed = checkThroughTypedAccessor(i);
    if (typed != NOT_TYPED) {
      return typed;
    }
    String name = canonicalName(i);
    try {
      controls(i);
      HeaderChecks.check(name, b, vs(i), ve(i), off);
      return null;
    } catch (BadSyntax e) {
      return new HeaderError(name, e.index - off, e.getMessage());
    }
  }

  /** {@link #checkThroughTypedAccessor}'s answer for a field it leaves to the generic check. */
  private static final HeaderError NOT_TYPED = new HeaderError("", 0, "");

  /**
   * Checks a hot field by tokenising it into the typed-value cache, when a typed accessor reads
   * exactly this field (the first From, To, Call-ID, CSeq; the first Via field for the top Via;
   * the only Contact field): the validation inspector runs first, and the inspectors after it
   * then read these values without tokenising them again. The syntax checked is the same
   * ({@code HeaderChecks} and the accessors share their parsers), and so is the error.
   *
   * @return the error, null when the field is well-formed, {@link #NOT_TYPED} for other fields
   */
  private HeaderError checkThroughTypedAccessor(int i) {
    byte id = hotIds()[i];
    if (findHot(id, 0) != i || id == HotHeaders.CONTACT && findHot(id, i + 1) >= 0) {
      return NOT_TYPED; // a later field of the name, or one of several Contact fields
    }
    try {
      switch (id) {
        case HotHeaders.FROM: from(); return null;
        case HotHeaders.TO: to(); return null;
        case HotHeaders.CALL_ID: callId(); return null;
        case HotHeaders.CSEQ: cseq(); return null;
        case HotHeaders.CONTACT: contacts(); return null;
        case HotHeaders.VIA: checkFirstVia(i); return null;
        default: return NOT_TYPED;
      }
    } catch (MalformedHeaderException e) {
      return e.error();
    }
  }

  /** Checks the first Via field; when well-formed, its first value is the cached top Via. */
  private void checkFirstVia(int i) throws MalformedHeaderException {
    if (cached(VIAS) != null) {
      return; // cached only when every Via field tokenised
    }
    List<Via> values = new ArrayList<>(1);
    try {
      controls(i);
      HeaderChecks.vias(b, vs(i), ve(i), off, values);
    } catch (BadSyntax e) {
      throw malformed(i, e);
    }
    if (cached(TOP_VIA) == null) {
      remember(TOP_VIA, values.get(0));
    }
    if (findHot(HotHeaders.VIA, i + 1) < 0) {
      remember(VIAS, Collections.unmodifiableList(values));
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
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
