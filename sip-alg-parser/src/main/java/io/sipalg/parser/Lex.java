package io.sipalg.parser;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Byte-level scanning helpers shared by the framer and the tokenisers; no allocation unless noted. */
final class Lex {
  private Lex() {}

  // One table lookup per byte instead of a chain of comparisons: every tokeniser loop tests bytes
  // against these classes, so this is where parsing spends most of its time.
  private static final int LWS = 1;
  private static final int TOKEN = 2;
  private static final int DIGIT = 4;
  private static final int ALPHA = 8;
  /** Parameter name bytes (RFC 3261 pname / token): token plus {@code [ ] / : & $}. */
  private static final int PARAM_NAME = 16;
  /** Parameter value bytes: a name's plus any non-ASCII byte. */
  private static final int PARAM_VALUE = 32;
  /** Host name / IPv4 bytes: letters, digits, {@code - . _}. */
  private static final int HOST = 64;
  /** Bytes a URI pass must stop at: LWS, control bytes, {@code < > " @ %}. */
  private static final int URI_SPECIAL = 128;
  private static final byte[] CLASS = new byte[256];

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      CLASS[c] |= TOKEN | ALPHA;
      CLASS[c - 32] |= TOKEN | ALPHA;
    }
    for (char c = '0'; c <= '9'; c++) {
      CLASS[c] |= TOKEN | DIGIT;
    }
    for (char c : "-.!%*_+`'~".toCharArray()) {
      CLASS[c] |= TOKEN;
    }
    for (char c : " \t\r\n".toCharArray()) {
      CLASS[c] |= LWS;
    }
    for (int c = 0; c < 256; c++) {
      if ((CLASS[c] & TOKEN) != 0 || "[]/:&$".indexOf(c) >= 0) {
        CLASS[c] |= PARAM_NAME | PARAM_VALUE;
      }
      if (c >= 0x80) {
        CLASS[c] |= PARAM_VALUE;
      }
      if ((CLASS[c] & (ALPHA | DIGIT)) != 0 || c == '-' || c == '.' || c == '_') {
        CLASS[c] |= HOST;
      }
      if ((CLASS[c] & LWS) != 0 || "<>\"@%".indexOf(c) >= 0 || c < 0x20 || c == 0x7F) {
        CLASS[c] |= (byte) URI_SPECIAL; // control bytes: no URI holds them, opaque ones neither
      }
    }
  }

  /** The first byte at or after {@code p} that a URI pass must look at (see URI_SPECIAL), or end. */
  static int nextUriSpecial(byte[] b, int p, int end) {
    while (p < end && (CLASS[b[p] & 0xFF] & URI_SPECIAL) == 0) {
      p++;
    }
    return p;
  }

  /** End of the parameter name starting at {@code p}. */
  static int skipParamName(byte[] b, int p, int end) {
    while (p < end && (CLASS[b[p] & 0xFF] & PARAM_NAME) != 0) {
      p++;
    }
    return p;
  }

  /** End of the unquoted parameter value starting at {@code p}. */
  static int skipParamValue(byte[] b, int p, int end) {
    while (p < end && (CLASS[b[p] & 0xFF] & PARAM_VALUE) != 0) {
      p++;
    }
    return p;
  }

  /** End of the host name or IPv4 address starting at {@code p}. */
  static int skipHostChars(byte[] b, int p, int end) {
    while (p < end && (CLASS[b[p] & 0xFF] & HOST) != 0) {
      p++;
    }
    return p;
  }

  // The int forms serve chars and ints: a byte at or above 0x80 widens to a negative int, and
  // every class here holds ASCII only, so "outside 0..255 is false" is right for both. A byte
  // argument takes the byte forms below, which give the same answers (LexTest checks all 256).

  static boolean isToken(int c) {
    return (c & ~0xFF) == 0 && (CLASS[c] & TOKEN) != 0;
  }

  /** LWS inside a (possibly folded) header value: SP, HT, CR, LF. */
  static boolean isLws(int c) {
    return (c & ~0xFF) == 0 && (CLASS[c] & LWS) != 0;
  }

  static boolean isDigit(int c) {
    return (c & ~0xFF) == 0 && (CLASS[c] & DIGIT) != 0;
  }

  static boolean isAlpha(int c) {
    return (c & ~0xFF) == 0 && (CLASS[c] & ALPHA) != 0;
  }

  // Byte forms of the above for the per-byte loops: the unsigned value indexes the table with no
  // sign or range check, and a byte at or above 0x80 is in none of these classes, as above.

  static boolean isToken(byte c) {
    return (CLASS[c & 0xFF] & TOKEN) != 0;
  }

  static boolean isLws(byte c) {
    return (CLASS[c & 0xFF] & LWS) != 0;
  }

  static boolean isDigit(byte c) {
    return (CLASS[c & 0xFF] & DIGIT) != 0;
  }

  static boolean isAlpha(byte c) {
    return (CLASS[c & 0xFF] & ALPHA) != 0;
  }

  static int lower(int b) {
    return b >= 'A' && b <= 'Z' ? b + 32 : b;
  }

  static int skipLws(byte[] b, int p, int end) {
    while (p < end && isLws(b[p])) {
      p++;
    }
    return p;
  }

  static int trimEnd(byte[] b, int start, int end) {
    while (end > start && isLws(b[end - 1])) {
      end--;
    }
    return end;
  }

  static int skipToken(byte[] b, int p, int end) {
    while (p < end && isToken(b[p])) {
      p++;
    }
    return p;
  }

  /** Case-insensitive comparison of {@code b[start, end)} with an ASCII string. */
  static boolean equalsIgnoreCase(byte[] b, int start, int end, String s) {
    if (end - start != s.length()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (lower(b[start + i]) != lower(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;

  /**
   * Index of the first LF in {@code b[start, end)}, or -1. Scans eight bytes per step (SWAR): the
   * framer and the header indexer spend most of their time here.
   */
  static int indexOfNewline(byte[] b, int start, int end) {
    int i = start;
    // a counted loop (constant stride, fixed bound): no safepoint poll per step, checks hoisted
    for (int last = end - 8; i <= last; i += 8) {
      long found = zeroBytes((long) LONGS.get(b, i) ^ NEWLINES);
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; i < end; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** High bit set in the lowest zero byte of {@code x}; bits above it may be false hits. */
  private static long zeroBytes(long x) {
    return (x - ONES) & ~x & HIGHS;
  }

  static int indexOf(byte[] b, int start, int end, int c) {
    for (int i = start; i < end; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  /** Parses unsigned decimal digits; -1 when empty, not all digits or above {@code max}. */
  static long parseUnsigned(byte[] b, int start, int end, long max) {
    if (start >= end || end - start > 18) {
      return end - start > 18 ? parseLong(b, start, end, max) : -1;
    }
    long v = 0;
    for (int i = start; i < end; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d; // 18 digits cannot overflow a long: compare once at the end
    }
    return v <= max ? v : -1;
  }

  /** {@link #parseUnsigned(byte[], int, int, long)} of a decoded value, without encoding it. */
  static long parseUnsigned(String s, long max) {
    if (s.isEmpty()) {
      return -1;
    }
    long v = 0;
    for (int i = 0; i < s.length(); i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9 || v > (max - d) / 10) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }

  /** The slow path for more than 18 digits (leading zeros or a value that cannot fit). */
  private static long parseLong(byte[] b, int start, int end, long max) {
    long v = 0;
    for (int i = start; i < end; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9 || v > (max - d) / 10) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }

  static String str(byte[] b, int start, int end) {
    return new String(b, start, end - start, StandardCharsets.UTF_8);
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Index after the quoted-string starting at the '"' at {@code p} (RFC 3261 25.1), or -1 when
   * it is not closed before {@code end}. Inside, a control character other than HT or a folded
   * line break (CRLF or LF followed by SP/HT) is a syntax error: a bare CR or a NUL forwarded in a
   * display name is how one element's header becomes another element's two.
   */
  static int skipQuoted(byte[] b, int p, int end) throws BadSyntax {
    p++;
    while (p < end) {
      int c = b[p] & 0xFF;
      if (c == '"') {
        return p + 1;
      }
      if (c == '\\') {
        if (p + 1 < end && (b[p + 1] == '\r' || b[p + 1] == '\n')) {
          throw new BadSyntax(p + 1, "line break escaped in a quoted string");
        }
        p += 2;
        continue;
      }
      if (c < 0x20 || c == 0x7F) {
        int folded = skipAllowedControl(b, p, end);
        if (folded < 0) {
          throw new BadSyntax(p, controlCharacter(c) + " in a quoted string");
        }
        p = folded;
        continue;
      }
      p++;
    }
    return -1;
  }

  /**
   * Index after the control byte at {@code p} when a value may hold it: an HT, or a folded line
   * break (CRLF or LF, then SP or HT); -1 for any other control character.
   */
  static int skipAllowedControl(byte[] b, int p, int end) {
    int c = b[p];
    if (c == '\t') {
      return p + 1;
    }
    int lf = c == '\r' && p + 1 < end && b[p + 1] == '\n' ? p + 1 : c == '\n' ? p : -1;
    return lf >= 0 && lf + 1 < end && (b[lf + 1] == ' ' || b[lf + 1] == '\t') ? lf + 2 : -1;
  }

  private static final long SPACES = 0x2020202020202020L;
  private static final long DELETES = 0x7F7F7F7F7F7F7F7FL;

  /**
   * Index of the first control character (below 0x20, or DEL) in {@code b[start, end)}, or -1.
   * Eight bytes per step: every header value of every validated message goes through here, and
   * almost none holds one.
   */
  static int indexOfControl(byte[] b, int start, int end) {
    int i = start;
    while (i + 8 <= end) {
      long x = (long) LONGS.get(b, i);
      // bytes below 0x20 (high bit clear) borrow like zero bytes do; DEL is zero after XOR
      long found = ((x - SPACES) & ~x & HIGHS) | zeroBytes(x ^ DELETES);
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
      i += 8;
    }
    for (; i < end; i++) {
      int c = b[i] & 0xFF;
      if (c < 0x20 || c == 0x7F) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Index of the first bare CR (one not followed by LF) or NUL in {@code b[start, end)}, or -1:
   * the bytes other elements may take for a line end or a string end (RFC 9110 5.5 asks a
   * forwarding element to reject them or replace them with SP).
   */
  static int indexOfUnsafeControl(byte[] b, int start, int end) {
    int i = start;
    while (i + 8 <= end) { // eight bytes per step: every forwarded message's head comes here
      long x = (long) LONGS.get(b, i);
      long found = zeroBytes(x) | zeroBytes(x ^ CRS);
      if (found == 0) {
        i += 8;
        continue;
      }
      int p = i + (Long.numberOfTrailingZeros(found) >>> 3); // the lowest flag is always exact
      if (isUnsafeControl(b, p, end)) {
        return p;
      }
      i = p + 1; // the CR of a CRLF
    }
    for (; i < end; i++) {
      if (isUnsafeControl(b, i, end)) {
        return i;
      }
    }
    return -1;
  }

  private static final long CRS = 0x0D0D0D0D0D0D0D0DL;

  /**
   * Whether the only control bytes (below 0x20, or DEL) in {@code b[start, end)} are HT and CR
   * immediately followed by LF and not preceded by a backslash: then no header value holds a
   * control byte a value may not hold (an HT, or the CRLF of a fold, which is always followed by
   * SP or HT; a backslash before it would escape a line break inside a quoted string).
   */
  static boolean onlyHtAndCrLf(byte[] b, int start, int end) {
    int i = start;
    while (i + 8 <= end) { // eight bytes per step, restarting after each line end
      long x = (long) LONGS.get(b, i);
      long found = ((x - SPACES) & ~x & HIGHS) | zeroBytes(x ^ DELETES);
      if (found == 0) {
        i += 8;
        continue;
      }
      int p = i + (Long.numberOfTrailingZeros(found) >>> 3); // the lowest flag is always exact
      i = afterHtOrCrLf(b, start, p, end);
      if (i < 0) {
        return false;
      }
    }
    while (i < end) {
      int c = b[i] & 0xFF;
      if (c >= 0x20 && c != 0x7F) {
        i++;
      } else if ((i = afterHtOrCrLf(b, start, i, end)) < 0) {
        return false;
      }
    }
    return true;
  }

  /** After the HT or clean CRLF at {@code p}; a backslash before {@code start} is not looked at. */
  private static int afterHtOrCrLf(byte[] b, int start, int p, int end) {
    if (b[p] == '\t') {
      return p + 1;
    }
    boolean crLf = b[p] == '\r' && p + 1 < end && b[p + 1] == '\n';
    return crLf && (p == start || b[p - 1] != '\\') ? p + 2 : -1;
  }

  private static boolean isUnsafeControl(byte[] b, int p, int end) {
    return b[p] == 0 || b[p] == '\r' && (p + 1 >= end || b[p + 1] != '\n');
  }

  /** How an error names a control character: {@code "control character 0x0D"}. */
  static String controlCharacter(int c) {
    return String.format("control character 0x%02X", c & 0xFF);
  }

  /** Returns the value of a hex digit or -1. */
  static int hex(int c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    c = lower(c);
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return -1;
  }

  /** Collapses folding (CRLF followed by whitespace) into a single space, for display values. */
  static String unfold(byte[] b, int start, int end) {
    int cr = -1;
    for (int i = start; i < end; i++) {
      if (b[i] == '\r' || b[i] == '\n') {
        cr = i;
        break;
      }
    }
    if (cr < 0) {
      return str(b, start, end);
    }
    StringBuilder sb = new StringBuilder(end - start);
    int i = start;
    while (i < end) {
      byte c = b[i];
      if (c == '\r' || c == '\n') {
        int j = i;
        while (j < end && isLws(b[j])) {
          j++;
        }
        while (sb.length() > 0 && (sb.charAt(sb.length() - 1) == ' ' || sb.charAt(sb.length() - 1) == '\t')) {
          sb.setLength(sb.length() - 1);
        }
        sb.append(' ');
        i = j;
      } else {
        int j = i;
        while (j < end && b[j] != '\r' && b[j] != '\n') {
          j++;
        }
        sb.append(str(b, i, j));
        i = j;
      }
    }
    return sb.toString();
  }
}
