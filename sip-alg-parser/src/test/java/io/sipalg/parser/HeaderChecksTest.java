package io.sipalg.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Header value checks against one-byte-at-a-time definitions of their grammar. */
class HeaderChecksTest {
  private static final String WORD = "-.!%*_+`'~()<>:\\\"/[]?{}";

  /** RFC 3261 {@code callid = word ["@" word]}, one byte at a time: "index reason" or "ok". */
  private static String callIdReference(byte[] b) {
    if (b.length == 0) {
      return "0 empty Call-ID";
    }
    int at = -1;
    for (int i = 0; i < b.length; i++) {
      int c = b[i];
      if (c == '@') {
        if (at >= 0 || i == 0 || i == b.length - 1) {
          return i + " misplaced '@' in Call-ID";
        }
        at = i;
      } else if (c < 0 || !(Lex.isAlpha(c) || Lex.isDigit(c) || WORD.indexOf(c) >= 0)) {
        return i + " invalid character in Call-ID";
      }
    }
    return "ok";
  }

  private static String callId(byte[] b) {
    try {
      HeaderChecks.callId(b, 0, b.length);
      return "ok";
    } catch (BadSyntax e) {
      return e.index + " " + e.getMessage();
    }
  }

  @Test
  void callIdAgreesWithItsGrammarOnRandomValues() {
    byte[] alphabet = "aZ09-.!%*_+`'~()<>:\\\"/[]?{}@@@ ;,\t\u0000"
        .getBytes(StandardCharsets.ISO_8859_1);
    Random random = new Random(7);
    for (int run = 0; run < 50_000; run++) {
      byte[] b = new byte[random.nextInt(12)];
      for (int k = 0; k < b.length; k++) {
        b[k] = random.nextInt(20) == 0 ? (byte) (0x80 + random.nextInt(128))
            : alphabet[random.nextInt(alphabet.length)];
      }
      assertThat(callId(b)).as(new String(b, StandardCharsets.ISO_8859_1))
          .isEqualTo(callIdReference(b));
    }
  }

  @Test
  void callIdNamesTheOffendingByte() {
    assertThat(callId("a84b4c76e66710@pc33.atlanta.com".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("ok");
    assertThat(callId("a@b@c".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("3 misplaced '@' in Call-ID");
    assertThat(callId("ab c".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("2 invalid character in Call-ID");
  }
}
