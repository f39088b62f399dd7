package io.sipalg.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The typed accessors and {@link SipMessage#malformedHeaders()} must agree: an inspector that
 * found no malformed header (and applied the profile's {@code malformed-header-*} actions to the
 * ones it found) must never meet a {@link MalformedHeaderException} later, and one must not be
 * told a header is malformed that every accessor reads fine. Checked on the RFC 4475 corpus and on
 * thousands of deterministic mutations of it, parsed on their own and through the framer.
 */
class AccessorConsistencyTest {
  private interface Accessor {
    Object read(SipMessage m) throws MalformedHeaderException;
  }

  /** Accessors reading the first field of a name: they throw exactly when that field is flagged. */
  private static final Object[][] FIRST_FIELD = {
      {HeaderNames.FROM, (Accessor) SipMessage::from},
      {HeaderNames.TO, (Accessor) SipMessage::to},
      {HeaderNames.CALL_ID, (Accessor) SipMessage::callId},
      {HeaderNames.CSEQ, (Accessor) SipMessage::cseq},
      {HeaderNames.MAX_FORWARDS, (Accessor) SipMessage::maxForwards},
      {HeaderNames.EXPIRES, (Accessor) SipMessage::expires},
      {HeaderNames.CONTENT_LENGTH, (Accessor) SipMessage::contentLength},
      {HeaderNames.CONTENT_TYPE, (Accessor) SipMessage::contentType}};

  /** Accessors reading every field of a name: they throw exactly when any field is flagged. */
  private static final Object[][] ALL_FIELDS = {
      {HeaderNames.VIA, (Accessor) SipMessage::vias},
      {HeaderNames.CONTACT, (Accessor) SipMessage::contacts},
      {HeaderNames.ROUTE, (Accessor) SipMessage::routes},
      {HeaderNames.RECORD_ROUTE, (Accessor) SipMessage::recordRoutes},
      {HeaderNames.P_ASSERTED_IDENTITY, (Accessor) SipMessage::pAssertedIdentities}};

  @Test
  void accessorsThrowExactlyWhenTheirFieldsAreFlaggedMalformed() throws Exception {
    int messages = 0;
    int flagged = 0;
    for (byte[] wire : inputs()) {
      for (SipMessage m : parsedBothWays(wire)) {
        messages++;
        flagged += m.malformedHeaders().isEmpty() ? 0 : 1;
        check(m, wire);
      }
    }
    // the mutations must actually produce both outcomes, or this test proves nothing
    assertThat(messages).isGreaterThan(4000);
    assertThat(flagged).isGreaterThan(messages / 5).isLessThan(messages * 9 / 10);
  }

  /** Asserts the agreement on one message (also called by the fuzz target). */
  static void check(SipMessage m, byte[] wire) {
    String text = new String(wire, StandardCharsets.ISO_8859_1);
    for (Object[] row : FIRST_FIELD) {
      String name = (String) row[0];
      List<Integer> fields = m.indexesOf(name);
      boolean expected = !fields.isEmpty() && m.checkHeader(fields.get(0)) != null;
      assertThat(throwsMalformed((Accessor) row[1], m)).as(name + " in\n" + text)
          .isEqualTo(expected);
    }
    for (Object[] row : ALL_FIELDS) {
      String name = (String) row[0];
      boolean expected = false;
      for (int i : m.indexesOf(name)) {
        expected |= m.checkHeader(i) != null;
      }
      assertThat(throwsMalformed((Accessor) row[1], m)).as(name + " in\n" + text)
          .isEqualTo(expected);
    }
    // the top Via is only the first value of the first field: it may be fine in a flagged field
    List<Integer> vias = m.indexesOf(HeaderNames.VIA);
    if (throwsMalformed(SipMessage::topVia, m)) {
      assertThat(m.checkHeader(vias.get(0))).as("top Via in\n" + text).isNotNull();
    }
  }

  private static boolean throwsMalformed(Accessor accessor, SipMessage m) {
    try {
      accessor.read(m);
      return false;
    } catch (MalformedHeaderException e) {
      return true;
    }
  }

  /** The message parsed from the array and, when it frames as one message, through the framer. */
  private static List<SipMessage> parsedBothWays(byte[] wire) {
    List<SipMessage> out = new ArrayList<>(2);
    try {
      out.add(SipMessage.parse(wire));
    } catch (SipParseException e) {
      return out;
    }
    SipFramer framer = new SipFramer();
    framer.feed(wire, 0, wire.length);
    try {
      SipFrame frame = framer.next();
      if (frame != null && frame.isMessage()) {
        out.add(frame.parse());
      }
    } catch (FramingException | SipParseException e) {
      // not framable on a stream (no or bad Content-Length): the array parse alone applies
    }
    return out;
  }

  /** The corpus, then mutations: one header value damaged, emptied, folded or extended. */
  private static List<byte[]> inputs() {
    List<byte[]> out = new ArrayList<>(Corpus.all());
    out.add(Corpus.bytes(Corpus.REGISTER));
    out.add(Corpus.bytes(Corpus.invite()));
    List<byte[]> seeds = new ArrayList<>(out);
    SplittableRandom random = new SplittableRandom(4475);
    for (int n = 0; n < 4000; n++) {
      out.add(mutate(seeds.get(random.nextInt(seeds.size())), random));
    }
    return out;
  }

  private static final String NOISE =
      "<>;,=\"@:/ \t%[]*.-_+?&!~'()0123456789abcXYZ\\\u0000\r\n\u007f\u0001";

  private static byte[] mutate(byte[] seed, SplittableRandom random) {
    String text = new String(seed, StandardCharsets.ISO_8859_1);
    int headerEnd = text.indexOf("\r\n\r\n");
    if (headerEnd < 0) {
      return seed;
    }
    String[] lines = text.substring(0, headerEnd).split("\r\n", -1);
    if (lines.length < 2) {
      return seed;
    }
    int k = 1 + random.nextInt(lines.length - 1);
    String line = lines[k];
    int colon = line.indexOf(':');
    String name = colon < 0 ? line : line.substring(0, colon);
    String value = colon < 0 ? "" : line.substring(colon + 1);
    switch (random.nextInt(6)) {
      case 0 -> value = value.substring(0, random.nextInt(value.length() + 1)); // truncated
      case 1 -> value = "";
      case 2 -> { // one noise character inserted
        int at = random.nextInt(value.length() + 1);
        value = value.substring(0, at) + NOISE.charAt(random.nextInt(NOISE.length()))
            + value.substring(at);
      }
      case 3 -> value = value + "," + value.substring(0, random.nextInt(value.length() + 1));
      case 4 -> value = "\r\n " + value.trim(); // folded onto the next line
      default -> { // one character replaced by noise
        if (!value.isEmpty()) {
          int at = random.nextInt(value.length());
          value = value.substring(0, at) + NOISE.charAt(random.nextInt(NOISE.length()))
              + value.substring(at + 1);
        }
      }
    }
    lines[k] = name + ":" + value;
    String mutated = String.join("\r\n", lines) + text.substring(headerEnd);
    return mutated.getBytes(StandardCharsets.ISO_8859_1);
  }
}
