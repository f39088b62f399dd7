package io.sipalg.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast paths must see exactly what the general ones see: a message parsed from a framer frame
 * (which adopts the framer's header index) against the same bytes parsed on their own, and the
 * hot-header lookups (ids classified once) against the name-comparing lookup.
 */
class ParseEquivalenceTest {
  private static final String[] HOT = {HeaderNames.VIA, HeaderNames.FROM, HeaderNames.TO,
      HeaderNames.CALL_ID, HeaderNames.CSEQ, HeaderNames.CONTACT, HeaderNames.CONTENT_LENGTH,
      HeaderNames.CONTENT_TYPE, HeaderNames.MAX_FORWARDS, HeaderNames.EXPIRES, HeaderNames.ROUTE,
      HeaderNames.RECORD_ROUTE};

  /** Every corpus message plus variants with oddly spelled and spaced header names. */
  private static List<byte[]> messages() {
    List<byte[]> out = new ArrayList<>(Corpus.all());
    out.add(Corpus.bytes(Corpus.REGISTER));
    out.add(Corpus.bytes(Corpus.invite()));
    out.add(Corpus.bytes("INVITE sip:b@h SIP/2.0\r\n"
        + "v: SIP/2.0/TLS h;branch=z9hG4bK1\r\n"
        + " folded-first-line: continuation\r\n"
        + "VIA : SIP/2.0/UDP h2;branch=z9hG4bK2\r\n"
        + "f  :<sip:a@h>;tag=1\r\nT:<sip:b@h>\r\ni:abc@h\r\ncseq:  1 INVITE\r\n"
        + "m: <sip:a@h>\r\ncontact: <sip:c@h>, <sip:d@h>\r\nCONTENT-TYPE: application/sdp\r\n"
        + "Content-Lengths: 3\r\nContact-Me: x\r\nmax-forwards:70\r\nexpires: 5\r\n"
        + "route: <sip:r@h;lr>\r\nrecord-route:<sip:rr@h;lr>\r\nRoute-X: y\r\n"
        + "Call-IDs: no\r\nc: text/plain\r\nl: 0\r\n\r\n"));
    // a first header line that looks like a continuation, bare LF line ends
    out.add(Corpus.bytes("OPTIONS sip:h SIP/2.0\r\n  Via: SIP/2.0/TLS h;branch=z9hG4bK1\r\n"
        + "Via: SIP/2.0/TLS h2;branch=z9hG4bK2\nContent-Length: 2\n\nhi"));
    return out;
  }

  @Test
  void aFramedMessageIndexesLikeAMessageParsedOnItsOwn() throws Exception {
    int compared = 0;
    for (byte[] wire : messages()) {
      SipMessage alone;
      try {
        alone = SipMessage.parse(wire);
      } catch (SipParseException e) {
        continue;
      }
      SipFramer framer = new SipFramer();
      framer.feed(wire, 0, wire.length);
      SipFrame frame;
      try {
        frame = framer.next();
      } catch (FramingException e) {
        continue; // not framable (e.g. no Content-Length): only the direct parse applies
      }
      if (frame == null || !frame.isMessage() || frame.length() != wire.length) {
        continue;
      }
      SipMessage framed = frame.parse();
      assertThat(framed.headerCount()).as(Corpus.str(wire)).isEqualTo(alone.headerCount());
      for (int i = 0; i < alone.headerCount(); i++) {
        assertThat(framed.lineStart(i)).isEqualTo(alone.lineStart(i));
        assertThat(framed.lineEnd(i)).isEqualTo(alone.lineEnd(i));
      }
      assertThat(framed.bodyOffset()).isEqualTo(alone.bodyOffset());
      assertThat(framed.absHeadersEnd() - framed.offset())
          .isEqualTo(alone.absHeadersEnd() - alone.offset());
      assertThat(framed.headerSectionTerminated()).isEqualTo(alone.headerSectionTerminated());
      for (String name : HOT) { // the framer classified the framed message's headers
        assertThat(framed.indexesOf(name)).as(name).isEqualTo(alone.indexesOf(name));
      }
      assertThat(describe(framed)).isEqualTo(describe(alone));
      compared++;
    }
    assertThat(compared).as("messages compared").isGreaterThan(30);
  }

  @Test
  void hotLookupsFindWhatTheNameComparingLookupFinds() {
    for (byte[] wire : messages()) {
      SipMessage m;
      try {
        m = SipMessage.parse(wire);
      } catch (SipParseException e) {
        continue;
      }
      for (String name : HOT) {
        // a lower-case copy is not the constant, so it takes the general lookup
        String other = new String(name.toLowerCase(Locale.ROOT).toCharArray());
        List<Integer> hot = m.indexesOf(name);
        assertThat(hot).as(name + " in\n" + Corpus.str(wire)).isEqualTo(m.indexesOf(other));
      }
    }
  }

  @Test
  void randomNameSpellingsClassifyLikeTheGeneralLookup() throws Exception {
    Random rnd = new Random(42);
    String[] names = {"Via", "v", "From", "f", "To", "t", "Call-ID", "i", "CSeq", "Contact", "m",
        "Content-Length", "l", "Content-Type", "c", "Max-Forwards", "Expires", "Route",
        "Record-Route", "Content-Encoding", "e", "Allow", "Supported", "k", "Contacts", "Vias",
        "Call-Info", "Record", "Max", "C", "Cseqx", "Content-Lengt", "Record-Routes", "Routes",
        "X-Via", "Subject", "s", "Refer-To", "r", "o", "u", "b", "x", "y"};
    int framedCompared = 0;
    for (int round = 0; round < 300; round++) {
      StringBuilder wire = new StringBuilder("OPTIONS sip:h SIP/2.0\r\n");
      int n = 1 + rnd.nextInt(12);
      for (int k = 0; k < n; k++) {
        String name = names[rnd.nextInt(names.length)];
        StringBuilder spelled = new StringBuilder();
        for (char ch : name.toCharArray()) {
          spelled.append(rnd.nextBoolean() ? Character.toUpperCase(ch) : Character.toLowerCase(ch));
        }
        String[] separators = {":", ": ", " \t: ", "\t:"};
        // empty values too: "CSeq:" once went unclassified for being one byte short
        String value = rnd.nextInt(5) == 0 ? "" : "v" + k;
        wire.append(spelled).append(separators[rnd.nextInt(separators.length)]).append(value)
            .append("\r\n");
      }
      byte[] bytes = Corpus.bytes(wire.append("Content-Length: 0\r\n\r\n").toString());
      SipMessage m = SipMessage.parse(bytes);
      SipMessage framed = framedOrNull(bytes); // the framer classifies lines without their CRLF
      framedCompared += framed == null ? 0 : 1;
      for (String name : HOT) {
        String other = new String(name.toUpperCase(Locale.ROOT).toCharArray());
        assertThat(m.indexesOf(name)).as(name + " in\n" + wire).isEqualTo(m.indexesOf(other));
        if (framed != null) {
          assertThat(framed.indexesOf(name)).as(name + " framed\n" + wire)
              .isEqualTo(m.indexesOf(other));
        }
      }
    }
    assertThat(framedCompared).as("framed messages compared").isGreaterThan(100);
  }

  @Test
  void theOnePassControlScanJudgesEveryFieldAsItsOwnScanDoes() throws Exception {
    List<byte[]> wires = new ArrayList<>(messages());
    Random rnd = new Random(7);
    // values built from the bytes the two scans treat differently: quotes, backslashes before
    // line breaks (an escaped line break in a quoted string), folds, HT, bare CR/LF, NUL, DEL
    // (the first eight alone leave a head the one pass answers for)
    String[] pieces = {"a", "\"", "\\", "\t", "\r\n ", "\r\n\t", "<sip:a@h>", ";tag=1",
        " ", ",", "\r", "\n ", "\u0000", "\u007f", "\u0001"};
    String[] names = {"Subject", "From", "To", "Via", "Contact", "Call-ID", "CSeq", "X-Any"};
    for (int round = 0; round < 2000; round++) {
      StringBuilder wire = new StringBuilder("OPTIONS sip:h SIP/2.0\r\n");
      int alphabet = round % 2 == 0 ? 8 : pieces.length;
      for (int k = 0, n = 1 + rnd.nextInt(4); k < n; k++) {
        wire.append(names[rnd.nextInt(names.length)]).append(": ");
        for (int j = 0, m = rnd.nextInt(8); j < m; j++) {
          wire.append(pieces[rnd.nextInt(alphabet)]);
        }
        wire.append("\r\n");
      }
      wires.add(Corpus.bytes(wire.append("Content-Length: 0\r\n\r\n").toString()));
    }
    int clean = 0;
    int dirty = 0;
    for (byte[] wire : wires) {
      SipMessage scanned;
      try {
        scanned = SipMessage.parse(wire);
      } catch (SipParseException e) {
        continue;
      }
      assertOnePassMatchesPerField(scanned, wire);
      if (scanned.scanHeadControls() == HeaderLines.BENIGN_CONTROLS_ONLY) {
        clean++;
      } else {
        dirty++;
      }
    }
    assertThat(clean).as("messages the one pass answered").isGreaterThan(100);
    assertThat(dirty).as("messages left to the per-field scans").isGreaterThan(100);
  }

  /**
   * {@link SipMessage#malformedHeaders()} (one control-byte pass over the head) and
   * {@link SipMessage#hasUnsafeControls()} of {@code scanned} say what the per-field checks of a
   * fresh parse of the same bytes say; also run by the fuzzer.
   */
  static void assertOnePassMatchesPerField(SipMessage scanned, byte[] wire)
      throws SipParseException {
    SipMessage perField = SipMessage.parse(wire, scanned.offset(), scanned.length());
    List<HeaderError> expected = new ArrayList<>();
    for (int i = 0; i < perField.headerCount(); i++) { // each field scanned on its own
      HeaderError e = perField.checkHeader(i);
      if (e != null) {
        expected.add(e);
      }
    }
    boolean unsafe = Lex.indexOfUnsafeControl(wire, perField.offset(),
        perField.offset() + perField.bodyOffset()) >= 0;
    assertThat(scanned.malformedHeaders()).as(Corpus.str(wire)).isEqualTo(expected);
    assertThat(scanned.hasUnsafeControls()).as(Corpus.str(wire)).isEqualTo(unsafe);
  }

  private static SipMessage framedOrNull(byte[] wire) throws SipParseException {
    SipFramer framer = new SipFramer();
    framer.feed(wire, 0, wire.length);
    try {
      SipFrame frame = framer.next();
      return frame != null && frame.isMessage() ? frame.parse() : null;
    } catch (FramingException e) {
      return null; // e.g. a random Content-Length spelling with a non-numeric value
    }
  }

  /** Every typed accessor's result (or the error it raises), as text; also used by the fuzzer. */
  static String describe(SipMessage m) {
    StringBuilder sb = new StringBuilder();
    sb.append(attempt(m::vias)).append('|').append(attempt(m::topVia)).append('|')
        .append(attempt(m::from)).append('|').append(attempt(m::to)).append('|')
        .append(attempt(m::callId)).append('|').append(attempt(m::cseq)).append('|')
        .append(attempt(m::contacts)).append('|').append(attempt(m::routes)).append('|')
        .append(attempt(m::recordRoutes)).append('|').append(attempt(m::maxForwards)).append('|')
        .append(attempt(m::expires)).append('|').append(attempt(m::contentLength)).append('|')
        .append(attempt(m::contentType)).append('|').append(m.malformedHeaders()).append('|')
        .append(m.unknownHeaders().size()).append('|').append(m.validate());
    return sb.toString();
  }

  private interface Accessor {
    Object get() throws Exception;
  }

  private static String attempt(Accessor a) {
    try {
      return String.valueOf(a.get());
    } catch (Exception e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }
}
