package io.sipalg.parser;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Internal: a validated {@code *( ";" name [ "=" value ] )} list, kept as nothing but its span over
 * the message bytes. A lookup walks the list again: lists are a handful of parameters, and walking
 * them costs less than allocating and filling a span table for every Via, address and URI (most
 * lists are asked for one parameter, or none).
 *
 * <p>One loop ({@link #scan}) both validates (at parse time) and looks up (later), so the two can
 * never disagree about where a parameter starts or ends. The one parameter a value type is read for
 * on every message (a Via's {@code branch}, an address's {@code tag}) is noted while validating,
 * so reading it does not walk the list again.
 */
final class Params {
  static final Params EMPTY = new Params(new byte[0], 0, 0, false, null);

  private static final int VALIDATE = 0;
  private static final int VALUE_OF = 1;
  private static final int SPAN_OF = 2;
  private static final int NAME_AT = 3;
  private static final int VALUE_AT = 4;
  private static final int SPAN_AT = 5;
  private static final long NOT_FOUND = -1L;
  /** The list runs to the end of its span (no byte ends it early). */
  static final byte NO_STOP = 0;

  private final byte[] b;
  private final int from;
  private final boolean decode;
  private final String key;
  // Set by the validating scan, before the list is published through its owner's final field.
  private int to;
  private long keySpan = NOT_FOUND;

  private Params(byte[] b, int from, int to, boolean decode, String key) {
    this.b = b;
    this.from = from;
    this.to = to;
    this.decode = decode;
    this.key = key;
  }

  /**
   * Validates the list at {@code p} (see {@link #parse(byte[], int, int, byte, boolean)}) and
   * returns it, noting where parameter {@code key} is.
   */
  static Params parse(byte[] b, int p, int end, byte stop, boolean decode, String key)
      throws BadSyntax {
    Params params = new Params(b, p, p, decode, key);
    params.to = (int) scan(b, p, end, stop, decode, null, VALIDATE, params);
    return params;
  }

  /**
   * Like {@link #parse(byte[], int, int, byte, boolean, String)}, but returns {@link #EMPTY}
   * without allocating when no ';' follows {@code p} (most URIs and many addresses); the caller
   * then continues at {@link #endOr(byte[], int, int)}.
   */
  static Params parseIfAny(byte[] b, int p, int end, byte stop, boolean decode, String key)
      throws BadSyntax {
    int q = Lex.skipLws(b, p, end);
    return q < end && b[q] == ';' ? parse(b, p, end, stop, decode, key) : EMPTY;
  }

  /** Index just past this list, or for {@link #EMPTY} the first non-LWS byte at {@code p}. */
  int endOr(byte[] b, int p, int end) {
    return this == EMPTY ? Lex.skipLws(b, p, end) : to;
  }

  /** Index just past the list (where the validating scan stopped). */
  int end() {
    return to;
  }

  /**
   * Validates generic-params from {@code p} (at a ';' or end) until {@code end} or a byte in
   * {@code stop} (unless {@link #NO_STOP}) outside quotes; {@code decode} also validates
   * %-escapes (URI parameters).
   *
   * @return the index where the list stopped (its end)
   */
  static int parse(byte[] b, int p, int end, byte stop, boolean decode) throws BadSyntax {
    return (int) scan(b, p, end, stop, decode, null, VALIDATE, null);
  }

  boolean has(String name) {
    return valueSpan(name) != NOT_FOUND;
  }

  /** Value of a parameter; "" for a flag parameter; null when absent. */
  String get(String name) {
    long v = valueSpan(name);
    return v == NOT_FOUND ? null : value(v);
  }

  private long valueSpan(String name) {
    return name.equals(key) ? keySpan : lookup(name, VALUE_OF);
  }

  /** Absolute span {@code [";", end)} of a parameter, or null. */
  int[] span(String name) {
    long v = lookup(name, SPAN_OF);
    return v == NOT_FOUND ? null : new int[] {high(v), low(v)};
  }

  Map<String, String> asMap() {
    if (from >= to) {
      return Collections.emptyMap();
    }
    Map<String, String> m = new LinkedHashMap<>();
    // One parameter at a time from where the last one ended: walking from the list's start for
    // each would be quadratic, and a folded header can carry thousands of parameters.
    for (int p = from; ; ) {
      long span = first(p, SPAN_AT);
      if (span == NOT_FOUND) {
        break;
      }
      long name = first(high(span), NAME_AT);
      m.put(AsciiCase.lower(text(high(name), low(name))), value(first(high(span), VALUE_AT)));
      p = low(span);
    }
    return Collections.unmodifiableMap(m);
  }

  private long lookup(String name, int mode) {
    if (from >= to) {
      return NOT_FOUND;
    }
    try {
      return scan(b, from, to, NO_STOP, decode, name, mode, null);
    } catch (BadSyntax e) {
      throw new IllegalStateException("parameters were validated at parse time", e);
    }
  }

  /** NAME_AT / VALUE_AT / SPAN_AT of the first parameter at or after {@code p}. */
  private long first(int p, int mode) {
    try {
      return scan(b, p, to, NO_STOP, decode, null, mode, null);
    } catch (BadSyntax e) {
      throw new IllegalStateException("parameters were validated at parse time", e);
    }
  }

  private String value(long span) {
    int vs = high(span);
    int ve = low(span);
    if (vs == ve) {
      return "";
    }
    if (b[vs] == '"') {
      return Lex.str(b, vs + 1, ve - 1);
    }
    return text(vs, ve);
  }

  private String text(int start, int end) {
    if (!decode) {
      return Lex.str(b, start, end);
    }
    try {
      return Uris.decode(b, start, end);
    } catch (BadSyntax e) {
      throw new IllegalStateException("escapes were validated at parse time", e);
    }
  }

  private static boolean nameIs(byte[] b, int ns, int ne, String name, boolean decode) {
    if (decode && Lex.indexOf(b, ns, ne, '%') >= 0) {
      try {
        return AsciiCase.equalsIgnoreCase(Uris.decode(b, ns, ne), name);
      } catch (BadSyntax e) {
        throw new IllegalStateException("escapes were validated at parse time", e);
      }
    }
    return Lex.equalsIgnoreCase(b, ns, ne, name);
  }

  private static long pack(int high, int low) {
    return ((long) high << 32) | (low & 0xFFFFFFFFL);
  }

  private static int high(long packed) {
    return (int) (packed >>> 32);
  }

  private static int low(long packed) {
    return (int) packed;
  }

  /**
   * Walks the list from {@code p}. VALIDATE returns the stop index; VALUE_OF / SPAN_OF return the
   * packed value span (flag: empty) / {@code [";", end)} span of the parameter called
   * {@code name}; NAME_AT / VALUE_AT / SPAN_AT those of the first parameter at {@code p};
   * NOT_FOUND otherwise.
   * VALIDATE also notes the value span of {@code into}'s key parameter, if any.
   */
  private static long scan(byte[] b, int p, int end, byte stop, boolean decode, String name,
      int mode, Params into) throws BadSyntax {
    while (true) {
      p = Lex.skipLws(b, p, end);
      if (p >= end || b[p] == stop && stop != NO_STOP) {
        return mode == VALIDATE ? p : NOT_FOUND;
      }
      if (b[p] != ';') {
        throw new BadSyntax(p, "expected ';' before parameter, found '" + (char) b[p] + "'");
      }
      int semi = p;
      p = Lex.skipLws(b, p + 1, end);
      int ns = p;
      p = Lex.skipParamName(b, p, end);
      if (p == ns) {
        throw new BadSyntax(ns, "empty parameter");
      }
      int ne = p;
      if (decode) {
        Uris.checkEscapes(b, ns, ne);
      }
      p = Lex.skipLws(b, p, end);
      int vs = ne;
      int ve = ne;
      if (p < end && b[p] == '=') {
        p = Lex.skipLws(b, p + 1, end);
        vs = p;
        if (p < end && b[p] == '"') {
          p = Lex.skipQuoted(b, p, end);
          if (p < 0) {
            throw new BadSyntax(vs, "unterminated quoted parameter value");
          }
        } else {
          p = Lex.skipParamValue(b, p, end);
          if (p == vs) {
            throw new BadSyntax(vs, "empty parameter value");
          }
          if (decode) {
            Uris.checkEscapes(b, vs, p);
          }
        }
        ve = p;
      }
      switch (mode) {
        case VALIDATE:
          if (into != null && into.key != null && into.keySpan == NOT_FOUND
              && nameIs(b, ns, ne, into.key, decode)) {
            into.keySpan = pack(vs, ve);
          }
          break;
        case VALUE_OF:
        case SPAN_OF:
          if (nameIs(b, ns, ne, name, decode)) {
            return mode == VALUE_OF ? pack(vs, ve) : pack(semi, ve);
          }
          break;
        case NAME_AT:
          return pack(ns, ne);
        case VALUE_AT:
          return pack(vs, ve);
        case SPAN_AT:
          return pack(semi, ve);
        default:
          break;
      }
    }
  }
}
