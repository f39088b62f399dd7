package io.sipalg.parser;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Internal: a parsed {@code *( ";" name [ "=" value ] )} list with the absolute span of each. */
final class Params {
  static final Params EMPTY = new Params();

  private final List<String> names = new ArrayList<>(2);
  private final List<String> values = new ArrayList<>(2);
  private final List<int[]> spans = new ArrayList<>(2);

  void add(String name, String value, int from, int to) {
    names.add(name);
    values.add(value);
    spans.add(new int[] {from, to});
  }

  int size() {
    return names.size();
  }

  int indexOf(String name) {
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equalsIgnoreCase(name)) {
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
    if (i < 0) {
      return null;
    }
    String v = values.get(i);
    return v == null ? "" : v;
  }

  /** Absolute span {@code [";", end)} of a parameter, or null. */
  int[] span(String name) {
    int i = indexOf(name);
    return i < 0 ? null : spans.get(i);
  }

  Map<String, String> asMap() {
    if (names.isEmpty()) {
      return Collections.emptyMap();
    }
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      String v = values.get(i);
      m.put(names.get(i).toLowerCase(Locale.ROOT), v == null ? "" : v);
    }
    return Collections.unmodifiableMap(m);
  }

  /**
   * Parses generic-params from {@code p} (at a ';' or end) until {@code end} or a byte in
   * {@code stops} outside quotes. Returns the index where parsing stopped.
   */
  static int parse(byte[] b, int p, int end, String stops, Params into, boolean decode)
      throws BadSyntax {
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
      String name = decode ? Uris.decode(b, ns, p) : Lex.str(b, ns, p);
      p = Lex.skipLws(b, p, end);
      String value = null;
      if (p < end && b[p] == '=') {
        p = Lex.skipLws(b, p + 1, end);
        if (p < end && b[p] == '"') {
          int q = Lex.skipQuoted(b, p, end);
          if (q < 0) {
            throw new BadSyntax(p, "unterminated quoted parameter value");
          }
          value = Lex.str(b, p + 1, q - 1);
          p = q;
        } else {
          int vs = p;
          p = skipParamValueChars(b, p, end);
          if (p == vs) {
            throw new BadSyntax(vs, "empty value for parameter " + name);
          }
          value = decode ? Uris.decode(b, vs, p) : Lex.str(b, vs, p);
        }
      }
      into.add(name, value, from, p);
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
