package io.sipalg.parser;

/**
 * Benchmark experiment, not library code (it sits in the parser's package to reach the framed
 * header index): a lower bound for "touching" the six fields. Finds each hot header by its framed
 * id, runs the control-character scan every read runs, and cuts out only the asked-for part, with
 * no further validation and no objects but the returned Strings. No accessor the library ships
 * could do less; see docs/benchmarks.md, Gaps 1.
 */
public final class MinimalTouch {
  private MinimalTouch() {}

  public static long touch(SipMessage m) throws Exception {
    long h = 0;
    h += param(m, HotHeaders.VIA, "branch=").length();
    h += param(m, HotHeaders.FROM, "tag=").length();
    h += host(m, HotHeaders.TO).length();
    int i = m.findHot(HotHeaders.CALL_ID, 0);
    m.controls(i);
    h += Lex.str(m.b, m.vs(i), m.ve(i)).length();
    i = m.findHot(HotHeaders.CSEQ, 0);
    m.controls(i);
    int p = m.vs(i);
    long n = 0;
    while (Lex.isDigit(m.b[p])) {
      n = n * 10 + (m.b[p++] - '0');
    }
    h += n;
    h += host(m, HotHeaders.CONTACT).length();
    return h;
  }

  private static String param(SipMessage m, byte id, String name) throws BadSyntax {
    int i = m.findHot(id, 0);
    m.controls(i);
    byte[] b = m.b;
    int e = m.ve(i);
    for (int p = m.vs(i); p < e; p++) {
      if (b[p] == ';' && Lex.equalsIgnoreCase(b, p + 1, Math.min(e, p + 1 + name.length()), name)) {
        int s = p + 1 + name.length();
        int q = s;
        while (q < e && b[q] != ';' && b[q] != ',' && b[q] != ' ') {
          q++;
        }
        return Lex.str(b, s, q);
      }
    }
    return "";
  }

  private static String host(SipMessage m, byte id) throws BadSyntax {
    int i = m.findHot(id, 0);
    m.controls(i);
    byte[] b = m.b;
    int e = m.ve(i);
    int p = m.vs(i);
    while (p < e && b[p] != '<') {
      p++;
    }
    while (p < e && b[p] != '@') {
      p++;
    }
    int s = ++p;
    while (p < e && b[p] != ':' && b[p] != ';' && b[p] != '>') {
      p++;
    }
    return Lex.str(b, s, p);
  }
}
