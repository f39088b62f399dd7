package io.sipalg.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Quoted-string skipping against its byte-at-a-time definition, over random inputs. */
class LexTest {
  private static int skipQuotedReference(byte[] b, int p, int end) {
    p++;
    while (p < end) {
      if (b[p] == '\\') {
        p += 2;
      } else if (b[p] == '"') {
        return p + 1;
      } else {
        p++;
      }
    }
    return -1;
  }

  @Test
  void skipQuotedMatchesTheByteAtATimeDefinition() {
    Random rnd = new Random(11);
    byte[] alphabet = {'a', '"', '\\', ' ', (byte) 0xC3, (byte) 0xA9, '<', '\r'};
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
      assertThat(Lex.skipQuoted(b, 0, end)).as(Corpus.str(b) + " end " + end)
          .isEqualTo(skipQuotedReference(b, 0, end));
    }
  }

  @Test
  void skipQuotedHandlesEscapesAcrossWordBoundaries() {
    byte[] b = Corpus.bytes("\"0123456\\\"89abcdef\\\\\" tail");
    assertThat(Lex.skipQuoted(b, 0, b.length)).isEqualTo(b.length - 5);
    byte[] open = Corpus.bytes("\"unterminated \\\"");
    assertThat(Lex.skipQuoted(open, 0, open.length)).isEqualTo(-1);
  }
}
