package io.sipalg.parser;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Internal: syntax checks for the headers the FortiOS {@code malformed-header-*} options name (Via,
 * From, To, Call-ID, CSeq, RAck, RSeq, Contact, Record-Route, Route, Expires, Content-Type,
 * Content-Length, Max-Forwards, Allow, P-Asserted-Identity, Require, Proxy-Require) and a few more.
 */
final class HeaderChecks {
  private static final String APPLICATION_SDP = "application/sdp";

  private HeaderChecks() {}

  /**
   * Checks one field; names without a check pass. {@code canonical} is the name as
   * {@link HeaderNames#canonical(String)} spells it (registered spelling, compact forms expanded),
   * so it is matched as is, without lower-casing a copy for every header of every message.
   */
  static void check(String canonical, byte[] b, int s, int e, int base) throws BadSyntax {
    switch (canonical) {
      case "Via": vias(b, s, e, base, new ArrayList<>(1)); break;
      case "From": case "To": NameAddress.parse(b, s, e, base, false, false); break;
      case "Call-ID": callId(b, s, e); break;
      case "CSeq": CSeq.parse(b, s, e); break;
      case "RAck": rack(b, s, e); break;
      case "RSeq": number(b, s, e, 0xFFFFFFFFL); break;
      case "Contact": addresses(b, s, e, base, true, false, new ArrayList<>(1)); break;
      case "Record-Route": case "Route": case "Path": case "Service-Route":
        addresses(b, s, e, base, false, true, new ArrayList<>(1));
        break;
      case "P-Asserted-Identity": case "P-Preferred-Identity":
        addresses(b, s, e, base, false, false, new ArrayList<>(1));
        break;
      case "Expires": case "Min-Expires": number(b, s, e, 0xFFFFFFFFL); break;
      case "Content-Length": number(b, s, e, Integer.MAX_VALUE); break;
      case "Max-Forwards": number(b, s, e, 255); break;
      case "Content-Type": mediaType(b, s, e); break;
      case "Allow": tokens(b, s, e, true); break;
      case "Require": case "Proxy-Require": case "Unsupported": tokens(b, s, e, false); break;
      case "Supported": tokens(b, s, e, true); break;
      case "Date": date(b, s, e); break;
      case "Retry-After": retryAfter(b, s, e); break;
      case "Warning": warning(b, s, e); break;
      default: break;
    }
  }

  /**
   * Rejects a control character anywhere in a value other than HT, a folded line break, or a
   * quoted-pair inside a quoted string (RFC 3261 25.1 allows no other), whatever the header:
   * forwarded, a bare CR or a NUL is read as a line end by some elements and lets one header
   * smuggle in another. Costs one eight-bytes-per-step scan when the value has none.
   */
  static void controlCharacters(byte[] b, int s, int e) throws BadSyntax {
    if (Lex.indexOfControl(b, s, e) < 0) {
      return;
    }
    int p = s;
    while (p < e) {
      int c = b[p] & 0xFF;
      if (c == '"') {
        int q = Lex.skipQuoted(b, p, e); // throws for a control byte not escaped or folded
        p = q < 0 ? p + 1 : q; // an unbalanced quote in free text is just a character
      } else if (c < 0x20 || c == 0x7F) {
        int next = Lex.skipAllowedControl(b, p, e);
        if (next < 0) {
          throw new BadSyntax(p, Lex.controlCharacter(c) + " in the value");
        }
        p = next;
      } else {
        p++;
      }
    }
  }

  private static final String[] WKDAY = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  private static final String[] MONTH = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };

  /** RFC 3261 20.17: rfc1123-date, {@code Sun, 06 Nov 1994 08:49:37 GMT}; only GMT. */
  static void date(byte[] b, int s, int e) throws BadSyntax {
    if (isGmtDate(b, s, e)) {
      return; // every response carries one: no String for a well-formed date
    }
    String v = Lex.str(b, s, e); // the rest says why, as it always has
    if (v.length() != 29 || !oneOf(v.substring(0, 3), WKDAY) || !v.startsWith(", ", 3)
        || !digits(v, 5, 7) || v.charAt(7) != ' ' || !oneOf(v.substring(8, 11), MONTH)
        || v.charAt(11) != ' ' || !digits(v, 12, 16) || v.charAt(16) != ' ' || !digits(v, 17, 19)
        || v.charAt(19) != ':' || !digits(v, 20, 22) || v.charAt(22) != ':' || !digits(v, 23, 25)
        || v.charAt(25) != ' ') {
      throw new BadSyntax(s, "not an RFC 1123 date");
    }
    if (!v.endsWith("GMT")) {
      throw new BadSyntax(s + 26, "time zone must be GMT");
    }
  }

  /** Exactly {@code Sun, 06 Nov 1994 08:49:37 GMT} in shape, checked on the bytes. */
  private static boolean isGmtDate(byte[] b, int s, int e) {
    return e - s == 29 && oneOf(b, s, WKDAY) && b[s + 3] == ',' && b[s + 4] == ' '
        && digits(b, s + 5, s + 7) && b[s + 7] == ' ' && oneOf(b, s + 8, MONTH)
        && b[s + 11] == ' ' && digits(b, s + 12, s + 16) && b[s + 16] == ' '
        && digits(b, s + 17, s + 19) && b[s + 19] == ':' && digits(b, s + 20, s + 22)
        && b[s + 22] == ':' && digits(b, s + 23, s + 25) && b[s + 25] == ' '
        && b[s + 26] == 'G' && b[s + 27] == 'M' && b[s + 28] == 'T';
  }

  private static boolean oneOf(byte[] b, int p, String[] threeLetterOptions) {
    for (String o : threeLetterOptions) {
      if (b[p] == o.charAt(0) && b[p + 1] == o.charAt(1) && b[p + 2] == o.charAt(2)) {
        return true;
      }
    }
    return false;
  }

  private static boolean digits(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!Lex.isDigit(b[i])) {
        return false;
      }
    }
    return true;
  }

  private static boolean oneOf(String v, String[] options) {
    for (String o : options) {
      if (o.equals(v)) {
        return true;
      }
    }
    return false;
  }

  private static boolean digits(String v, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!Lex.isDigit(v.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** RFC 3261 20.33: delta-seconds [comment] *(;params); delta-seconds up to 2^32-1. */
  static void retryAfter(byte[] b, int s, int e) throws BadSyntax {
    int p = s;
    while (p < e && Lex.isDigit(b[p])) {
      p++;
    }
    if (p == s || Lex.parseUnsigned(b, s, p, 0xFFFFFFFFL) < 0) {
      throw new BadSyntax(s, "Retry-After must be delta-seconds up to 2^32-1");
    }
  }

  /** RFC 3261 20.43: warn-code is exactly 3 digits, then SP agent SP quoted text. */
  static void warning(byte[] b, int s, int e) throws BadSyntax {
    int p = s;
    while (true) {
      int ds = p;
      while (p < e && Lex.isDigit(b[p])) {
        p++;
      }
      if (p - ds != 3 || p >= e || b[p] != ' ') {
        throw new BadSyntax(ds, "warn-code must be 3 digits followed by SP");
      }
      int q = Lex.indexOf(b, p, e, '"');
      if (q < 0) {
        throw new BadSyntax(p, "missing warn-text");
      }
      q = Lex.skipQuoted(b, q, e);
      if (q < 0) {
        throw new BadSyntax(p, "unterminated warn-text");
      }
      p = Lex.skipLws(b, q, e);
      if (p >= e) {
        return;
      }
      if (b[p] != ',') {
        throw new BadSyntax(p, "expected ',' between warnings");
      }
      p = Lex.skipLws(b, p + 1, e);
    }
  }

  static void vias(byte[] b, int s, int e, int base, List<Via> out) throws BadSyntax {
    int p = s;
    while (true) {
      Via via = Via.parse(b, p, e, base);
      out.add(via);
      p = Lex.skipLws(b, via.end() + base, e);
      if (p >= e) {
        return;
      }
      if (b[p] != ',') {
        throw new BadSyntax(p, "unexpected '" + (char) b[p] + "' after Via value");
      }
      p++;
      if (Lex.skipLws(b, p, e) >= e || b[Lex.skipLws(b, p, e)] == ',') {
        throw new BadSyntax(p, "empty Via value");
      }
    }
  }

  static void addresses(byte[] b, int s, int e, int base, boolean wildcard,
      boolean bracketsRequired, List<NameAddress> out) throws BadSyntax {
    int p = s;
    while (true) {
      NameAddress na = NameAddress.parse(b, p, e, base, true, wildcard);
      if (bracketsRequired && !na.bracketed()) {
        throw new BadSyntax(na.offset() + base, "URI must be enclosed in <>");
      }
      out.add(na);
      p = Lex.skipLws(b, na.end() + base, e);
      if (p >= e) {
        return;
      }
      if (b[p] != ',') {
        throw new BadSyntax(p, "unexpected '" + (char) b[p] + "' after value");
      }
      p++;
    }
  }

  /** Indexed by byte & 0xFF: RFC 3261 {@code word} characters ('@' is not one of them). */
  private static final boolean[] CALLID_WORD = new boolean[256];

  static {
    for (char c : "-.!%*_+`'~()<>:\\\"/[]?{}".toCharArray()) {
      CALLID_WORD[c] = true;
    }
    for (int c = 0; c < 128; c++) {
      CALLID_WORD[c] |= Lex.isAlpha(c) || Lex.isDigit(c);
    }
  }

  /** RFC 3261 {@code callid = word [ "@" word ]}. */
  static void callId(byte[] b, int s, int e) throws BadSyntax {
    if (s >= e) {
      throw new BadSyntax(s, "empty Call-ID");
    }
    int at = skipWord(b, s, e);
    if (at == e) {
      return;
    }
    if (b[at] != '@') {
      throw new BadSyntax(at, "invalid character in Call-ID");
    }
    if (at == s || at == e - 1) {
      throw new BadSyntax(at, "misplaced '@' in Call-ID");
    }
    int p = skipWord(b, at + 1, e);
    if (p < e) {
      throw new BadSyntax(p, b[p] == '@' ? "misplaced '@' in Call-ID"
          : "invalid character in Call-ID");
    }
  }

  private static int skipWord(byte[] b, int p, int e) {
    while (p < e && CALLID_WORD[b[p] & 0xFF]) {
      p++;
    }
    return p;
  }

  static long number(byte[] b, int s, int e, long max) throws BadSyntax {
    int p = s;
    while (p < e && Lex.isDigit(b[p])) {
      p++;
    }
    if (p == s) {
      throw new BadSyntax(s, "not a number");
    }
    if (Lex.skipLws(b, p, e) != e) {
      throw new BadSyntax(p, "unexpected text after number");
    }
    long v = Lex.parseUnsigned(b, s, p, max);
    if (v < 0) {
      throw new BadSyntax(s, "value above " + max);
    }
    return v;
  }

  static void rack(byte[] b, int s, int e) throws BadSyntax {
    int p = s;
    for (int part = 0; part < 2; part++) {
      int ds = p;
      while (p < e && Lex.isDigit(b[p])) {
        p++;
      }
      if (p == ds || Lex.parseUnsigned(b, ds, p, 0xFFFFFFFFL) < 0) {
        throw new BadSyntax(ds, "RAck needs response-num and CSeq-num");
      }
      int q = Lex.skipLws(b, p, e);
      if (q == p) {
        throw new BadSyntax(p, "missing whitespace in RAck");
      }
      p = q;
    }
    int me = Lex.skipToken(b, p, e);
    if (me == p || Lex.skipLws(b, me, e) != e) {
      throw new BadSyntax(p, "RAck method missing or followed by text");
    }
  }

  static String mediaType(byte[] b, int s, int e) throws BadSyntax {
    int te = Lex.skipToken(b, s, e);
    if (te == s) {
      throw new BadSyntax(s, "missing media type");
    }
    int p = Lex.skipLws(b, te, e);
    if (p >= e || b[p] != '/') {
      throw new BadSyntax(p, "expected '/' in media type");
    }
    int ss = Lex.skipLws(b, p + 1, e);
    int se = Lex.skipToken(b, ss, e);
    if (se == ss) {
      throw new BadSyntax(ss, "missing media subtype");
    }
    p = Params.parse(b, se, e, Params.NO_STOP, false);
    if (p != e) {
      throw new BadSyntax(p, "unexpected text in Content-Type");
    }
    if (te - s == 11 && se - ss == 3 && Lex.equalsIgnoreCase(b, s, te, "application")
        && Lex.equalsIgnoreCase(b, ss, se, "sdp")) {
      return APPLICATION_SDP; // every offer and answer: no String made
    }
    byte[] lower = new byte[te - s + 1 + se - ss];
    int n = 0;
    for (int i = s; i < te; i++) {
      lower[n++] = (byte) Lex.lower(b[i]);
    }
    lower[n++] = '/';
    for (int i = ss; i < se; i++) {
      lower[n++] = (byte) Lex.lower(b[i]);
    }
    return new String(lower, StandardCharsets.US_ASCII); // token bytes: ASCII only
  }

  static void tokens(byte[] b, int s, int e, boolean allowEmpty) throws BadSyntax {
    int p = Lex.skipLws(b, s, e);
    if (p >= e) {
      if (!allowEmpty) {
        throw new BadSyntax(s, "empty list");
      }
      return;
    }
    while (true) {
      int te = Lex.skipToken(b, p, e);
      if (te == p) {
        throw new BadSyntax(p, "expected a token");
      }
      p = Lex.skipLws(b, te, e);
      if (p >= e) {
        return;
      }
      if (b[p] != ',') {
        throw new BadSyntax(p, "expected ',' between tokens");
      }
      p = Lex.skipLws(b, p + 1, e);
    }
  }
}
