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

  @Test
  void byteLookupAgreesWithTheStringLookup() {
    java.util.Random rnd = new java.util.Random(7);
    java.util.List<String> names = new java.util.ArrayList<>(java.util.List.of("Via", "v", "V",
        "x-custom", "Content-Lengthy", "Content", "", "P-Asserted-Identity", "y", "q", "User-Agent",
        "WWW-Authenticate", "MIME-Version", "Min-SE", "RSeq", "rseq", "To ", "Sub ject"));
    names.addAll(HeaderNames.registeredNames());
    assertThat(HeaderNames.registeredNames()).hasSizeGreaterThan(100);
    for (char c = 'a'; c <= 'z'; c++) {
      names.add(String.valueOf(c));
    }
    for (int i = 0; i < 2000; i++) {
      String base = names.get(rnd.nextInt(names.size()));
      StringBuilder spelled = new StringBuilder();
      for (char ch : base.toCharArray()) {
        spelled.append(rnd.nextBoolean() ? Character.toUpperCase(ch) : Character.toLowerCase(ch));
      }
      String name = spelled.toString();
      byte[] b = Corpus.bytes("##" + name + "##");
      String registered = HeaderNames.registered(b, 2, 2 + name.length());
      String canonical = HeaderNames.canonical(name);
      if (HeaderNames.isKnown(name)) {
        assertThat(registered).as(name).isEqualTo(canonical);
      } else {
        assertThat(registered).as(name).isNull();
        assertThat(canonical).isEqualTo(name);
      }
    }
  }
}
