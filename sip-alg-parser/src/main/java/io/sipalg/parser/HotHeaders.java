package io.sipalg.parser;

/**
 * Internal: the headers every stateful hop reads from every message (Via, From, To, Call-ID, CSeq,
 * Contact, ...), numbered so a message can classify its header lines once and then find each of
 * them without comparing names again. {@link SipFramer} classifies each line while it scans the
 * names for Content-Length anyway, and a framed message adopts those ids; a message parsed from a
 * byte array classifies on its first typed lookup, never during {@link SipMessage#parse}.
 */
final class HotHeaders {
  private HotHeaders() {}

  static final byte OTHER = 0;
  static final byte VIA = 1;
  static final byte FROM = 2;
  static final byte TO = 3;
  static final byte CALL_ID = 4;
  static final byte CSEQ = 5;
  static final byte CONTACT = 6;
  static final byte CONTENT_LENGTH = 7;
  static final byte CONTENT_TYPE = 8;
  static final byte MAX_FORWARDS = 9;
  static final byte EXPIRES = 10;
  static final byte ROUTE = 11;
  static final byte RECORD_ROUTE = 12;

  /** Indexed by id: the {@link HeaderNames} constant of each hot header. */
  private static final String[] NAMES = {null, HeaderNames.VIA, HeaderNames.FROM, HeaderNames.TO,
      HeaderNames.CALL_ID, HeaderNames.CSEQ, HeaderNames.CONTACT, HeaderNames.CONTENT_LENGTH,
      HeaderNames.CONTENT_TYPE, HeaderNames.MAX_FORWARDS, HeaderNames.EXPIRES, HeaderNames.ROUTE,
      HeaderNames.RECORD_ROUTE};

  /**
   * The id of a header name given as the {@link HeaderNames} constant (the typed accessors, and
   * any caller's literal, which Java interns to the same instance), or {@link #OTHER}: every other
   * spelling takes the general, name-comparing lookup, which finds the same fields.
   */
  static byte idOf(String name) {
    switch (name.length()) { // every typed lookup and check comes here: at most three compares
      case 2: return is(name, TO);
      case 3: return is(name, VIA);
      case 4: return name == NAMES[FROM] ? FROM : is(name, CSEQ);
      case 5: return is(name, ROUTE);
      case 7: return name == NAMES[CALL_ID] ? CALL_ID : name == NAMES[CONTACT] ? CONTACT
          : is(name, EXPIRES);
      case 12: return name == NAMES[CONTENT_TYPE] ? CONTENT_TYPE
          : name == NAMES[MAX_FORWARDS] ? MAX_FORWARDS : is(name, RECORD_ROUTE);
      case 14: return is(name, CONTENT_LENGTH);
      default: return OTHER;
    }
  }

  /** The {@link HeaderNames} constant of a hot id (not {@link #OTHER}). */
  static String nameOf(byte id) {
    return NAMES[id];
  }

  private static byte is(String name, byte id) {
    return name == NAMES[id] ? id : OTHER;
  }

  private static final byte[] VIA_NAME = Lex.ascii("via");
  private static final byte[] FROM_NAME = Lex.ascii("from");
  private static final byte[] TO_NAME = Lex.ascii("to");
  private static final byte[] CALL_ID_NAME = Lex.ascii("call-id");
  private static final byte[] CSEQ_NAME = Lex.ascii("cseq");
  private static final byte[] CONTACT_NAME = Lex.ascii("contact");
  private static final byte[] CONTENT_LENGTH_NAME = Lex.ascii("content-length");
  private static final byte[] CONTENT_TYPE_NAME = Lex.ascii("content-type");
  private static final byte[] MAX_FORWARDS_NAME = Lex.ascii("max-forwards");
  private static final byte[] EXPIRES_NAME = Lex.ascii("expires");
  private static final byte[] ROUTE_NAME = Lex.ascii("route");
  private static final byte[] RECORD_ROUTE_NAME = Lex.ascii("record-route");

  /**
   * The id of the header line {@code b[p, end)}, long or compact name in any case. The first
   * letter (and for the C names one more) picks the one candidate to compare, so an unrelated
   * header costs a table switch and a hot one a single comparison.
   */
  static byte classify(byte[] b, int p, int end) {
    switch (b[p] | 0x20) { // only letters map onto letters
      case 'v': return compact(b, p, end) || named(b, p, end, VIA_NAME) ? VIA : OTHER;
      case 'f': return compact(b, p, end) || named(b, p, end, FROM_NAME) ? FROM : OTHER;
      case 't': return compact(b, p, end) || named(b, p, end, TO_NAME) ? TO : OTHER;
      case 'i': return compact(b, p, end) ? CALL_ID : OTHER;
      case 'l': return compact(b, p, end) ? CONTENT_LENGTH : OTHER;
      case 'e': return named(b, p, end, EXPIRES_NAME) ? EXPIRES : OTHER;
      case 'm':
        return compact(b, p, end) ? CONTACT
            : named(b, p, end, MAX_FORWARDS_NAME) ? MAX_FORWARDS : OTHER;
      case 'r':
        return named(b, p, end, ROUTE_NAME) ? ROUTE
            : named(b, p, end, RECORD_ROUTE_NAME) ? RECORD_ROUTE : OTHER;
      case 'c': return compact(b, p, end) ? CONTENT_TYPE : classifyC(b, p, end);
      default: return OTHER;
    }
  }

  private static byte classifyC(byte[] b, int p, int end) {
    if (p + 4 >= end) { // shortest: "CSeq:" with an empty value, still a CSeq (a malformed one)
      return OTHER;
    }
    switch (b[p + 1] | 0x20) {
      case 'a': return named(b, p, end, CALL_ID_NAME) ? CALL_ID : OTHER;
      case 's': return named(b, p, end, CSEQ_NAME) ? CSEQ : OTHER;
      case 'o':
        if ((b[p + 4] | 0x20) == 'a') {
          return named(b, p, end, CONTACT_NAME) ? CONTACT : OTHER;
        }
        return named(b, p, end, CONTENT_LENGTH_NAME) ? CONTENT_LENGTH
            : named(b, p, end, CONTENT_TYPE_NAME) ? CONTENT_TYPE : OTHER;
      default: return OTHER;
    }
  }

  /** Whether the line's name is one letter (a compact form): the letter, optional SP/HT, ':'. */
  private static boolean compact(byte[] b, int p, int end) {
    return colonAt(b, p + 1, end);
  }

  /** Whether the line starts with {@code name} (lower case) in any case, then SP/HT and ':'. */
  private static boolean named(byte[] b, int p, int end, byte[] name) {
    int n = name.length;
    if (p + n >= end) {
      return false;
    }
    for (int k = 0; k < n; k++) {
      int c = b[p + k];
      int want = name[k];
      if (c != want && (want < 'a' || (c | 0x20) != want)) {
        return false;
      }
    }
    return colonAt(b, p + n, end);
  }

  private static boolean colonAt(byte[] b, int q, int end) {
    while (q < end && (b[q] == ' ' || b[q] == '\t')) {
      q++;
    }
    return q < end && b[q] == ':';
  }
}
