package io.sipalg.parser;

import static io.sipalg.parser.Corpus.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SipMessageTest {
  private static SipMessage parse(String s) throws SipParseException {
    return SipMessage.parse(bytes(s));
  }

  @Test
  void typedAccessToTheRegisterHeaders() throws Exception {
    SipMessage m = parse(Corpus.REGISTER);
    assertThat(m.isRequest()).isTrue();
    assertThat(m.method()).isEqualTo("REGISTER");
    assertThat(m.requestUri().scheme()).isEqualTo("sips");
    assertThat(m.requestUri().host()).isEqualTo("registrar.example.com");
    Via via = m.topVia();
    assertThat(via.transport()).isEqualTo("TLS");
    assertThat(via.host()).isEqualTo("192.0.2.10");
    assertThat(via.port()).isEqualTo(5061);
    assertThat(via.branch()).isEqualTo("z9hG4bK776asdhds");
    assertThat(via.hasRport()).isTrue();
    assertThat(via.rport()).isEqualTo(-1);
    assertThat(m.from().tag()).isEqualTo("456248");
    assertThat(m.from().displayName()).isEqualTo("Bob");
    assertThat(m.to().tag()).isNull();
    assertThat(m.to().uri().user()).isEqualTo("bob");
    assertThat(m.callId()).isEqualTo("843817637684230@998sdasdh09");
    assertThat(m.cseq()).isEqualTo(new CSeq(1826, "REGISTER"));
    assertThat(m.maxForwards()).isEqualTo(70);
    NameAddress contact = m.contacts().get(0);
    assertThat(contact.uri().port()).isEqualTo(5061);
    assertThat(contact.uri().param("transport")).isEqualTo("tls");
    assertThat(contact.expires()).isEqualTo(3600);
    assertThat(m.contentLength()).isZero();
    assertThat(m.expires()).isEqualTo(-1);
    assertThat(m.malformedHeaders()).isEmpty();
    assertThat(m.validate()).isEmpty();
    assertThat(m.unknownHeaders()).isEmpty();
  }

  @Test
  void responsesExposeCodeAndReason() throws Exception {
    SipMessage m = parse("SIP/2.0 180 Ringing\r\nVia: SIP/2.0/TLS h;branch=z9hG4bK1\r\n"
        + "Content-Length: 0\r\n\r\n");
    assertThat(m.isResponse()).isTrue();
    assertThat(m.statusCode()).isEqualTo(180);
    assertThat(m.reasonPhrase()).isEqualTo("Ringing");
    assertThat(m.method()).isNull();
    assertThat(m.requestUri()).isNull();
  }

  @Test
  void unusableStartLinesAreTypedParseErrors() {
    for (String bad : List.of("", "hello world\r\n\r\n", "INVITE sip:a@b\r\n\r\n",
        "INVITE  sip:a@b SIP/2.0\r\n\r\n", "SIP/2.0 2000 OK\r\n\r\n", "SIP/2.0 099 x\r\n\r\n",
        "INVITE sip:a@b SIP/2.0", "\u0000\u0001\r\n", "INVITE sip:a@b HTTP/1.1\r\n\r\n")) {
      assertThatThrownBy(() -> parse(bad)).as(bad).isInstanceOf(SipParseException.class);
    }
  }

  @Test
  void aMalformedHeaderDoesNotHideTheOthers() throws Exception {
    SipMessage m = parse("INVITE sip:bob@example.com SIP/2.0\r\n"
        + "Via: SIP/2.0/TLS host;;branch=z9hG4bKx\r\n"
        + "From: \"unterminated <sip:a@example.com>;tag=1\r\n"
        + "To: <sip:bob@example.com>\r\n"
        + "Call-ID: abc@host\r\n"
        + "CSeq: x INVITE\r\n"
        + "NoColonHere\r\n"
        + "Content-Length: 0\r\n\r\n");
    assertThat(m.to().uri().user()).isEqualTo("bob");
    assertThat(m.callId()).isEqualTo("abc@host");
    assertThatThrownBy(m::topVia).isInstanceOfSatisfying(MalformedHeaderException.class, e -> {
      assertThat(e.error().name()).isEqualTo("Via");
      assertThat(e.error().offset()).isEqualTo(m.header("Via").valueOffset() + 17);
    });
    assertThatThrownBy(m::from).isInstanceOf(MalformedHeaderException.class);
    assertThatThrownBy(m::cseq).isInstanceOf(MalformedHeaderException.class);
    assertThat(m.malformedHeaders()).extracting(HeaderError::name)
        .containsExactly("Via", "From", "CSeq", "(no colon)");
    assertThat(m.malformedHeaders("via")).hasSize(1);
    assertThat(m.header("From").error().reason()).contains("unterminated quoted string");
    assertThat(m.header("To").error()).isNull();
    assertThat(m.malformedHeaders().get(0).toString())
        .startsWith("malformed Via header at offset ");
  }

  @Test
  void everyFortiOsMalformedHeaderOptionHasACheck() throws Exception {
    String[][] bad = {
      {"Via", "SIP/2.0/TLS"}, {"From", "<sip:a@b"}, {"To", "\"x <sip:a@b>"}, {"Call-ID", "a b"},
      {"CSeq", "1"}, {"RAck", "1 2"}, {"RSeq", "x"}, {"Contact", "<sip:a@b>;;"},
      {"Record-Route", "sip:p.example.com"}, {"Route", "<sip:p"}, {"Expires", "soon"},
      {"Content-Type", "application"}, {"Content-Length", "-1"}, {"Max-Forwards", "256"},
      {"Allow", "INVITE,,ACK"}, {"P-Asserted-Identity", "<tel:>"}, {"Require", ""},
      {"Proxy-Require", "a b"}
    };
    for (String[] h : bad) {
      SipMessage m = parse("OPTIONS sip:a@b SIP/2.0\r\n" + h[0] + ": " + h[1] + "\r\n\r\n");
      assertThat(m.malformedHeaders(h[0])).as(h[0] + ": " + h[1]).hasSize(1);
    }
    String[][] good = {
      {"RAck", "776656 1 INVITE"}, {"RSeq", "988789"}, {"Allow", "INVITE, ACK, BYE"},
      {"P-Asserted-Identity", "\"Cullen\" <sip:fluffy@cisco.com>, <tel:+14085264000>"},
      {"Require", "100rel"}, {"Proxy-Require", "foo, bar"}, {"Content-Type", "text/plain;a=b"},
      {"Contact", "*"}, {"Route", "<sip:a@b;lr>,<sip:c@d>"}
    };
    for (String[] h : good) {
      SipMessage m = parse("OPTIONS sip:a@b SIP/2.0\r\n" + h[0] + ": " + h[1] + "\r\n\r\n");
      assertThat(m.malformedHeaders()).as(h[0] + ": " + h[1]).isEmpty();
    }
  }

  @Test
  void compactFormsFoldingAndMultipleValues() throws Exception {
    SipMessage m = parse("INVITE sip:bob@example.com SIP/2.0\r\n"
        + "v: SIP/2.0/UDP a.example.com;branch=z9hG4bK1,\r\n SIP/2.0/TCP b.example.com:5070\r\n"
        + "Via: SIP/2.0/TLS [2001:db8::9]:5061;received=192.0.2.1;rport=4000\r\n"
        + "f: <sip:a@example.com>;tag=1\r\nt: sip:b@example.com\r\ni: cid\r\n"
        + "m: <sip:a@1.2.3.4>;q=0.5, \"Other\" <sip:a@5.6.7.8:5080>\r\n"
        + "Authorization: Digest username=\"a\", realm=\"b\"\r\n"
        + "c: application/sdp\r\nl: 0\r\ns:\r\nk: 100rel\r\n\r\n");
    List<Via> vias = m.vias();
    assertThat(vias).extracting(Via::host)
        .containsExactly("a.example.com", "b.example.com", "[2001:db8::9]");
    assertThat(vias.get(1).port()).isEqualTo(5070);
    assertThat(vias.get(2).received()).isEqualTo("192.0.2.1");
    assertThat(vias.get(2).rport()).isEqualTo(4000);
    assertThat(m.headers("Via")).hasSize(2);
    assertThat(m.header("v").value()).isEqualTo(
        "SIP/2.0/UDP a.example.com;branch=z9hG4bK1, SIP/2.0/TCP b.example.com:5070");
    assertThat(m.to().bracketed()).isFalse();
    assertThat(m.callId()).isEqualTo("cid");
    assertThat(m.contacts()).hasSize(2);
    assertThat(m.contacts().get(1).displayName()).isEqualTo("Other");
    assertThat(m.contacts().get(1).uri().port()).isEqualTo(5080);
    assertThat(m.header("Authorization").values()).hasSize(1);
    assertThat(m.header("m").values()).hasSize(2);
    assertThat(m.contentType()).isEqualTo("application/sdp");
    assertThat(m.header("Subject").value()).isEmpty();
    assertThat(m.header("k").canonicalName()).isEqualTo("Supported");
  }

  @Test
  void urisOfEveryKind() throws Exception {
    SipUri sip = SipUri.parse("sips:al%69ce:pw@[2001:db8::1]:5061;transport=tls;lr?Subject=hi%20there");
    assertThat(sip.user()).isEqualTo("alice");
    assertThat(sip.password()).isEqualTo("pw");
    assertThat(sip.host()).isEqualTo("[2001:db8::1]");
    assertThat(sip.port()).isEqualTo(5061);
    assertThat(sip.params()).containsEntry("transport", "tls").containsEntry("lr", "");
    assertThat(sip.headers()).containsEntry("Subject", "hi there");
    SipUri tel = SipUri.parse("tel:+1-201-555-0123;phone-context=example.com");
    assertThat(tel.isTel()).isTrue();
    assertThat(tel.user()).isEqualTo("+1-201-555-0123");
    assertThat(tel.param("phone-context")).isEqualTo("example.com");
    SipUri urn = SipUri.parse("urn:service:sos");
    assertThat(urn.isOpaque()).isTrue();
    assertThat(urn.toString()).isEqualTo("urn:service:sos");
    assertThatThrownBy(() -> SipUri.parse("sip:a@b:99999")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SipUri.parse("nocolon")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SipUri.parse("sip:a%zz@b")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void longestLineLengthIsTheLongestPhysicalLineOfTheHeadForEveryCorpusMessage() throws Exception {
    int checked = 0;
    for (byte[] wire : Corpus.all()) {
      SipMessage m;
      try {
        m = SipMessage.parse(wire);
      } catch (SipParseException e) {
        continue;
      }
      // by brute force: every line of the head (up to the empty line), without its CR LF
      int longest = 0;
      int lineStart = 0;
      for (int i = 0; i < m.bodyOffset() && i < wire.length; i++) {
        if (wire[i] == '\n') {
          int end = i > lineStart && wire[i - 1] == '\r' ? i - 1 : i;
          longest = Math.max(longest, end - lineStart);
          lineStart = i + 1;
        }
      }
      if (m.bodyOffset() == wire.length && lineStart < wire.length) {
        longest = Math.max(longest, wire.length - lineStart); // unterminated last line
      }
      assertThat(m.longestLineLength()).as(Corpus.str(wire)).isEqualTo(longest);
      checked++;
    }
    assertThat(checked).isGreaterThan(30);
  }

  @Test
  void lineLengthAndUnknownHeadersForTheInspector() throws Exception {
    SipMessage m = parse("OPTIONS sip:a@b SIP/2.0\r\nX-Custom: 1\r\nFoo: " + "z".repeat(120)
        + "\r\n continued\r\nContent-Length: 0\r\n\r\n");
    assertThat(m.longestLineLength()).isEqualTo(125);
    assertThat(m.headersWithLinesLongerThan(100)).extracting(SipHeader::name).containsExactly("Foo");
    assertThat(m.unknownHeaders()).extracting(SipHeader::name).containsExactly("X-Custom", "Foo");
    assertThat(HeaderNames.isKnown("p-asserted-identity")).isTrue();
    assertThat(HeaderNames.canonical("CALL-id")).isEqualTo("Call-ID");
  }

  @Test
  void validationFindsWhatAParserMustAccept() throws Exception {
    SipMessage m = parse("OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/TLS h\r\nTo: <sip:a@b>\r\n"
        + "From: <sip:c@d>;tag=1\r\nFrom: <sip:c@d>;tag=2\r\nCSeq: 1 INVITE\r\n\r\n");
    assertThat(m.validate()).extracting(Violation::kind).containsExactlyInAnyOrder(
        Violation.Kind.MISSING_HEADER, Violation.Kind.DUPLICATE_HEADER,
        Violation.Kind.CSEQ_METHOD_MISMATCH);
    assertThat(m.validate()).allSatisfy(v -> assertThat(v.kind().status()).isEqualTo(400));
  }

  @Test
  void detachCopiesAndBodyIsEverythingAfterTheEmptyLine() throws Exception {
    byte[] buf = bytes("garbage" + Corpus.invite());
    SipMessage m = SipMessage.parse(buf, 7, buf.length - 7);
    SipMessage copy = m.detach();
    java.util.Arrays.fill(buf, (byte) 'x');
    assertThat(copy.method()).isEqualTo("INVITE");
    assertThat(Corpus.str(copy.body())).isEqualTo(Corpus.SDP_BODY);
    assertThat(copy.bodyLength()).isEqualTo(Corpus.SDP_BODY.length());
  }

  @Test
  void typedValuesAreTokenisedOnceAndShared() throws Exception {
    SipMessage m = SipMessage.parse(bytes(Corpus.REGISTER));
    assertThat(m.topVia()).isSameAs(m.topVia());
    assertThat(m.from()).isSameAs(m.from());
    assertThat(m.to()).isSameAs(m.to());
    assertThat(m.callId()).isSameAs(m.callId());
    assertThat(m.cseq()).isSameAs(m.cseq());
    assertThat(m.vias()).isSameAs(m.vias());
    assertThat(m.contacts()).isSameAs(m.contacts()).isNotEmpty();
    assertThat(m.routes()).isSameAs(m.routes()).isEmpty();
    assertThatThrownBy(() -> m.contacts().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> m.vias().add(null)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void anAbsentHeaderStaysAbsentAndAMalformedOneFailsEveryTime() throws Exception {
    SipMessage m = SipMessage.parse(bytes("OPTIONS sip:h SIP/2.0\r\nCSeq: x OPTIONS\r\n"
        + "Content-Length: 0\r\n\r\n"));
    assertThat(m.topVia()).isNull();
    assertThat(m.topVia()).isNull();
    assertThat(m.callId()).isNull();
    assertThat(m.callId()).isNull();
    assertThatThrownBy(m::cseq).isInstanceOf(MalformedHeaderException.class);
    assertThatThrownBy(m::cseq).isInstanceOf(MalformedHeaderException.class);
  }

  @Test
  void aHeaderWithAnEmptyValueIsMalformedNotAbsent() throws Exception {
    for (String wire : List.of("CSeq:", "cseq:", "CSeq: ")) {
      SipMessage m = SipMessage.parse(bytes("OPTIONS sip:h SIP/2.0\r\n" + wire
          + "\r\nContent-Length: 0\r\n\r\n"));
      assertThatThrownBy(m::cseq).as(wire).isInstanceOf(MalformedHeaderException.class);
      assertThat(m.validate()).as(wire)
          .filteredOn(v -> v.header().equals(HeaderNames.CSEQ)).extracting(Violation::kind)
          .containsExactly(Violation.Kind.MALFORMED_HEADER);
      SipFramer framer = new SipFramer();
      framer.feed(m.toByteArray(), 0, m.length());
      SipMessage framed = framer.next().parse();
      assertThatThrownBy(framed::cseq).as(wire).isInstanceOf(MalformedHeaderException.class);
    }
  }

  @Test
  void aCSeqFoldedOntoItsNextLineIsFoundThroughTheFramerToo() throws Exception {
    byte[] wire = bytes("OPTIONS sip:h SIP/2.0\r\nCSeq:\r\n 7 OPTIONS\r\nContent-Length: 0\r\n\r\n");
    SipFramer framer = new SipFramer();
    framer.feed(wire, 0, wire.length);
    assertThat(framer.next().parse().cseq()).isEqualTo(new CSeq(7, "OPTIONS"));
    assertThat(SipMessage.parse(wire).cseq()).isEqualTo(new CSeq(7, "OPTIONS"));
  }

  @Test
  void controlCharactersAreMalformedInEveryHeaderButFoldsTabsAndQuotedPairsAreNot()
      throws Exception {
    String head = "OPTIONS sip:h SIP/2.0\r\nVia: SIP/2.0/TLS h;branch=z9hG4bK1\r\n"
        + "To: <sip:b@h>\r\nCall-ID: c@h\r\nCSeq: 1 OPTIONS\r\n";
    // a bare CR or a NUL forwarded is how one element's header becomes another's two
    String[][] bad = {
        {"From: \"a\rInjected: x\" <sip:a@h>;tag=1", "From"},
        {"From: <sip:a@h>;tag=1\u0000", "From"},
        {"From: <http://h\u0001x>;tag=1", "From"},
        {"X-Foo: a\rInjected: x", "X-Foo"},
        {"Subject: a\u0000b", "Subject"},
        {"Subject: trailing\r", "Subject"}, // a bare CR just before the CRLF
        {"Via: SIP/2.0/\rCP h2;branch=z9hG4bK2", "Via"}};
    for (String[] line : bad) {
      SipMessage m = SipMessage.parse(bytes(head + line[0] + "\r\nContent-Length: 0\r\n\r\n"));
      assertThat(m.malformedHeaders()).as(line[0]).extracting(HeaderError::name).contains(line[1]);
      assertThat(m.malformedHeaders()).as(line[0]).extracting(HeaderError::reason)
          .anyMatch(r -> r.contains("control character"));
    }
    SipMessage cr = SipMessage.parse(bytes(head + bad[0][0] + "\r\n\r\n"));
    assertThatThrownBy(cr::from).isInstanceOf(MalformedHeaderException.class)
        .hasMessageContaining("control character 0x0D");
    String fine = head + "From: \"tab\there \\\u0007 escaped\" <sip:a@h>;tag=1\r\n"
        + "Subject: folded\r\n\tover two lines\r\nX-Quoted: \"a\\\u0000b\"\r\n"
        + "Content-Length: 0\r\n\r\n";
    SipMessage ok = SipMessage.parse(bytes(fine));
    assertThat(ok.malformedHeaders()).isEmpty();
    assertThat(ok.from().displayName()).startsWith("tab\there");
  }

  @Test
  void everyCheckedHeaderIsCheckedWhateverTheCaseOfItsName() throws Exception {
    String[][] bad = {{"via", "SIP/2.0"}, {"from", "<sip:a@h"}, {"to", "<>"}, {"call-id", "a b"},
        {"cseq", "x INVITE"}, {"rack", "1"}, {"rseq", "x"}, {"contact", "<sip:a@h"},
        {"record-route", "sip:a@h"}, {"route", "sip:a@h"}, {"path", "sip:a@h"},
        {"service-route", "sip:a@h"}, {"p-asserted-identity", "<x"},
        {"p-preferred-identity", "<x"}, {"expires", "x"}, {"min-expires", "x"},
        {"content-length", "x"}, {"max-forwards", "256"}, {"content-type", "text"},
        {"allow", "A,,B"}, {"require", ""}, {"proxy-require", ""}, {"unsupported", ""},
        {"supported", "a,,b"}, {"date", "yesterday"}, {"retry-after", "x"}, {"warning", "x"}};
    StringBuilder wire = new StringBuilder("OPTIONS sip:h SIP/2.0\r\n");
    for (String[] h : bad) {
      wire.append(h[0].toUpperCase(java.util.Locale.ROOT)).append(": ").append(h[1])
          .append("\r\n");
    }
    SipMessage m = SipMessage.parse(bytes(wire.append("\r\n").toString()));
    List<String> flagged = m.malformedHeaders().stream().map(HeaderError::name).toList();
    for (String[] h : bad) {
      assertThat(flagged).as(h[0]).contains(HeaderNames.canonical(h[0]));
    }
    assertThat(flagged).hasSize(bad.length);
  }

  @Test
  void dateHeadersMustBeRfc1123InGmt() throws Exception {
    String head = "SIP/2.0 200 OK\r\nVia: SIP/2.0/TLS h;branch=z9hG4bK1\r\nTo: <sip:b@h>;tag=2\r\n"
        + "From: <sip:a@h>;tag=1\r\nCall-ID: c@h\r\nCSeq: 1 OPTIONS\r\n";
    String[][] cases = {
        {"Thu, 26 Nov 2026 12:00:00 GMT", null},
        {"Sun, 06 Nov 1994 08:49:37 GMT", null},
        {"Thu, 26 Nov 2026 12:00:00 UTC", "time zone must be GMT"},
        {"Thu, 26 Nov 2026 12:00:00 gmt", "time zone must be GMT"},
        {"Thu, 26 Nov 2026 12:00:00 G\u00e9T", "time zone must be GMT"}, // 30 bytes, 29 chars
        {"Thx, 26 Nov 2026 12:00:00 GMT", "not an RFC 1123 date"},
        {"Thu, 26 Noy 2026 12:00:00 GMT", "not an RFC 1123 date"},
        {"Thu 26 Nov 2026 12:00:00 GMTx", "not an RFC 1123 date"},
        {"Thu, 6 Nov 2026 12:00:00 GMT", "not an RFC 1123 date"},
        {"Thu, 26 Nov 2026 12:00:0a GMT", "not an RFC 1123 date"},
        {"Thu, 26 Nov 2026 12-00:00 GMT", "not an RFC 1123 date"},
        {"Thu, 26 Nov 2026 12:00:00  GMT", "not an RFC 1123 date"},
        {"thu, 26 Nov 2026 12:00:00 GMT", "not an RFC 1123 date"}};
    for (String[] c : cases) {
      SipMessage m = SipMessage.parse(
          (head + "Date: " + c[0] + "\r\nContent-Length: 0\r\n\r\n").getBytes(
              java.nio.charset.StandardCharsets.UTF_8));
      if (c[1] == null) {
        assertThat(m.malformedHeaders()).as(c[0]).isEmpty();
      } else {
        assertThat(m.malformedHeaders()).as(c[0]).extracting(HeaderError::reason)
            .containsExactly(c[1]);
      }
    }
  }
}
