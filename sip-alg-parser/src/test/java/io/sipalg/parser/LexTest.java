package io.sipalg.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Quoted strings and control characters against byte-at-a-time definitions, on random inputs. */
class LexTest {
  private static final int REJECTED = -2;

  /** RFC 3261 25.1 quoted-string, one byte at a time; REJECTED for a forbidden control byte. */
  private static int skipQuotedReference(byte[] b, int p, int end) {
    p++;
    while (p < end) {
      int c = b[p] & 0xFF;
      if (c == '\\') {
        if (p + 1 < end && (b[p + 1] == '\r' || b[p + 1] == '\n')) {
          return REJECTED;
        }
        p += 2;
      } else if (c == '"') {
        return p + 1;
      } else if (c == '\t') {
        p++;
      } else if (c == '\r' && p + 2 < end && b[p + 1] == '\n' && isWsp(b[p + 2])) {
        p += 3;
      } else if (c == '\n' && p + 1 < end && isWsp(b[p + 1])) {
        p += 2;
      } else if (c < 0x20 || c == 0x7F) {
        return REJECTED;
      } else {
        p++;
      }
    }
    return -1;
  }

  private static boolean isWsp(byte c) {
    return c == ' ' || c == '\t';
  }

  private static int skipQuoted(byte[] b, int p, int end) {
    try {
      return Lex.skipQuoted(b, p, end);
    } catch (BadSyntax e) {
      return REJECTED;
    }
  }

  @Test
  void skipQuotedMatchesTheByteAtATimeDefinition() {
    Random rnd = new Random(11);
    byte[] alphabet = {'a', '"', '\\', ' ', (byte) 0xC3, (byte) 0xA9, '<', '\r', '\n', '\t', 0,
        0x7F, 0x1F};
    for (int round = 0; round < 20_000; round++) {
      byte[] b = new byte[1 + rnd.nextInt(40)];
      for (int i = 0; i < b.length; i++) {
        b[i] = rnd.nextInt(3) == 0 ? alphabet[rnd.nextInt(alphabet.length)] : (byte) 'x';
      }
      b[0] = '"';
      int end = rnd.nextInt(b.length + 1);
      if (end == 0) {
        continue;
      }
      assertThat(skipQuoted(b, 0, end)).as(Corpus.str(b) + " end " + end)
          .isEqualTo(skipQuotedReference(b, 0, end));
    }
  }

  @Test
  void skipQuotedHandlesEscapesAcrossWordBoundaries() {
    byte[] b = Corpus.bytes("\"0123456\\\"89abcdef\\\\\" tail");
    assertThat(skipQuoted(b, 0, b.length)).isEqualTo(b.length - 5);
    byte[] open = Corpus.bytes("\"unterminated \\\"");
    assertThat(skipQuoted(open, 0, open.length)).isEqualTo(-1);
  }

  @Test
  void onlyHtAndCrLfLooksAtNoByteBeforeItsRange() {
    byte[] b = Corpus.bytes("x\\\r\nVia: a\r\n\\\r\n");
    assertThat(Lex.onlyHtAndCrLf(b, 2, 12)).isTrue(); // the backslash at 1 is outside the range
    assertThat(Lex.onlyHtAndCrLf(b, 1, 12)).isFalse(); // inside it, it escapes the line break
    assertThat(Lex.onlyHtAndCrLf(b, 2, b.length)).isFalse(); // and so does the one at 12
  }

  @Test
  void indexOfControlFindsTheFirstControlByteAtAnyAlignment() {
    Random rnd = new Random(12);
    byte[] alphabet = {'a', ' ', '\t', '\r', '\n', 0, 0x1F, 0x7F, (byte) 0x80, (byte) 0xFF, '~'};
    for (int round = 0; round < 20_000; round++) {
      byte[] b = new byte[rnd.nextInt(40)];
      for (int i = 0; i < b.length; i++) {
        b[i] = rnd.nextInt(4) == 0 ? alphabet[rnd.nextInt(alphabet.length)] : (byte) 'x';
      }
      int start = b.length == 0 ? 0 : rnd.nextInt(b.length);
      int expected = -1;
      for (int i = start; i < b.length && expected < 0; i++) {
        int c = b[i] & 0xFF;
        expected = c < 0x20 || c == 0x7F ? i : -1;
      }
      assertThat(Lex.indexOfControl(b, start, b.length)).as(Corpus.str(b)).isEqualTo(expected);
    }
  }

  @Test
  void indexOfUnsafeControlFindsTheFirstBareCrOrNulAtAnyAlignment() {
    Random rnd = new Random(13);
    byte[] alphabet = {'\r', '\n', 0, (byte) 0x8D, (byte) 0x80, 0x0C, 0x0E, '\t', 'x'};
    for (int round = 0; round < 20_000; round++) {
      byte[] b = new byte[rnd.nextInt(40)];
      for (int i = 0; i < b.length; i++) {
        b[i] = rnd.nextInt(3) == 0 ? alphabet[rnd.nextInt(alphabet.length)] : (byte) 'x';
      }
      int start = b.length == 0 ? 0 : rnd.nextInt(b.length);
      int end = start + (b.length == start ? 0 : rnd.nextInt(b.length - start + 1));
      int expected = -1;
      for (int i = start; i < end && expected < 0; i++) {
        boolean bareCr = b[i] == '\r' && (i + 1 >= end || b[i + 1] != '\n');
        expected = b[i] == 0 || bareCr ? i : -1;
      }
      assertThat(Lex.indexOfUnsafeControl(b, start, end)).as(Corpus.str(b) + " [" + start + ", "
          + end + ")").isEqualTo(expected);
    }
  }

  @Test
  void numbersParseAlikeFromTextAndFromBytes() {
    String[] inputs = {"", "0", "3600", "4294967295", "4294967296", "0000000000000000000000003600",
        "12a", "-1", " 1", "1 ", "\u0661\u0662", "99999999999999999999", "18446744073709551616",
        "9223372036854775807", "00", "+5"};
    Random rnd = new Random(3);
    java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(inputs));
    for (int i = 0; i < 2000; i++) {
      StringBuilder sb = new StringBuilder();
      for (int k = 0, n = rnd.nextInt(24); k < n; k++) {
        sb.append(rnd.nextInt(12) == 0 ? (char) ('!' + rnd.nextInt(90)) : (char) ('0' + rnd.nextInt(10)));
      }
      all.add(sb.toString());
    }
    for (long max : new long[] {255, 0xFFFFFFFFL, Integer.MAX_VALUE, Long.MAX_VALUE}) {
      for (String in : all) {
        byte[] b = Lex.ascii(in);
        assertThat(Lex.parseUnsigned(in, max)).as(in + " max " + max)
            .isEqualTo(Lex.parseUnsigned(b, 0, b.length, max));
      }
    }
  }

  @Test
  void byteFormsOfTheClassTestsAgreeWithTheIntFormsForEveryByte() {
    for (int v = -128; v < 128; v++) {
      byte c = (byte) v;
      int widened = v; // what a caller holding an int from b[p] passes
      assertThat(Lex.isToken(c)).as("isToken %d", v).isEqualTo(Lex.isToken(widened));
      assertThat(Lex.isLws(c)).as("isLws %d", v).isEqualTo(Lex.isLws(widened));
      assertThat(Lex.isDigit(c)).as("isDigit %d", v).isEqualTo(Lex.isDigit(widened));
      assertThat(Lex.isAlpha(c)).as("isAlpha %d", v).isEqualTo(Lex.isAlpha(widened));
    }
  }
}
