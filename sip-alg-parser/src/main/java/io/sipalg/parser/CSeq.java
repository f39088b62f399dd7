package io.sipalg.parser;

/**
 * A CSeq value: sequence number (0 .. 2^32-1) and method.
 *
 * @param number the sequence number
 * @param method the method, case preserved
 */
public record CSeq(long number, String method) {
  /** The methods of RFC 3261 and its extensions, returned without a new String per message. */
  private static final String[] METHODS = {"REGISTER", "INVITE", "ACK", "BYE", "CANCEL",
      "OPTIONS", "PRACK", "UPDATE", "SUBSCRIBE", "NOTIFY", "REFER", "MESSAGE", "INFO", "PUBLISH"};

  /** The method as written; methods are case-sensitive (RFC 3261 7.1). */
  static String method(byte[] b, int start, int end) {
    for (String known : METHODS) {
      if (end - start == known.length() && sameBytes(b, start, known)) {
        return known;
      }
    }
    return Lex.str(b, start, end);
  }

  private static boolean sameBytes(byte[] b, int start, String s) {
    for (int i = 0; i < s.length(); i++) {
      if (b[start + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  static CSeq parse(byte[] b, int p, int end) throws BadSyntax {
    p = Lex.skipLws(b, p, end);
    int ds = p;
    while (p < end && Lex.isDigit(b[p])) {
      p++;
    }
    if (p == ds) {
      throw new BadSyntax(ds, "CSeq number missing");
    }
    long n = Lex.parseUnsigned(b, ds, p, 0xFFFFFFFFL);
    if (n < 0) {
      throw new BadSyntax(ds, "CSeq number above 2^32-1");
    }
    int ms = Lex.skipLws(b, p, end);
    if (ms == p) {
      throw new BadSyntax(p, "missing whitespace after CSeq number");
    }
    int me = Lex.skipToken(b, ms, end);
    if (me == ms) {
      throw new BadSyntax(ms, "CSeq method missing");
    }
    if (Lex.skipLws(b, me, end) != end) {
      throw new BadSyntax(me, "unexpected text after CSeq method");
    }
    return new CSeq(n, method(b, ms, me));
  }

  @Override
  public String toString() {
    return number + " " + method;
  }
}
