package io.sipalg.parser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AsciiCaseTest {
  @Test
  void foldsOnlyAsciiLetters() {
    assertThat(AsciiCase.lower("SIP.Example-1")).isEqualTo("sip.example-1");
    assertThat(AsciiCase.equalsIgnoreCase("Transport", "tRANSPORT")).isTrue();
    // each of these passes String.equalsIgnoreCase or toLowerCase for the ASCII name
    assertThat(AsciiCase.equalsIgnoreCase("\u017Fip", "sip")).isFalse(); // long s
    assertThat(AsciiCase.equalsIgnoreCase("\u0131p", "ip")).isFalse(); // dotless i
    assertThat(AsciiCase.lower("\u212Aey")).isEqualTo("\u212Aey"); // Kelvin sign stays
    assertThat(AsciiCase.equalsIgnoreCase("@", "`")).isFalse(); // 0x40 | 0x20 = 0x60
    String lower = "already lower";
    assertThat(AsciiCase.lower(lower)).isSameAs(lower); // no copy when nothing changes
  }
}
