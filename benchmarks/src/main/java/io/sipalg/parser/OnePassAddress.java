package io.sipalg.parser;

/**
 * Benchmark experiment, not library code (like {@link MinimalTouch}, in the parser's package to
 * reach the framed header index): how many instructions a read of an address's URI host costs
 * when the value is checked in one pass, instead of through {@code NameAddress}, {@code SipUri}
 * and {@code Params} (about eight short loops per URI, each with the JIT's set-up around it).
 * A fast lane only: {@code [quoted display] <sip:[user@]host[:port][;params]> *(;param)}, no
 * escapes in quoted strings, no LWS; anything else throws (a library version would hand it to the
 * general parser; the experiment's sample stays in the lane, and a measure of a value it left
 * would be void). It objects to less than the library does in places (user and parameter bytes
 * are one coarse class), so it does no more work than a library version would. docs/benchmarks.md,
 * Gaps 1, has what it measured.
 */
public final class OnePassAddress {
  private OnePassAddress() {}

  private static final byte BAD = 0;
  private static final byte ALNUM = 1; // host and user and param
  private static final byte MARK = 2; // - . _ : host bytes that are not letters or digits
  private static final byte USERP = 3; // user/param only: ! ~ * ' ( ) & + $ , / ? [ ] % `
  private static final byte AT = 4;
  private static final byte COLON = 5;
  private static final byte SEMI = 6;
  private static final byte GT = 7;
  private static final byte EQ = 8;
  private static final byte[] K = new byte[256];

  static {
    for (int c = 'a'; c <= 'z'; c++) {
      K[c] = ALNUM;
      K[c - 32] = ALNUM;
    }
    for (int c = '0'; c <= '9'; c++) {
      K[c] = ALNUM;
    }
    for (char c : "-._".toCharArray()) {
      K[c] = MARK;
    }
    for (char c : "!~*'()&+$,/?[]%`".toCharArray()) {
      K[c] = USERP;
    }
    K['@'] = AT;
    K[':'] = COLON;
    K[';'] = SEMI;
    K['>'] = GT;
    K['='] = EQ;
  }

  /** The To URI's host. */
  public static String toHost(SipMessage m) throws BadSyntax {
    return host(m, HotHeaders.TO);
  }

  /** The first Contact field's URI host (its first value). */
  public static String contactHost(SipMessage m) throws BadSyntax {
    return host(m, HotHeaders.CONTACT);
  }

  /** Host of the first field {@code id}'s URI: found, control-checked, checked, made a String. */
  private static String host(SipMessage m, byte id) throws BadSyntax {
    int i = m.findHot(id, 0);
    m.controls(i);
    long span = hostSpan(m.b, m.vs(i), m.ve(i));
    if (span < 0) {
      throw new IllegalStateException("the value left the fast lane");
    }
    return Lex.str(m.b, (int) (span >>> 32), (int) span);
  }

  /** Packed {@code [host start, host end)} of the address {@code b[p, e)}; -1 outside the lane. */
  static long hostSpan(byte[] b, int p, int e) {
    if (p >= e) {
      return -1;
    }
    if (b[p] == '"') {
      p = skipPlainQuoted(b, p, e);
      if (p < 0) {
        return -1;
      }
      while (p < e && b[p] == ' ') {
        p++;
      }
    }
    if (e - p < 6 || b[p] != '<' || (b[p + 1] | 0x20) != 's' || (b[p + 2] | 0x20) != 'i'
        || (b[p + 3] | 0x20) != 'p' || b[p + 4] != ':') {
      return -1;
    }
    p += 5;
    int hs = p;
    int at = -1;
    int lastNonHost = p - 1; // host = [hs, he): every byte in it must be ALNUM or MARK
    int colon = -1;
    // user@host:port, one loop; the URI ends at ';' (params) or '>'
    for (; ; p++) {
      if (p >= e) {
        return -1;
      }
      byte k = K[b[p] & 0xFF];
      if (k == ALNUM || k == MARK) {
        continue;
      }
      if (k == USERP || k == EQ) {
        lastNonHost = p;
        continue;
      }
      if (k == AT) {
        if (at >= 0 || p == hs) {
          return -1;
        }
        at = p;
        hs = p + 1;
        colon = -1;
        continue;
      }
      if (k == COLON) {
        if (colon < 0) {
          colon = p;
        }
        lastNonHost = p;
        continue;
      }
      if (k == SEMI || k == GT) {
        break;
      }
      return -1;
    }
    // a ':' after the host is the port; one before '@' was the password
    int he = colon > hs ? colon : p;
    if (he == hs || lastNonHost >= hs && lastNonHost != colon || b[hs] == '.' || b[hs] == '-') {
      return -1;
    }
    if (colon > hs) {
      int port = 0;
      if (colon + 1 == p) {
        return -1;
      }
      for (int q = colon + 1; q < p; q++) {
        int d = b[q] - '0';
        if (d < 0 || d > 9 || (port = port * 10 + d) > 65535) {
          return -1;
        }
      }
    }
    // URI parameters up to '>'
    while (b[p] == ';') {
      int ns = ++p;
      while (p < e && K[b[p] & 0xFF] != SEMI && K[b[p] & 0xFF] != GT && K[b[p] & 0xFF] != EQ) {
        if (K[b[p] & 0xFF] == BAD) {
          return -1;
        }
        p++;
      }
      if (p == ns || p >= e) {
        return -1;
      }
      if (b[p] == '=') {
        int vs = ++p;
        while (p < e && K[b[p] & 0xFF] != SEMI && K[b[p] & 0xFF] != GT) {
          if (K[b[p] & 0xFF] == BAD) {
            return -1;
          }
          p++;
        }
        if (p == vs || p >= e) {
          return -1;
        }
      }
    }
    if (b[p] != '>') {
      return -1;
    }
    p++;
    // header parameters: ;token[=token|quoted]
    while (p < e) {
      if (b[p] != ';') {
        return -1;
      }
      int ns = ++p;
      while (p < e && Lex.isToken(b[p])) {
        p++;
      }
      if (p == ns) {
        return -1;
      }
      if (p < e && b[p] == '=') {
        int vs = ++p;
        if (p < e && b[p] == '"') {
          p = skipPlainQuoted(b, p, e);
          if (p < 0) {
            return -1;
          }
        } else {
          while (p < e && Lex.isToken(b[p])) {
            p++;
          }
          if (p == vs) {
            return -1;
          }
        }
      }
    }
    return ((long) hs << 32) | he;
  }

  /** Index after the quoted string at the '"' at {@code p}; -1 if unclosed or not plain. */
  private static int skipPlainQuoted(byte[] b, int p, int e) {
    for (p++; p < e; p++) {
      int c = b[p] & 0xFF;
      if (c == '"') {
        return p + 1;
      }
      if (c == '\\' || c < 0x20 || c == 0x7F) {
        return -1; // escapes and folds leave the fast lane
      }
    }
    return -1;
  }
}
