package io.sipalg.parser;

import static io.sipalg.parser.Corpus.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipalg.parser.FramingException.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SipFramerTest {
  private static final String REG = Corpus.REGISTER;
  private static final String INV = Corpus.invite();

  private static List<String> drain(SipFramer framer) throws FramingException {
    List<String> out = new ArrayList<>();
    for (SipFrame f; (f = framer.next()) != null; ) {
      out.add(f.isMessage() ? Corpus.str(f.toByteArray()) : f.kind().name());
    }
    return out;
  }

  @Test
  void framesManyMessagesFedInOneBuffer() throws Exception {
    SipFramer framer = new SipFramer();
    framer.feed(ByteBuffer.wrap(bytes(REG + INV + REG)));
    assertThat(drain(framer)).containsExactly(REG, INV, REG);
    assertThat(framer.buffered()).isZero();
  }

  @Test
  void framesAMessageFedOneByteAtATime() throws Exception {
    SipFramer framer = new SipFramer();
    byte[] all = bytes(INV + REG);
    List<String> got = new ArrayList<>();
    for (byte b : all) {
      framer.feed(new byte[] {b}, 0, 1);
      got.addAll(drain(framer));
    }
    assertThat(got).containsExactly(INV, REG);
  }

  @Test
  void framesAtEverySplitPoint() throws Exception {
    byte[] all = bytes(INV + "\r\n\r\n" + REG);
    for (int split = 0; split <= all.length; split++) {
      SipFramer framer = new SipFramer();
      framer.feed(all, 0, split);
      List<String> got = new ArrayList<>(drain(framer));
      framer.feed(all, split, all.length - split);
      got.addAll(drain(framer));
      if (split == INV.length() + 2) {
        // documented trade-off: a CRLF that ends the bytes fed is a pong at once (no waiting)
        assertThat(got).containsExactly(INV, "PONG", "PONG", REG);
      } else {
        assertThat(got).as("split at %d", split).containsExactly(INV, "PING", REG);
      }
    }
  }

  @Test
  void keepAlivesAreTheirOwnFramesAndStrayCrlfIsSkipped() throws Exception {
    SipFramer framer = new SipFramer();
    framer.feed(ByteBuffer.wrap(bytes("\r\n\r\n" + REG + "\r\n" + REG + "\r\n\r\n\r\n\n" + REG
        + "\r\n\r\n\r\n\r\n\r" + REG)));
    assertThat(drain(framer)).containsExactly("PING", REG, "PONG", REG, "PING", "PONG", REG,
        "PING", "PING", REG);
  }

  @Test
  void aLoneCrlfAtTheEndIsAPongButHalfAPingWaits() throws Exception {
    SipFramer framer = new SipFramer();
    framer.feed(ByteBuffer.wrap(bytes("\r\n")));
    assertThat(drain(framer)).containsExactly("PONG");
    framer.feed(ByteBuffer.wrap(bytes("\r\n\r")));
    assertThat(drain(framer)).isEmpty();
    framer.feed(ByteBuffer.wrap(bytes("\n")));
    assertThat(drain(framer)).containsExactly("PING");
  }

  @Test
  void compactContentLengthFramesTheBody() throws Exception {
    String msg = "MESSAGE sip:a@b SIP/2.0\r\nl:5\r\n\r\nhello";
    SipFramer framer = new SipFramer();
    framer.feed(ByteBuffer.wrap(bytes(msg + msg)));
    assertThat(drain(framer)).containsExactly(msg, msg);
  }

  @Test
  void bodyWithCrlfCrlfInsideIsFramedByContentLengthOnly() throws Exception {
    String body = "a\r\n\r\nb";
    String msg = "MESSAGE sip:a@b SIP/2.0\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    SipFramer framer = new SipFramer();
    framer.feed(ByteBuffer.wrap(bytes(msg)));
    assertThat(drain(framer)).containsExactly(msg);
  }

  @Test
  void messageFrameStaysValidUntilNextAndDetachKeepsIt() throws Exception {
    SipFramer framer = new SipFramer(SipLimits.DEFAULTS);
    framer.feed(ByteBuffer.wrap(bytes(REG)));
    SipFrame first = framer.next();
    SipFrame kept = first.detach();
    SipMessage parsed = first.parse();
    // feeding more while the frame is out must not overwrite it, even when the buffer fills up
    framer.feed(ByteBuffer.wrap(new byte[10_000]));
    assertThat(Corpus.str(first.toByteArray())).isEqualTo(REG);
    assertThat(parsed.headerValue("Call-ID")).isEqualTo("843817637684230@998sdasdh09");
    assertThat(Corpus.str(kept.toByteArray())).isEqualTo(REG);
  }

  private static FramingException frameError(String stream, SipLimits limits) {
    SipFramer framer = new SipFramer(limits);
    framer.feed(ByteBuffer.wrap(bytes(stream)));
    try {
      drain(framer);
    } catch (FramingException e) {
      return e;
    }
    throw new AssertionError("no framing error for " + stream);
  }

  private static FramingException frameError(String stream) {
    return frameError(stream, SipLimits.DEFAULTS);
  }

  @Test
  void missingContentLengthIsAFramingError() {
    FramingException e = frameError("OPTIONS sip:a@b SIP/2.0\r\nCSeq: 1 OPTIONS\r\n\r\n");
    assertThat(e.reason()).isEqualTo(Reason.CONTENT_LENGTH_MISSING);
    assertThat(e.resynchronisable()).isFalse();
  }

  @Test
  void badContentLengthsAreUnrecoverable() {
    String head = "OPTIONS sip:a@b SIP/2.0\r\n";
    assertThat(frameError(head + "Content-Length: -999\r\n\r\n").reason())
        .isEqualTo(Reason.CONTENT_LENGTH_NEGATIVE);
    assertThat(frameError(head + "Content-Length: five\r\n\r\n").reason())
        .isEqualTo(Reason.CONTENT_LENGTH_NOT_NUMERIC);
    assertThat(frameError(head + "Content-Length: 13\r\nl: 5\r\n\r\n").reason())
        .isEqualTo(Reason.CONTENT_LENGTH_MULTIPLE);
    assertThat(frameError(head + "Content-Length: 13, 5\r\n\r\n").reason())
        .isEqualTo(Reason.CONTENT_LENGTH_MULTIPLE);
    FramingException overflow = frameError(head + "Content-Length: 99999999999999999999\r\n\r\n");
    assertThat(overflow.reason()).isEqualTo(Reason.CONTENT_LENGTH_OVERFLOW);
    for (FramingException e : List.of(overflow, frameError(head + "l: -1\r\n\r\n"))) {
      assertThat(e.resynchronisable()).isFalse();
      assertThat(e.headerSection()).isNotNull();
    }
  }

  @Test
  void afterAnUnrecoverableErrorTheFramerStaysClosed() {
    SipFramer framer = new SipFramer();
    framer.feed(ByteBuffer.wrap(bytes("OPTIONS sip:a@b SIP/2.0\r\nl: x\r\n\r\n" + REG)));
    assertThatThrownBy(framer::next).isInstanceOf(FramingException.class);
    assertThatThrownBy(framer::next).isInstanceOfSatisfying(FramingException.class,
        e -> assertThat(e.reason()).isEqualTo(Reason.STREAM_CLOSED));
  }

  @Test
  void twoGigabyteBodyIsRefusedBeforeAllocationAndSkipped() throws Exception {
    SipFramer framer = new SipFramer(SipLimits.builder().maxBodyBytes(1000).build());
    String huge = "MESSAGE sip:a@b SIP/2.0\r\nContent-Length: 2147483648\r\n\r\nxxxx";
    framer.feed(ByteBuffer.wrap(bytes(huge)));
    assertThatThrownBy(framer::next).isInstanceOfSatisfying(FramingException.class, e -> {
      assertThat(e.reason()).isEqualTo(Reason.BODY_TOO_LARGE);
      assertThat(e.resynchronisable()).isTrue();
      assertThat(Corpus.str(e.headerSection())).startsWith("MESSAGE sip:a@b");
    });
    assertThat(framer.buffered()).isZero();
    assertThat(framer.next()).isNull();
  }

  @Test
  void aHugeBodyFedInChunksIsDroppedWithoutBeingBuffered() throws Exception {
    SipFramer framer = new SipFramer(SipLimits.builder().maxBodyBytes(1000).build());
    framer.feed(ByteBuffer.wrap(bytes("MESSAGE sip:a@b SIP/2.0\r\nContent-Length: 1000000\r\n\r\n")));
    assertThatThrownBy(framer::next).isInstanceOf(FramingException.class);
    byte[] chunk = new byte[16_384];
    for (int sent = 0; sent < 1_000_000; sent += chunk.length) {
      framer.feed(chunk, 0, Math.min(chunk.length, 1_000_000 - sent));
      assertThat(framer.buffered()).isZero();
      assertThat(framer.next()).isNull();
    }
    framer.feed(ByteBuffer.wrap(bytes(REG)));
    assertThat(drain(framer)).containsExactly(REG);
  }

  @Test
  void oversizedBodyIsSkippedAndTheNextMessageFramed() throws Exception {
    SipFramer framer = new SipFramer(SipLimits.builder().maxBodyBytes(10).build());
    String big = "MESSAGE sip:a@b SIP/2.0\r\nContent-Length: 20\r\n\r\n01234567890123456789";
    byte[] all = bytes(big + REG);
    framer.feed(all, 0, 50);
    assertThatThrownBy(framer::next).isInstanceOf(FramingException.class);
    framer.feed(all, 50, all.length - 50);
    assertThat(drain(framer)).containsExactly(REG);
  }

  @Test
  void headerLimitsAreEnforcedWithTheirOwnReason() {
    String longLine = "OPTIONS sip:a@b SIP/2.0\r\nX-Long: " + "a".repeat(200) + "\r\n";
    assertThat(frameError(longLine, SipLimits.builder().maxLineLength(100).build()).reason())
        .isEqualTo(Reason.LINE_TOO_LONG);
    // an unterminated line is refused as soon as it passes the limit, without waiting for CRLF
    assertThat(frameError("OPTIONS sip:a@b SIP/2.0\r\nX: " + "b".repeat(300),
        SipLimits.builder().maxLineLength(100).build()).reason()).isEqualTo(Reason.LINE_TOO_LONG);
    StringBuilder many = new StringBuilder("OPTIONS sip:a@b SIP/2.0\r\n");
    for (int i = 0; i < 20; i++) {
      many.append("X-H").append(i).append(": v\r\n");
    }
    assertThat(frameError(many + "\r\n", SipLimits.builder().maxHeaderCount(10).build()).reason())
        .isEqualTo(Reason.TOO_MANY_HEADERS);
    assertThat(frameError(many.toString(), SipLimits.builder().maxHeaderSectionBytes(100).build())
        .reason()).isEqualTo(Reason.HEADER_SECTION_TOO_LARGE);
  }

  @Test
  void limitsAreImmutableValuesWithDefaults() {
    SipLimits d = SipLimits.DEFAULTS;
    assertThat(d.maxBodyBytes()).isPositive();
    SipLimits custom = d.toBuilder().maxHeaderCount(7).build();
    assertThat(custom.maxHeaderCount()).isEqualTo(7);
    assertThat(d.maxHeaderCount()).isNotEqualTo(7);
    assertThatThrownBy(() -> SipLimits.builder().maxBodyBytes(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void idleFramerReleasesALargeBuffer() throws Exception {
    SipFramer framer = new SipFramer();
    String body = "x".repeat(200_000);
    String msg = "MESSAGE sip:a@b SIP/2.0\r\nContent-Length: 200000\r\n\r\n" + body;
    framer.feed(ByteBuffer.wrap(bytes(msg)));
    assertThat(framer.next()).isNotNull();
    assertThat(framer.next()).isNull();
    assertThat(framer.buffered()).isZero();
    framer.feed(ByteBuffer.wrap(bytes(REG)));
    assertThat(drain(framer)).containsExactly(REG);
  }

  @Test
  void trimReleasesTheBufferOfAnIdleStreamAndTheNextFeedWorks() throws Exception {
    SipFramer framer = new SipFramer();
    framer.feed(bytes(REG), 0, bytes(REG).length);
    assertThat(drain(framer)).containsExactly(REG);
    framer.trim();
    assertThat(framer.capacity()).isZero();
    framer.feed(bytes(INV), 0, bytes(INV).length);
    assertThat(drain(framer)).containsExactly(INV);
  }

  @Test
  void trimAlsoLetsGoOfTheBufferThroughTheReusedFrame() throws Exception {
    SipFramer framer = new SipFramer();
    framer.feed(bytes(REG), 0, bytes(REG).length);
    SipFrame frame = framer.next();
    assertThat(frame.array().length).isPositive();
    assertThat(framer.next()).isNull();
    framer.trim();
    // the framer reuses one frame object; holding the old array through it kept 4 KB per
    // direction alive in every idle session
    assertThat(frame.array()).isEmpty();
    framer.feed(bytes(REG), 0, bytes(REG).length);
    assertThat(framer.next().parse().callId()).isEqualTo(SipMessage.parse(bytes(REG)).callId());
  }

  @Test
  void trimKeepsAPartialMessage() throws Exception {
    SipFramer framer = new SipFramer();
    byte[] reg = bytes(REG);
    framer.feed(reg, 0, 10);
    assertThat(framer.next()).isNull();
    framer.trim();
    assertThat(framer.capacity()).isPositive();
    framer.feed(reg, 10, reg.length - 10);
    assertThat(drain(framer)).containsExactly(REG);
  }

  @Test
  void aFrameTellsWhetherItsHeadHoldsABareCrOrNul() throws Exception {
    String ok = "OPTIONS sip:a SIP/2.0\r\nVia: x\r\nContent-Length: 2\r\n\r\n\r\u0000";
    String cr = "OPTIONS sip:a\rX SIP/2.0\r\nVia: x\r\nContent-Length: 0\r\n\r\n";
    String nul = "OPTIONS sip:a SIP/2.0\r\nVia: x\u0000\r\nContent-Length: 0\r\n\r\n";
    for (String text : new String[] {ok, cr, nul}) {
      byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
      SipFramer framer = new SipFramer();
      framer.feed(b, 0, b.length);
      boolean expected = text != ok; // the body's CR and NUL do not count
      assertThat(framer.next().hasUnsafeControls()).as("framed %s", text).isEqualTo(expected);
      assertThat(SipFrame.ofMessage(b, 0, b.length).hasUnsafeControls()).as("whole %s", text)
          .isEqualTo(expected);
    }
    SipFramer framer = new SipFramer();
    framer.feed("\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0, 4);
    assertThat(framer.next().hasUnsafeControls()).isFalse(); // a ping is not a message
  }
}
