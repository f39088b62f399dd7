package io.sipalg.parser;

import static io.sipalg.parser.Corpus.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageCheckTest {
  @Test
  void okLinesNameTheMethodOrCode() {
    assertThat(MessageCheck.verdict(bytes(Corpus.REGISTER))).isEqualTo("OK request REGISTER");
    assertThat(MessageCheck.verdict(Corpus.valid("unreason"))).isEqualTo("OK response 200");
    assertThat(MessageCheck.isOk("OK request INVITE")).isTrue();
    assertThat(MessageCheck.isOk("INVALID x")).isFalse();
  }

  @Test
  void invalidLinesNameTheHeaderOrLine() {
    assertThat(MessageCheck.verdict(Corpus.invalid("badinv01")))
        .startsWith("INVALID malformed Via header at offset 217: ");
    assertThat(MessageCheck.verdict(Corpus.invalid("ncl")))
        .isEqualTo("INVALID framing: malformed Content-Length header: negative Content-Length -999");
    assertThat(MessageCheck.verdict(Corpus.invalid("clerr")))
        .isEqualTo("INVALID Content-Length 9999 larger than the 154 body bytes present");
    assertThat(MessageCheck.verdict(Corpus.valid("dblreq")))
        .isEqualTo("INVALID 450 trailing bytes after the body (Content-Length 0)");
    assertThat(MessageCheck.verdict(Corpus.valid("inv2543")))
        .isEqualTo("INVALID framing: missing Content-Length header");
    assertThat(MessageCheck.verdict(Corpus.invalid("bigcode")))
        .startsWith("INVALID start line: status line: ");
    assertThat(MessageCheck.verdict(Corpus.invalid("badvers")))
        .isEqualTo("INVALID unsupported SIP version SIP/7.0");
    assertThat(MessageCheck.verdict(new byte[0])).isEqualTo("INVALID empty file");
    assertThat(MessageCheck.verdict(bytes("\r\n\r\n"))).startsWith("INVALID");
    assertThat(MessageCheck.verdict(bytes("not sip at all"))).startsWith("INVALID");
  }

  @Test
  void hugeContentLengthInAFileDoesNotAllocate() {
    String msg = Corpus.REGISTER.replace("Content-Length: 0", "Content-Length: 2147483647");
    assertThat(MessageCheck.verdict(bytes(msg))).isEqualTo(
        "INVALID Content-Length 2147483647 larger than the 0 body bytes present");
  }
}
