package io.sipalg.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parameter lists: validation, lookups by walking the span, and the noted key parameter. */
class ParamsTest {
  private static Params parse(String list, String stops, boolean decode, String key)
      throws BadSyntax {
    byte[] b = Corpus.bytes(list);
    return Params.parse(b, 0, b.length, stops.isEmpty() ? Params.NO_STOP : (byte) stops.charAt(0), decode,
        key);
  }

  @Test
  void looksUpValuesFlagsAndQuotedValuesInAnyCase() throws Exception {
    Params p = parse(" ; branch=z9hG4bK1 ;RPort; received = 10.0.0.1;q=\"a;b,c\"", "", false,
        "branch");
    assertThat(p.get("branch")).isEqualTo("z9hG4bK1");
    assertThat(p.get("rport")).isEmpty();
    assertThat(p.has("rport")).isTrue();
    assertThat(p.get("RECEIVED")).isEqualTo("10.0.0.1");
    assertThat(p.get("q")).isEqualTo("a;b,c");
    assertThat(p.get("missing")).isNull();
    assertThat(p.asMap()).containsExactly(Map.entry("branch", "z9hG4bK1"), Map.entry("rport", ""),
        Map.entry("received", "10.0.0.1"), Map.entry("q", "a;b,c"));
  }

  @Test
  void asMapReadsLongListsInOrderWithTheLastValueOfARepeatedName() throws Exception {
    StringBuilder list = new StringBuilder();
    for (int i = 0; i < 5000; i++) { // a folded header can hold thousands (one pass, not n^2)
      list.append(i % 3 == 0 ? " ;p" + i : i % 3 == 1 ? ";p" + i + "=v" + i : ";p" + i + "=\"q;" + i + "\"");
    }
    list.append(";P0=again");
    Map<String, String> m = parse(list.toString(), "", false, null).asMap();
    assertThat(m).hasSize(5000);
    assertThat(m.get("p0")).isEqualTo("again");
    assertThat(m.get("p3")).isEmpty();
    assertThat(m.get("p4")).isEqualTo("v4");
    assertThat(m.get("p4999")).isEqualTo("v4999");
    assertThat(m.get("p2")).isEqualTo("q;2");
    assertThat(m.keySet()).startsWith("p0", "p1", "p2").endsWith("p4998", "p4999");
  }

  @Test
  void escapedNamesFoldOnlyAsciiLetters() throws Exception {
    // decoded, U+017F (long s) and U+212A (Kelvin) must not pass for 's' and 'k'
    Params p = parse(";tran%C5%BFport=tcp;%E2%84%AAey=1;%74tl=5", "", true, null);
    assertThat(p.get("transport")).isNull();
    assertThat(p.get("key")).isNull();
    assertThat(p.get("TTL")).isEqualTo("5"); // an escaped ASCII letter is still that letter
    assertThat(p.asMap()).containsOnlyKeys("tran\u017Fport", "\u212Aey", "ttl");
  }

  @Test
  void theKeyParameterIsTheFirstOfItsNameAsALookupWouldFindIt() throws Exception {
    Params p = parse(";tag=one;TAG=two", "", false, "tag");
    assertThat(p.get("tag")).isEqualTo("one");
    Params absent = parse(";x=1", "", false, "tag");
    assertThat(absent.get("tag")).isNull();
    assertThat(absent.has("tag")).isFalse();
  }

  @Test
  void spansCoverFromTheSemicolonToTheValueEnd() throws Exception {
    String list = ";lr;transport=tls";
    Params p = parse(list, "", true, null);
    int[] span = p.span("transport");
    assertThat(list.substring(span[0], span[1])).isEqualTo(";transport=tls");
    int[] flag = p.span("lr");
    assertThat(list.substring(flag[0], flag[1])).isEqualTo(";lr");
    assertThat(p.span("maddr")).isNull();
  }

  @Test
  void stopsAtAStopByteAndReportsWhere() throws Exception {
    Params p = parse(";a=1;b ,next", ",", false, null);
    assertThat(p.end()).isEqualTo(7);
    assertThat(p.asMap()).containsOnlyKeys("a", "b");
  }

  @Test
  void decodesEscapedNamesAndValuesOnce() throws Exception {
    Params p = parse(";n%61me=v%2541", "", true, null);
    assertThat(p.get("name")).isEqualTo("v%41");
    assertThat(p.asMap()).containsEntry("name", "v%41");
  }

  @Test
  void rejectsMalformedListsWithTheOffendingIndex() {
    assertThatThrownBy(() -> parse(";a=1;", "", false, null)).isInstanceOf(BadSyntax.class)
        .hasMessageContaining("empty parameter");
    assertThatThrownBy(() -> parse(";a=", "", false, null)).isInstanceOf(BadSyntax.class)
        .hasMessageContaining("empty parameter value");
    assertThatThrownBy(() -> parse(";a=\"open", "", false, null)).isInstanceOf(BadSyntax.class)
        .hasMessageContaining("unterminated");
    assertThatThrownBy(() -> parse(" x", "", false, null)).isInstanceOf(BadSyntax.class)
        .hasMessageContaining("expected ';'");
    assertThatThrownBy(() -> parse(";a=%4", "", true, null)).isInstanceOf(BadSyntax.class)
        .hasMessageContaining("%-escape");
  }

  @Test
  void anEmptyListCostsNothing() throws Exception {
    byte[] b = Corpus.bytes("  ?h=1");
    Params p = Params.parseIfAny(b, 0, b.length, (byte) '?', true, null);
    assertThat(p).isSameAs(Params.EMPTY);
    assertThat(p.endOr(b, 0, b.length)).isEqualTo(2);
    assertThat(p.get("x")).isNull();
    assertThat(p.asMap()).isEmpty();
  }

  @Test
  void numbersParseUpToTheirMaximumAndNoFurther() {
    byte[] b = Corpus.bytes("65535 65536 000000000000000000000007 99999999999999999999 4294967295");
    assertThat(Lex.parseUnsigned(b, 0, 5, 65535)).isEqualTo(65535);
    assertThat(Lex.parseUnsigned(b, 6, 11, 65535)).isEqualTo(-1);
    assertThat(Lex.parseUnsigned(b, 12, 36, 10)).isEqualTo(7);
    assertThat(Lex.parseUnsigned(b, 37, 57, Long.MAX_VALUE)).isEqualTo(-1);
    assertThat(Lex.parseUnsigned(b, 58, 68, 0xFFFFFFFFL)).isEqualTo(0xFFFFFFFFL);
    assertThat(Lex.parseUnsigned(b, 58, 58, 10)).isEqualTo(-1);
  }
}
