package io.sipalg.parser;

/**
 * Internal: the headers every stateful hop reads from every message (Via, From, To, Call-ID, CSeq,
 * Contact, ...), numbered so a message can classify its header lines once and then find each of
 * them without comparing names again. A message classifies on its first typed lookup, never
 * during {@link SipMessage#parse}, so a message nobody reads costs nothing here.
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

  /**
   * The id of a header name as the typed accessors spell it (the {@link HeaderNames} constants),
   * or {@link #OTHER}: any other spelling takes the general, name-comparing lookup.
   */
  static byte idOf(String name) {
    switch (name) {
      case HeaderNames.VIA: return VIA;
      case HeaderNames.FROM: return FROM;
      case HeaderNames.TO: return TO;
      case HeaderNames.CALL_ID: return CALL_ID;
      case HeaderNames.CSEQ: return CSEQ;
      case HeaderNames.CONTACT: return CONTACT;
      case HeaderNames.CONTENT_LENGTH: return CONTENT_LENGTH;
      case HeaderNames.CONTENT_TYPE: return CONTENT_TYPE;
      case HeaderNames.MAX_FORWARDS: return MAX_FORWARDS;
      case HeaderNames.EXPIRES: return EXPIRES;
      case HeaderNames.ROUTE: return ROUTE;
      case HeaderNames.RECORD_ROUTE: return RECORD_ROUTE;
      default: return OTHER;
    }
  }

  /** The id of the header line {@code b[p, end)}, long or compact name in any case. */
  static byte classify(byte[] b, int p, int end) {
    int ne = Lex.skipToken(b, p, end);
    int q = ne;
    while (q < end && (b[q] == ' ' || b[q] == '\t')) {
      q++;
    }
    if (q >= end || b[q] != ':') {
      return OTHER;
    }
    // The length picks at most two candidates, so a line is compared with one or two names.
    switch (ne - p) {
      case 1: return compact(Lex.lower(b[p]));
      case 2: return is(b, p, ne, HeaderNames.TO, TO);
      case 3: return is(b, p, ne, HeaderNames.VIA, VIA);
      case 4: return Lex.lower(b[p]) == 'f' ? is(b, p, ne, HeaderNames.FROM, FROM)
          : is(b, p, ne, HeaderNames.CSEQ, CSEQ);
      case 5: return is(b, p, ne, HeaderNames.ROUTE, ROUTE);
      case 7:
        switch (Lex.lower(b[p + 1])) {
          case 'a': return is(b, p, ne, HeaderNames.CALL_ID, CALL_ID);
          case 'o': return is(b, p, ne, HeaderNames.CONTACT, CONTACT);
          default: return is(b, p, ne, HeaderNames.EXPIRES, EXPIRES);
        }
      case 12:
        switch (Lex.lower(b[p])) {
          case 'c': return is(b, p, ne, HeaderNames.CONTENT_TYPE, CONTENT_TYPE);
          case 'm': return is(b, p, ne, HeaderNames.MAX_FORWARDS, MAX_FORWARDS);
          default: return is(b, p, ne, HeaderNames.RECORD_ROUTE, RECORD_ROUTE);
        }
      case 14: return is(b, p, ne, HeaderNames.CONTENT_LENGTH, CONTENT_LENGTH);
      default: return OTHER;
    }
  }

  private static byte compact(int letter) {
    switch (letter) {
      case 'v': return VIA;
      case 'f': return FROM;
      case 't': return TO;
      case 'i': return CALL_ID;
      case 'm': return CONTACT;
      case 'l': return CONTENT_LENGTH;
      case 'c': return CONTENT_TYPE;
      default: return OTHER;
    }
  }

  private static byte is(byte[] b, int p, int ne, String name, byte id) {
    return Lex.equalsIgnoreCase(b, p, ne, name) ? id : OTHER;
  }
}
