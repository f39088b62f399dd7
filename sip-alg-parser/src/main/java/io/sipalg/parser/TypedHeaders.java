package io.sipalg.parser;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Internal: the typed header values of a {@link SipMessage} and their validation, over the
 * {@link HeaderLines} index. Each hot value (top Via, Vias, From, To, Call-ID, CSeq, Contact,
 * Route, Record-Route, the Request-URI) is tokenised on the first read and kept, because an ALG's
 * inspectors read the same few headers one after another; {@link #malformedHeaders()} checks
 * those fields through the same accessors, so validating a message leaves them tokenised for
 * whoever reads them next. Like {@link HeaderLines}, a base class of the message rather than an
 * object of its own; the public methods are documented as {@link SipMessage}'s.
 */
abstract class TypedHeaders extends HeaderLines {
  /**
   * Typed values already tokenised, by slot (TOP_VIA ...); allocated by the first typed accessor.
   * The values are immutable views of bytes that never change, so each is tokenised once per
   * message.
   */
  private Object[] typed;

  TypedHeaders(byte[] b, int off, int len) {
    super(b, off, len);
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
  static final int REQUEST_URI = 9;
  private static final int SLOTS = 10;
  /** A slot's value for "the header is absent" (null means "not read yet"). */
  private static final Object ABSENT = new Object();

  /** The cached value of a slot, or null when it was not read yet. */
  final Object cached(int slot) {
    return typed == null ? null : typed[slot];
  }

  final <T> T remember(int slot, T value) {
    if (typed == null) {
      typed = new Object[SLOTS];
    }
    typed[slot] = value == null ? ABSENT : value;
    return value;
  }

  @SuppressWarnings("unchecked")
  static <T> T valueOf(Object cached) {
    return cached == ABSENT ? null : (T) cached;
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
    int i = findHot(HotHeaders.CONTENT_TYPE, 0);
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

  // ---------------------------------------------------------------- validation

  /**
   * Checks every header this module knows how to validate (the FortiOS {@code malformed-header-*}
   * set and more; see {@link HeaderChecks}) and every line without a colon.
   *
   * @return the problems found, in header order; empty when all are well-formed
   */
  public List<HeaderError> malformedHeaders() {
    scanHeadControls(); // one pass over the head instead of one per field
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
}
