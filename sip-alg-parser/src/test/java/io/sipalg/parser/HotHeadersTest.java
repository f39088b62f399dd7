package io.sipalg.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The per-line header classifier the framer runs on every line of every message. */
class HotHeadersTest {
  private static final String[] HOT = {"Via", "v", "From", "f", "To", "t", "Call-ID", "i", "CSeq",
      "Contact", "m", "Content-Length", "l", "Content-Type", "c", "Max-Forwards", "Expires",
      "Route", "Record-Route"};
  private static final byte[] IDS = {HotHeaders.VIA, HotHeaders.VIA, HotHeaders.FROM,
      HotHeaders.FROM, HotHeaders.TO, HotHeaders.TO, HotHeaders.CALL_ID, HotHeaders.CALL_ID,
      HotHeaders.CSEQ, HotHeaders.CONTACT, HotHeaders.CONTACT, HotHeaders.CONTENT_LENGTH,
      HotHeaders.CONTENT_LENGTH, HotHeaders.CONTENT_TYPE, HotHeaders.CONTENT_TYPE,
      HotHeaders.MAX_FORWARDS, HotHeaders.EXPIRES, HotHeaders.ROUTE, HotHeaders.RECORD_ROUTE};

  @Test
  void classifiesEveryHotSpellingInAnyCaseWithOrWithoutSpaceBeforeTheColon() {
    for (int k = 0; k < HOT.length; k++) {
      for (String name : List.of(HOT[k], HOT[k].toLowerCase(Locale.ROOT), HOT[k].toUpperCase(Locale.ROOT))) {
        for (String sep : List.of(":", " :", "\t:", " \t :")) {
          assertThat(classify(name + sep + " value")).as(name + sep).isEqualTo(IDS[k]);
        }
      }
    }
  }

  @Test
  void idOfKnowsEveryHeaderNamesConstantAndOnlyThoseInstances() {
    for (byte id = 1; id <= HotHeaders.RECORD_ROUTE; id++) {
      String name = HotHeaders.nameOf(id);
      assertThat(HotHeaders.idOf(name)).as(name).isEqualTo(id);
      // an equal String that is not the constant takes the general lookup, which finds the same
      assertThat(HotHeaders.idOf(new String(name))).as("copy of " + name).isEqualTo(HotHeaders.OTHER);
      // the canonical name of a classified line is the constant, as HeaderNames would say
      assertThat(HeaderNames.canonical(name)).isSameAs(name);
    }
    for (String other : List.of("v", "Subject", "Allow", "Supported", "P-Asserted-Identity",
        "Accept-Contact", "", "Record-Routes")) {
      assertThat(HotHeaders.idOf(other)).as(other).isEqualTo(HotHeaders.OTHER);
    }
  }

  @Test
  void rejectsNearMissesAndLinesWithoutColon() {
    for (String line : List.of("Vias: x", "Vi: x", "Via x", "Via", "Tox: x",
        "Content-Lengthy: 1", "Content-Lengt: 1", "Content-Type-X: a", "Contacts: x",
        "Call\rID: x", "Call_ID: x", "Record-Route-: x", "Max-Forwards2: 7", "x: y", "Allow: a",
        "Supported: x", "User-Agent: x", "Priority: normal", "Accept-Language: en", ": x",
        " Via: x", "CSeq\n: 1", "Content-Length", "vv: x", "Expires9: 1", "ROUTE -: x")) {
      assertThat(classify(line)).as(line).isEqualTo(HotHeaders.OTHER);
    }
  }

  @Test
  void aHotHeaderWithAnEmptyValueIsStillThatHeader() {
    // "CSeq:" is five bytes: the C-name branch once needed six and called it another header
    for (String line : List.of("CSeq:", "Via:", "To:", "From:", "Call-ID:", "Contact:", "i:")) {
      assertThat(classify(line)).as(line).isNotEqualTo(HotHeaders.OTHER);
    }
  }

  @Test
  void aLineIsClassifiedAloneWithItsLineEndAndWithBytesAfterIt() {
    // the framer passes a line without its line end, a message parsed from a byte array passes
    // it up to the next field's start; a name ends at its colon, so both get the same answer
    List<String> lines = new ArrayList<>(List.of("Vias: x", "Vi: x", "Via x", "Via",
        "Content-Lengt: 1", "Contacts: x", "Call\rID: x", "CSeq\n: 1", "Content-Length", "CSeq:",
        "i:", "cONTENT-lENGTH \t: 5", "Record-Route-: x", "ROUTE -: x", "Max-Forwards2: 7",
        "V\u00d6a: x", "\u00c3ontact: x"));
    for (String hot : HOT) {
      lines.add(hot + ": x");
      lines.add(hot.toUpperCase(Locale.ROOT) + " :");
    }
    for (String line : lines) {
      byte expected = classify(line);
      for (String after : List.of("\r\n", "\n", "\r\nVia: SIP/2.0/TLS a.example.test\r\n")) {
        byte[] text = bytes(line + after);
        assertThat(HotHeaders.classify(text, 0, line.length() + Math.min(2, after.length())))
            .as(line + " then " + after.length() + " bytes").isEqualTo(expected);
        assertThat(HotHeaders.classify(text, 0, line.length())).as(line).isEqualTo(expected);
      }
    }
  }

  /** Classifies {@code line} as the framer passes a line: without its line end. */
  private static byte classify(String line) {
    byte[] text = bytes(line);
    return HotHeaders.classify(text, 0, text.length);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
