package io.sipalg.parser;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Coverage-guided fuzzing of framer + parser + editor. In a normal build ({@code mvn verify}) this
 * runs in regression mode: only the seeds in {@code src/test/resources/io/sipalg/parser/
 * SipFuzzTestInputs/fuzz} (the RFC 4475 corpus and samples) are replayed. {@code JAZZER_FUZZ=1}
 * fuzzes for real; see the module README.
 */
class SipFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void frameParseEdit(byte[] input) {
    FuzzTarget.run(input);
  }

  /** Shared with the deterministic property test: the only allowed outcomes are checked here. */
  static final class FuzzTarget {
    private FuzzTarget() {}

    static void run(byte[] input) {
      MessageCheck.verdict(input);
      SipFramer framer = new SipFramer(SipLimits.builder().maxBodyBytes(4096)
          .maxHeaderSectionBytes(8192).maxLineLength(2048).maxHeaderCount(64).build());
      int split = input.length == 0 ? 0 : (input[0] & 0xff) % (input.length + 1);
      framer.feed(ByteBuffer.wrap(input, 0, split));
      drain(framer);
      framer.feed(ByteBuffer.wrap(input, split, input.length - split));
      drain(framer);
      try {
        SipMessage message = SipMessage.parse(input);
        ParseEquivalenceTest.assertOnePassMatchesPerField(message, input);
        exercise(message);
      } catch (SipParseException expected) {
        assertThat(expected.offset()).isBetween(0, input.length);
      }
    }

    private static void drain(SipFramer framer) {
      for (int guard = 0; guard < 10_000; guard++) {
        SipFrame frame;
        try {
          frame = framer.next();
        } catch (FramingException e) {
          if (!e.resynchronisable()) {
            return;
          }
          continue;
        }
        if (frame == null) {
          return;
        }
        if (frame.isMessage()) {
          // a framed message adopts the framer's index: it must read like its bytes alone
          String alone = describeOrError(frame.toByteArray());
          SipMessage framed;
          try {
            framed = frame.parse();
          } catch (SipParseException expected) {
            assertThat(expected.toString()).isEqualTo(alone);
            continue;
          }
          assertThat(ParseEquivalenceTest.describe(framed)).isEqualTo(alone);
          exercise(framed);
        }
      }
      throw new AssertionError("framer did not make progress");
    }

    private static String describeOrError(byte[] message) {
      try {
        return ParseEquivalenceTest.describe(SipMessage.parse(message));
      } catch (SipParseException e) {
        return e.toString();
      }
    }

    static void readAll(NameAddress na) {
      na.tag();
      na.params();
      na.expires();
      na.displayName();
      SipUri uri = na.uri();
      if (uri != null) {
        uri.params();
        uri.param("transport");
        uri.user();
        uri.password();
        uri.host();
        uri.headers();
      }
    }

    static void exercise(SipMessage m) {
      byte[] original = m.toByteArray();
      AccessorConsistencyTest.check(m, original);
      assertThat(m.edit().toByteArray()).isEqualTo(original);
      List<HeaderError> errors = m.malformedHeaders();
      for (HeaderError e : errors) {
        assertThat(e.offset()).isBetween(0, m.length());
      }
      m.validate();
      m.unknownHeaders();
      m.longestLineLength();
      for (SipHeader h : m.headers()) {
        h.values();
        h.value();
      }
      SipEditor ed = m.edit();
      try {
        Via top = m.topVia();
        if (top != null) {
          // lookups walk the parameter list validated at parse time: they must never fail
          top.branch();
          top.params();
          top.rport();
          top.transport();
          ed.setViaParam(top, "received", "198.51.100.1");
        }
      } catch (MalformedHeaderException e) {
        // typed outcome
      }
      try {
        for (NameAddress na : new NameAddress[] {m.from(), m.to()}) {
          if (na != null) {
            readAll(na);
          }
        }
        m.callId();
        m.cseq();
        m.maxForwards();
        m.expires();
        m.contentType();
        m.contentLength();
        m.routes();
        m.recordRoutes();
        m.requestUri();
        List<NameAddress> contacts = m.contacts();
        contacts.forEach(FuzzTarget::readAll);
        m.routes().forEach(FuzzTarget::readAll);
        if (!contacts.isEmpty() && contacts.get(0).uri() != null
            && contacts.get(0).uri().hostOffset() >= 0) {
          ed.setUriHostPort(contacts.get(0).uri(), "203.0.113.5", 5062);
          ed.removeUriParam(contacts.get(0).uri(), "transport"); // may touch the edit before it
        }
      } catch (MalformedHeaderException e) {
        assertThat(e.error().name()).isNotNull();
      }
      if (m.isRequest()) {
        SipMessage response = ResponseBuilder.to(m).status(400).buildMessage();
        assertThat(response.statusCode()).isEqualTo(400);
      }
      Sdp sdp = m.sdp();
      sdp.malformedLines();
      for (SdpLine line : sdp.lines()) {
        try {
          switch (line.type()) {
            case 'c': line.connection(); break;
            case 'o': line.origin(); break;
            case 'm': line.media(); break;
            default: line.attributeName(); break;
          }
        } catch (MalformedHeaderException e) {
          assertThat(e.error().name()).startsWith("sdp:");
        }
      }
      SdpEditor sed = sdp.edit();
      for (int i = 0; i < sdp.mediaCount(); i++) {
        try {
          sed.setMediaPort(sdp.mediaLine(i, 'm'), 40000 + i);
        } catch (MalformedHeaderException e) {
          // typed outcome
        }
      }
      sed.setInformation(-1, "fuzz");
      ed.setBody(sed);
      byte[] edited = ed.toByteArray();
      try {
        SipMessage again = SipMessage.parse(edited);
        assertThat(again.bodyLength()).isEqualTo(sed.toByteArray().length);
      } catch (SipParseException e) {
        throw new AssertionError("edit broke the start line", e);
      }
    }
  }
}
