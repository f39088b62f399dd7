package io.sipalg.parser;

/**
 * A CSeq value: sequence number (0 .. 2^32-1) and method.
 *
 * @param number the sequence number
 * @param method the method, case preserved
 */
public record CSeq(long number, String method) {
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
    return new CSeq(n, Lex.str(b, ms, me));
  }

  @Override
  public String toString() {
    return number + " " + method;
  }
}
