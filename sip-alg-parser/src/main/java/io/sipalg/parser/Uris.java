package io.sipalg.parser;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Internal: %-decoding and host syntax shared by URI and Via tokenisers. */
final class Uris {
  private Uris() {}

  /** Decodes %HH escapes exactly once (so {@code %2541} becomes {@code %41}); UTF-8 result. */
  static String decode(byte[] b, int s, int e) throws BadSyntax {
    int pct = Lex.indexOf(b, s, e, '%');
    if (pct < 0) {
      return Lex.str(b, s, e);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(e - s);
    for (int i = s; i < e; i++) {
      if (b[i] == '%') {
        if (i + 2 >= e) {
          throw new BadSyntax(i, "truncated %-escape");
        }
        int hi = Lex.hex(b[i + 1]);
        int lo = Lex.hex(b[i + 2]);
        if (hi < 0 || lo < 0) {
          throw new BadSyntax(i, "invalid %-escape");
        }
        out.write(hi * 16 + lo);
        i += 2;
      } else {
        out.write(b[i]);
      }
    }
    return new String(out.toByteArray(), StandardCharsets.UTF_8);
  }

  /** Checks that every {@code %} in {@code b[s, e)} starts a valid {@code %HH} escape. */
  static void checkEscapes(byte[] b, int s, int e) throws BadSyntax {
    for (int i = Lex.indexOf(b, s, e, '%'); i >= 0; i = Lex.indexOf(b, i + 1, e, '%')) {
      if (i + 2 >= e || Lex.hex(b[i + 1]) < 0 || Lex.hex(b[i + 2]) < 0) {
        throw new BadSyntax(i, "invalid %-escape");
      }
    }
  }

  /**
   * Scans a host ({@code [IPv6]}, IPv4 or hostname) at {@code p}; returns its end index.
   *
   * @throws BadSyntax when no valid host starts at p
   */
  static int scanHost(byte[] b, int p, int end) throws BadSyntax {
    if (p < end && b[p] == '[') {
      int close = Lex.indexOf(b, p, end, ']');
      if (close < 0) {
        throw new BadSyntax(p, "unterminated IPv6 reference");
      }
      boolean colon = false;
      for (int i = p + 1; i < close; i++) {
        int c = b[i];
        if (c == ':') {
          colon = true;
        } else if (Lex.hex(c) < 0 && c != '.') {
          throw new BadSyntax(i, "invalid character in IPv6 reference");
        }
      }
      if (!colon) {
        throw new BadSyntax(p, "IPv6 reference without ':'");
      }
      return close + 1;
    }
    int s = p;
    p = Lex.skipHostChars(b, p, end);
    if (p == s) {
      throw new BadSyntax(s, "missing host");
    }
    if (b[s] == '.' || b[s] == '-') {
      throw new BadSyntax(s, "host starts with '" + (char) b[s] + "'");
    }
    return p;
  }

  /** Scans an optional {@code :port} at p (p at ':' or not); returns its end; port 0..65535. */
  static int scanPort(byte[] b, int p, int end) throws BadSyntax {
    if (p >= end || b[p] != ':') {
      return p;
    }
    int ds = p + 1;
    int de = ds;
    while (de < end && Lex.isDigit(b[de])) {
      de++;
    }
    if (Lex.parseUnsigned(b, ds, de, 65535) < 0) {
      throw new BadSyntax(ds, "invalid port");
    }
    return de;
  }
}
