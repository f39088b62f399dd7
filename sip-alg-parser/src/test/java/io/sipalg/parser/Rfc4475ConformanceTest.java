package io.sipalg.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipalg.parser.FramingException.Reason;
import io.sipalg.parser.Violation.Kind;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * RFC 4475 torture tests, verdicts as in {@code src/test/resources/rfc4475/README.md}. Valid
 * messages parse with no malformed header and no violation, and the values the RFC calls out are
 * checked; invalid ones are rejected, and each expectation names the layer that rejects it:
 * FRAMER ({@link SipFramer}), START_LINE ({@link SipParseException}), HEADER
 * ({@link SipMessage#malformedHeaders()}) or MESSAGE ({@link SipMessage#validate()}).
 */
class Rfc4475ConformanceTest {
  static Stream<String> validFiles() {
    return Stream.of(Corpus.VALID);
  }

  static Stream<String> invalidFiles() {
    return Stream.of(Corpus.INVALID);
  }

  @ParameterizedTest
  @MethodSource("validFiles")
  void validMessagesParseCleanlyAndSerialiseIdentically(String name) throws Exception {
    byte[] wire = Corpus.valid(name);
    SipMessage m = SipMessage.parse(wire);
    assertThat(m.malformedHeaders()).as(name).isEmpty();
    assertThat(m.validate()).as(name).isEmpty();
    assertThat(m.edit().toByteArray()).isEqualTo(wire);
    assertThat(m.vias()).isNotEmpty();
    // Every accessor tokenises without error on a valid message.
    m.from();
    m.to();
    m.callId();
    m.cseq();
    m.contacts();
    m.routes();
    m.recordRoutes();
    m.maxForwards();
    m.contentType();
    String verdict = MessageCheck.verdict(wire);
    if (name.equals("dblreq") || name.equals("inv2543")) {
      // Valid over UDP only: on a stream (and in a file) trailing bytes / no Content-Length fail.
      assertThat(verdict).startsWith("INVALID");
    } else {
      assertThat(verdict).as(name).startsWith("OK ");
    }
  }

  @Test
  void wsinvShortTortuousInvite() throws Exception {
    SipMessage m = SipMessage.parse(Corpus.valid("wsinv"));
    assertThat(m.method()).isEqualTo("INVITE");
    assertThat(m.requestUri().param("unknownparam")).isEmpty();
    assertThat(m.to().tag()).isEqualTo("1918181833n");
    assertThat(m.to().bracketed()).isFalse();
    assertThat(m.from().displayName()).isEqualTo("J Rosenberg \\\"");
    assertThat(m.from().tag()).isEqualTo("98asjd8");
    assertThat(m.maxForwards()).isEqualTo(68);
    assertThat(m.cseq()).isEqualTo(new CSeq(9, "INVITE"));
    assertThat(m.callId()).isEqualTo("wsinv.ndaksdj@192.0.2.1");
    List<Via> vias = m.vias();
    assertThat(vias).extracting(Via::transport).containsExactly("UDP", "TCP", "UDP");
    assertThat(vias).extracting(Via::host)
        .containsExactly("192.0.2.2", "spindle.example.com", "192.168.255.111");
    assertThat(vias).extracting(Via::branch)
        .containsExactly("390skdjuw", "z9hG4bK9ikj8", "z9hG4bK30239");
    assertThat(m.header("s").value()).isEmpty();
    assertThat(m.headerValue("NewFangledHeader"))
        .isEqualTo("newfangled value continued newfangled value");
    assertThat(m.headerValue("UnknownHeaderWithUnusualValue")).isEqualTo(";;,,;;,;");
    assertThat(m.routes().get(0).uri().params()).containsKeys("lr", "unknownwith", "unknown-no-value");
    NameAddress contact = m.contacts().get(0);
    assertThat(contact.displayName()).isEqualTo("Quoted string \"\"");
    assertThat(contact.params()).containsEntry("newparam", "newvalue")
        .containsEntry("secondparam", "").containsEntry("q", "0.33");
    assertThat(m.contentLength()).isEqualTo(150);
    assertThat(m.bodyLength()).isEqualTo(150);
    assertThat(m.sdp().malformedLines()).isEmpty();
  }

  @Test
  void intmethWideRangeOfCharacters() throws Exception {
    SipMessage m = SipMessage.parse(Corpus.valid("intmeth"));
    String method = "!interesting-Method0123456789_*+`.%indeed'~";
    assertThat(m.method()).isEqualTo(method);
    assertThat(m.cseq().method()).isEqualTo(method);
    SipUri ruri = m.requestUri();
    assertThat(ruri.user()).isEqualTo("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*");
    assertThat(ruri.password()).isEqualTo("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)");
    assertThat(ruri.host()).isEqualTo("example.com");
    assertThat(m.to().displayName()).isEqualTo("BEL:\u0007 NUL:\u0000 DEL:\u007f");
    assertThat(m.from().displayName()).isEqualTo("token1~` token2'+_ token3*%!.-");
    assertThat(m.from().tag()).isEqualTo("_token~1'+`*%!-.");
    assertThat(m.from().param("fromParam''~+*_!.-%")).isEqualTo("\u0440\u0430\u0431\u043e\u0442\u0430\u044e\u0449\u0438\u0439");
    assertThat(m.callId()).isEqualTo("intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{");
    assertThat(m.unknownHeaders()).extracting(SipHeader::name)
        .containsExactly("extensionHeader-!.%*+_`'~");
  }

  @Test
  void escapingIsDecodedOnceAndOnlyInUris() throws Exception {
    SipMessage esc01 = SipMessage.parse(Corpus.valid("esc01"));
    assertThat(esc01.requestUri().user()).isEqualTo("sips:user@example.com");
    assertThat(esc01.to().uri().user()).isEqualTo("user");
    assertThat(esc01.from().uri().user()).isEqualTo("I have spaces");
    SipUri contact = esc01.contacts().get(0).uri();
    assertThat(contact.user()).isEqualTo("caller");
    assertThat(contact.params()).containsEntry("lr", "").containsEntry("name", "value%41");

    SipMessage escnull = SipMessage.parse(Corpus.valid("escnull"));
    assertThat(escnull.to().uri().user()).isEqualTo("null-\u0000-null");
    assertThat(escnull.contacts()).extracting(c -> c.uri().user())
        .containsExactly("\u0000", "\u0000\u0000");

    SipMessage esc02 = SipMessage.parse(Corpus.valid("esc02"));
    assertThat(esc02.method()).isEqualTo("RE%47IST%45R");
    assertThat(esc02.isMethod("REGISTER")).isFalse();
    assertThat(esc02.to().displayName()).isEqualTo("%Z%45");
    assertThat(esc02.contacts()).hasSize(2);
    assertThat(esc02.unknownHeaders()).extracting(SipHeader::name).containsExactly("C%6Fntact");
  }

  @Test
  void longValuesAndManyVias() throws Exception {
    SipMessage m = SipMessage.parse(Corpus.valid("longreq"));
    assertThat(m.vias()).hasSize(34);
    assertThat(m.to().displayName()).startsWith("I have a user name of extremeextreme");
    assertThat(m.to().uri().port()).isEqualTo(6000);
    assertThat(m.to().uri().params()).hasSize(3).containsValue("shortvalue")
        .containsKey("verylonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglong"
            + "longlonglonglonglonglonglongparameternamewithnovalue");
    assertThat(m.from().tag()).hasSizeGreaterThan(100);
    assertThat(m.callId()).hasSizeGreaterThan(100);
  }

  @Test
  void userPartsTransportsAndSchemes() throws Exception {
    assertThat(SipMessage.parse(Corpus.valid("semiuri")).requestUri().user())
        .isEqualTo("user;par=u@example.net");
    assertThat(SipMessage.parse(Corpus.valid("transports")).vias()).extracting(Via::transport)
        .containsExactly("UDP", "SCTP", "TLS", "UNKNOWN", "TCP");
    assertThat(SipMessage.parse(Corpus.valid("lwsdisp")).from().displayName()).isEqualTo("caller");
    assertThat(SipMessage.parse(Corpus.valid("unkscm")).requestUri().scheme())
        .isEqualTo("nobodyknowsthisscheme");
    assertThat(SipMessage.parse(Corpus.valid("novelsc")).requestUri().scheme())
        .isEqualTo("soap.beep");
    SipMessage unksm2 = SipMessage.parse(Corpus.valid("unksm2"));
    assertThat(unksm2.to().uri().scheme()).isEqualTo("isbn");
    assertThat(unksm2.from().uri().scheme()).isEqualTo("http");
    assertThat(unksm2.contacts().get(0).uri().isOpaque()).isTrue();
    assertThat(SipMessage.parse(Corpus.valid("bcast")).vias().get(1).host())
        .isEqualTo("255.255.255.255");
    assertThat(SipMessage.parse(Corpus.valid("badbranch")).topVia().branch()).isEqualTo("z9hG4bK");
  }

  @Test
  void contactParametersVersusUriParameters() throws Exception {
    NameAddress c1 = SipMessage.parse(Corpus.valid("cparam01")).contacts().get(0);
    assertThat(c1.params()).containsKey("unknownparam");
    assertThat(c1.uri().params()).doesNotContainKey("unknownparam");
    NameAddress c2 = SipMessage.parse(Corpus.valid("cparam02")).contacts().get(0);
    assertThat(c2.uri().params()).containsKey("unknownparam");
    assertThat(c2.params()).doesNotContainKey("unknownparam");
    NameAddress c3 = SipMessage.parse(Corpus.valid("regescrt")).contacts().get(0);
    assertThat(c3.uri().headers()).isEqualTo(Map.of("Route", "<sip:sip.example.com>"));
  }

  @Test
  void responsesAndOpaqueHeaders() throws Exception {
    SipMessage unreason = SipMessage.parse(Corpus.valid("unreason"));
    assertThat(unreason.statusCode()).isEqualTo(200);
    assertThat(unreason.reasonPhrase()).startsWith("= 2**3 * 5**2 ");
    SipMessage noreason = SipMessage.parse(Corpus.valid("noreason"));
    assertThat(noreason.statusCode()).isEqualTo(100);
    assertThat(noreason.reasonPhrase()).isEmpty();
    assertThat(SipMessage.parse(Corpus.valid("regaut01")).header("Authorization").values())
        .containsExactly("NoOneKnowsThisScheme opaque-data=here");
    SipMessage bext = SipMessage.parse(Corpus.valid("bext01"));
    assertThat(bext.header("Require").values()).containsExactly("nothingSupportsThis",
        "nothingSupportsThisEither");
    assertThat(bext.header("Proxy-Require").values()).containsExactly("noProxiesSupportThis",
        "norDoAnyProxiesSupportThis");
    assertThat(SipMessage.parse(Corpus.valid("invut")).contentType())
        .isEqualTo("application/unknownformat");
    assertThat(SipMessage.parse(Corpus.valid("sdp01")).headerValue("Accept"))
        .isEqualTo("text/nobodyKnowsThis");
    assertThat(SipMessage.parse(Corpus.valid("zeromf")).maxForwards()).isZero();
  }

  @Test
  void framingOfTheStreamRelevantValidMessages() throws Exception {
    byte[] mpart = Corpus.valid("mpart01");
    SipFramer framer = new SipFramer();
    framer.feed(ByteBuffer.wrap(mpart));
    SipFrame frame = framer.next();
    assertThat(frame.length()).isEqualTo(mpart.length);
    SipMessage m = frame.parse();
    assertThat(m.contentType()).isEqualTo("multipart/mixed");
    assertThat(m.bodyLength()).isEqualTo(553);

    byte[] dbl = Corpus.valid("dblreq");
    SipFramer dblFramer = new SipFramer();
    dblFramer.feed(ByteBuffer.wrap(dbl));
    SipMessage register = dblFramer.next().parse();
    assertThat(register.method()).isEqualTo("REGISTER");
    assertThat(register.bodyLength()).isZero();
    // On a stream the trailing octets are a pong (their leading CRLF) and then the next message.
    assertThat(dblFramer.next().kind()).isEqualTo(SipFrame.Kind.PONG);
    assertThat(dblFramer.next().parse().method()).isEqualTo("INVITE");

    byte[] rfc2543 = Corpus.valid("inv2543");
    SipMessage old = SipMessage.parse(rfc2543);
    assertThat(old.topVia().branch()).isNull();
    assertThat(old.from().tag()).isNull();
    assertThat(old.maxForwards()).isEqualTo(-1);
    assertThat(old.bodyLength()).isEqualTo(105);
    SipFramer f2543 = new SipFramer();
    f2543.feed(ByteBuffer.wrap(rfc2543));
    assertThatThrownBy(f2543::next).isInstanceOfSatisfying(FramingException.class,
        e -> assertThat(e.reason()).isEqualTo(Reason.CONTENT_LENGTH_MISSING));
  }

  // ------------------------------------------------------------------ invalid

  enum Layer { FRAMER, START_LINE, HEADER, MESSAGE }

  static Stream<Arguments> invalidVerdicts() {
    return Stream.of(
        Arguments.of("badaspec", Layer.HEADER, "To"),
        Arguments.of("baddate", Layer.HEADER, "Date"),
        Arguments.of("baddn", Layer.FRAMER, "incomplete"),
        Arguments.of("baddn_terminated", Layer.HEADER, "From"),
        Arguments.of("badinv01", Layer.HEADER, "Via"),
        Arguments.of("badvers", Layer.MESSAGE, Kind.UNSUPPORTED_VERSION),
        Arguments.of("bigcode", Layer.START_LINE, "status code"),
        Arguments.of("clerr", Layer.FRAMER, "incomplete"),
        Arguments.of("escruri", Layer.MESSAGE, Kind.BAD_REQUEST_URI),
        Arguments.of("insuf", Layer.MESSAGE, Kind.MISSING_HEADER),
        Arguments.of("ltgtruri", Layer.MESSAGE, Kind.BAD_REQUEST_URI),
        Arguments.of("lwsruri", Layer.START_LINE, "SIP-Version"),
        Arguments.of("lwsstart", Layer.START_LINE, "Request-URI"),
        Arguments.of("mcl01", Layer.FRAMER, Reason.CONTENT_LENGTH_MULTIPLE),
        Arguments.of("mismatch01", Layer.MESSAGE, Kind.CSEQ_METHOD_MISMATCH),
        Arguments.of("mismatch02", Layer.MESSAGE, Kind.CSEQ_METHOD_MISMATCH),
        Arguments.of("multi01", Layer.MESSAGE, Kind.DUPLICATE_HEADER),
        Arguments.of("ncl", Layer.FRAMER, Reason.CONTENT_LENGTH_NEGATIVE),
        Arguments.of("quotbal", Layer.HEADER, "To"),
        Arguments.of("regbadct", Layer.HEADER, "Contact"),
        Arguments.of("scalar02", Layer.HEADER, "CSeq"),
        Arguments.of("scalarlg", Layer.HEADER, "CSeq"),
        Arguments.of("test", Layer.START_LINE, "SIP-Version"),
        Arguments.of("trws", Layer.START_LINE, "SIP-Version"));
  }

  @Test
  void everyInvalidFileHasAnExpectation() {
    assertThat(invalidVerdicts().map(a -> (String) a.get()[0])).containsExactlyInAnyOrder(
        Corpus.INVALID);
  }

  @ParameterizedTest(name = "{0} rejected by {1} ({2})")
  @MethodSource("invalidVerdicts")
  void invalidMessagesAreRejectedAtTheirLayer(String name, Layer layer, Object what)
      throws Exception {
    byte[] wire = Corpus.invalid(name);
    assertThat(MessageCheck.verdict(wire)).as(name).startsWith("INVALID ");
    switch (layer) {
      case FRAMER: {
        SipFramer framer = new SipFramer();
        framer.feed(ByteBuffer.wrap(wire));
        if (what instanceof Reason) {
          assertThatThrownBy(framer::next).isInstanceOfSatisfying(FramingException.class, e -> {
            assertThat(e.reason()).isEqualTo(what);
            assertThat(e.resynchronisable()).isFalse();
          });
        } else {
          // TCP: the element waits for bytes that never come (then closes on its timer)
          assertThat(framer.next()).isNull();
          assertThat(framer.inMessage()).isTrue();
        }
        break;
      }
      case START_LINE:
        assertThatThrownBy(() -> SipMessage.parse(wire)).isInstanceOfSatisfying(
            SipParseException.class, e -> assertThat(e.getMessage()).contains((String) what));
        break;
      case HEADER: {
        SipMessage m = SipMessage.parse(wire);
        assertThat(m.malformedHeaders()).extracting(HeaderError::name).contains((String) what);
        assertThat(m.validate()).extracting(Violation::kind).contains(Kind.MALFORMED_HEADER);
        break;
      }
      case MESSAGE: {
        SipMessage m = SipMessage.parse(wire);
        assertThat(m.validate()).extracting(Violation::kind).contains((Kind) what);
        break;
      }
      default:
        throw new AssertionError(layer);
    }
  }

  @Test
  void detailsOfSomeInvalidMessages() throws Exception {
    SipMessage multi = SipMessage.parse(Corpus.invalid("multi01"));
    assertThat(multi.validate()).filteredOn(v -> v.kind() == Kind.DUPLICATE_HEADER)
        .extracting(Violation::header)
        .containsExactlyInAnyOrder("To", "From", "Call-ID", "CSeq", "Max-Forwards");
    SipMessage insuf = SipMessage.parse(Corpus.invalid("insuf"));
    assertThat(insuf.validate()).extracting(Violation::header)
        .containsExactlyInAnyOrder("To", "From", "Call-ID");
    SipMessage scalar = SipMessage.parse(Corpus.invalid("scalar02"));
    assertThat(scalar.malformedHeaders()).extracting(HeaderError::name)
        .containsExactly("CSeq", "Max-Forwards", "Expires");
    assertThat(scalar.contacts().get(0).expires()).isEqualTo(Long.MAX_VALUE);
    SipMessage badvers = SipMessage.parse(Corpus.invalid("badvers"));
    assertThat(badvers.validate().get(0).kind().status()).isEqualTo(505);
    assertThat(SipMessage.parse(Corpus.invalid("baddn")).validate()).extracting(Violation::kind)
        .contains(Kind.TRUNCATED, Kind.MALFORMED_HEADER);
    assertThat(SipMessage.parse(Corpus.invalid("badinv01")).malformedHeaders())
        .extracting(HeaderError::name).containsExactly("Via", "Contact");
  }
}
