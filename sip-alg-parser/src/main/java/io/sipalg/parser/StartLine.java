package io.sipalg.parser;

/** Internal: strict start-line parsing (RFC 3261 7.1 / 7.2), then header indexing. */
final class StartLine {
  private StartLine() {}

  /** Parses the start line; indexes the headers itself unless {@code framed} brings an index. */
  static SipMessage parse(byte[] b, int off, int len, SipFrame framed) throws SipParseException {
    int end = off + len;
    if (len == 0) {
      throw new SipParseException("empty message", 0);
    }
    int nl = Lex.indexOfNewline(b, off, end);
    if (nl < 0) {
      throw new SipParseException("start line not terminated by CRLF", len);
    }
    int le = nl > off && b[nl - 1] == '\r' ? nl - 1 : nl;
    int next = nl + 1;
    if (le - off >= 4 && Lex.equalsIgnoreCase(b, off, off + 4, "SIP/")) {
      return response(b, off, len, le, next, framed);
    }
    return request(b, off, len, le, next, framed);
  }

  private static SipMessage request(byte[] b, int off, int len, int le, int next, SipFrame framed)
      throws SipParseException {
    int me = Lex.skipToken(b, off, le);
    if (me == off) {
      throw new SipParseException("not a SIP message: start line does not begin with a method", 0);
    }
    if (me >= le || b[me] != ' ') {
      throw new SipParseException("request line: expected one SP after the method", me - off);
    }
    int us = me + 1;
    int ue = us;
    while (ue < le && b[ue] != ' ') {
      if (b[ue] == '\t' || b[ue] < 0x20 && b[ue] >= 0) {
        throw new SipParseException("request line: control character in Request-URI", ue - off);
      }
      ue++;
    }
    if (ue == us) {
      throw new SipParseException("request line: empty Request-URI (extra SP?)", us - off);
    }
    if (ue >= le) {
      throw new SipParseException("request line: missing SIP-Version", ue - off);
    }
    int vs = ue + 1;
    checkVersion(b, off, vs, le, "request line");
    return SipMessage.create(b, off, len, true, me, us, ue, vs, le, 0, 0, le, next, framed);
  }

  private static SipMessage response(byte[] b, int off, int len, int le, int next, SipFrame framed)
      throws SipParseException {
    int ve = off;
    while (ve < le && b[ve] != ' ') {
      ve++;
    }
    checkVersion(b, off, off, ve, "status line");
    if (ve >= le) {
      throw new SipParseException("status line: missing status code", ve - off);
    }
    int cs = ve + 1;
    int ce = cs;
    while (ce < le && Lex.isDigit(b[ce])) {
      ce++;
    }
    if (ce - cs != 3 || (ce < le && b[ce] != ' ')) {
      throw new SipParseException("status line: status code must be 3 digits", cs - off);
    }
    int code = (int) Lex.parseUnsigned(b, cs, ce, 999);
    if (code < 100 || code > 699) {
      throw new SipParseException("status line: status code " + code + " outside 100-699",
          cs - off);
    }
    int rs = ce < le ? ce + 1 : ce;
    for (int i = rs; i < le; i++) {
      if (b[i] >= 0 && b[i] < 0x20 && b[i] != '\t') {
        throw new SipParseException("status line: control character in reason phrase", i - off);
      }
    }
    return SipMessage.create(b, off, len, false, off, off, off, off, ve, code, rs, le, next,
        framed);
  }

  private static void checkVersion(byte[] b, int off, int vs, int ve, String where)
      throws SipParseException {
    boolean ok = ve - vs >= 7 && Lex.equalsIgnoreCase(b, vs, vs + 4, "SIP/");
    int p = vs + 4;
    int ds = p;
    while (ok && p < ve && Lex.isDigit(b[p])) {
      p++;
    }
    ok = ok && p > ds && p < ve && b[p] == '.';
    int ms = ++p;
    while (ok && p < ve && Lex.isDigit(b[p])) {
      p++;
    }
    ok = ok && p > ms && p == ve;
    if (!ok) {
      throw new SipParseException(where + ": invalid SIP-Version '" + Lex.str(b, vs, ve) + "'",
          vs - off);
    }
  }
}
