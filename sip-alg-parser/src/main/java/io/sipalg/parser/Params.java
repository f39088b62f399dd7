package io.sipalg.parser;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Internal: a parsed {@code *( ";" name [ "=" value ] )} list kept as spans over the message bytes;
 * strings are made only when a parameter is asked for.
 */
final class Params {
  static final Params EMPTY = new Params(new byte[0], false);
  private static final int F = 5; // from(';'), nameStart, nameEnd, valueStart(-1 flag), valueEnd/to

  private final byte[] b;
  private final boolean decode;
  private int[] s = EMPTY_SPANS;
  private int n;
  private static final int[] EMPTY_SPANS = new int[0];

  Params(byte[] b, boolean decode) {
    this.b = b;
    this.decode = decode;
  }

  private void add(int from, int ns, int ne, int vs, int to) {
    if ((n + 1) * F > s.length) {
      s = Arrays.copyOf(s, Math.max(F * 4, s.length * 2));
    }
    int i = n * F;
    s[i] = from;
    s[i + 1] = ns;
    s[i + 2] = ne;
    s[i + 3] = vs;
    s[i + 4] = to;
    n++;
  }

  int size() {
    return n;
  }

  int indexOf(String name) {
    for (int i = 0; i < n; i++) {
      int ns = s[i * F + 1];
      int ne = s[i * F + 2];
      if (decode && Lex.indexOf(b, ns, ne, '%') >= 0) {
        if (text(ns, ne).equalsIgnoreCase(name)) {
          return i;
        }
      } else if (Lex.equalsIgnoreCase(b, ns, ne, name)) {
        return i;
      }
    }
    return -1;
  }

  boolean has(String name) {
    return indexOf(name) >= 0;
  }

  /** Value of a parameter; "" for a flag parameter; null when absent. */
  String get(String name) {
    int i = indexOf(name);
    return i < 0 ? null : value(i);
  }

  private String value(int i) {
    int vs = s[i * F + 3];
    if (vs < 0) {
      return "";
    }
    int ve = s[i * F + 4];
    if (b[vs] == '"') {
      return Lex.str(b, vs + 1, ve - 1);
    }
    return text(vs, ve);
  }

  private String text(int from, int to) {
    if (!decode) {
      return Lex.str(b, from, to);
    }
    try {
      return Uris.decode(b, from, to);
    } catch (BadSyntax e) {
      throw new IllegalStateException("escapes were validated at parse time", e);
    }
  }

  /** Absolute span {@code [";", end)} of a parameter, or null. */
  int[] span(String name) {
    int i = indexOf(name);
    return i < 0 ? null : new int[] {s[i * F], s[i * F + 4]};
  }

  Map<String, String> asMap() {
    if (n == 0) {
      return Collections.emptyMap();
    }
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      m.put(text(s[i * F + 1], s[i * F + 2]).toLowerCase(Locale.ROOT), value(i));
    }
    return Collections.unmodifiableMap(m);
  }

  /**
   * Parses generic-params from {@code p} (at a ';' or end) until {@code end} or a byte in
   * {@code stops} outside quotes. Returns the index where parsing stopped.
   */
  static int parse(byte[] b, int p, int end, String stops, Params into) throws BadSyntax {
    while (true) {
      p = Lex.skipLws(b, p, end);
      if (p >= end || stops.indexOf(b[p]) >= 0) {
        return p;
      }
      if (b[p] != ';') {
        throw new BadSyntax(p, "expected ';' before parameter, found '" + (char) b[p] + "'");
      }
      int from = p;
      p = Lex.skipLws(b, p + 1, end);
      int ns = p;
      p = skipParamChars(b, p, end);
      if (p == ns) {
        throw new BadSyntax(ns, "empty parameter");
      }
      int ne = p;
      if (into.decode) {
        Uris.checkEscapes(b, ns, ne);
      }
      p = Lex.skipLws(b, p, end);
      int vs = -1;
      int to = ne;
      if (p < end && b[p] == '=') {
        p = Lex.skipLws(b, p + 1, end);
        vs = p;
        if (p < end && b[p] == '"') {
          int q = Lex.skipQuoted(b, p, end);
          if (q < 0) {
            throw new BadSyntax(p, "unterminated quoted parameter value");
          }
          p = q;
        } else {
          p = skipParamValueChars(b, p, end);
          if (p == vs) {
            throw new BadSyntax(vs, "empty parameter value");
          }
          if (into.decode) {
            Uris.checkEscapes(b, vs, p);
          }
        }
        to = p;
      }
      into.add(from, ns, ne, vs, to);
    }
  }

  private static int skipParamChars(byte[] b, int p, int end) {
    while (p < end && (Lex.isToken(b[p]) || b[p] == '[' || b[p] == ']' || b[p] == '/'
        || b[p] == ':' || b[p] == '&' || b[p] == '$')) {
      p++;
    }
    return p;
  }

  private static int skipParamValueChars(byte[] b, int p, int end) {
    while (p < end && (Lex.isToken(b[p]) || b[p] == '[' || b[p] == ']' || b[p] == ':'
        || b[p] == '/' || b[p] == '&' || b[p] == '$' || (b[p] & 0x80) != 0)) {
      p++;
    }
    return p;
  }
}
