package io.sipalg.parser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeaderNamesTest {
  @Test
  void expandsCompactFormsCaseInsensitively() {
    assertThat(HeaderNames.expandCompact('v')).isEqualTo("Via");
    assertThat(HeaderNames.expandCompact('I')).isEqualTo("Call-ID");
    assertThat(HeaderNames.expandCompact('l')).isEqualTo("Content-Length");
  }

  @Test
  void rejectsLettersThatAreNotCompactForms() {
    assertThat(HeaderNames.expandCompact('z')).isNull();
    assertThat(HeaderNames.expandCompact('1')).isNull();
  }
}
