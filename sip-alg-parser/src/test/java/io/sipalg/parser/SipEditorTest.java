package io.sipalg.parser;

import static io.sipalg.parser.Corpus.bytes;
import static io.sipalg.parser.Corpus.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SipEditorTest {
  @Test
  void unmodifiedSerialisesToTheSameBytesWithoutCopying() throws Exception {
    byte[] wire = Corpus.valid("wsinv");
    SipMessage m = SipMessage.parse(wire);
    ByteBuffer out = m.edit().toByteBuffer();
    assertThat(out.isReadOnly()).isTrue();
    byte[] copy = new byte[out.remaining()];
    out.get(copy);
    assertThat(copy).isEqualTo(wire);
    assertThat(m.edit().isModified()).isFalse();
  }

  @Test
  void bareCrAndNulInTheHeadBecomeSpaceButTheBodyAndLineEndsStay() throws Exception {
    String head = "MESSAGE sip:bob@example.com SIP/2.0\r\n"
        + "Via: SIP/2.0/TLS h;branch=z9hG4bK1\r\n"
        + "From: \"A\rVia: SIP/2.0/TLS evil\" <sip:a@example.com>;tag=1\r\n"
        + "To: <sip:bob@example.com>\r\nCall-ID: c1\r\nCSeq: 1 MESSAGE\r\n"
        + "Subject: x\u0000y\r\r\n" // a NUL, and a CR just before the CRLF
        + "Content-Type: application/octet-stream\r\nContent-Length: 4\r\n\r\n";
    byte[] wire = (head + "\r\u0000\r\u0000").getBytes(StandardCharsets.ISO_8859_1);
    SipMessage m = SipMessage.parse(wire);
    assertThat(m.malformedHeaders()).extracting(HeaderError::name).containsExactly("From", "Subject");

    assertThat(m.hasUnsafeControls()).isTrue();
    assertThat(m.edit().replaceUnsafeControls()).isEqualTo(3);
    String out = str(m.edit().toByteArray());
    assertThat(out).isEqualTo(head.replace("A\rVia", "A Via").replace("x\u0000y\r\r\n", "x y \r\n")
        + "\r\u0000\r\u0000");
    SipMessage again = SipMessage.parse(bytes(out));
    assertThat(again.from().displayName()).isEqualTo("A Via: SIP/2.0/TLS evil");
    assertThat(again.vias()).hasSize(1);
    assertThat(again.malformedHeaders()).isEmpty();
    assertThat(again.hasUnsafeControls()).isFalse();
  }

  @Test
  void aMessageWithoutBareCrOrNulIsLeftUnedited() throws Exception {
    SipMessage m = SipMessage.parse(Corpus.valid("wsinv"));
    assertThat(m.hasUnsafeControls()).isFalse();
    assertThat(m.edit().replaceUnsafeControls()).isZero();
    assertThat(m.isEdited()).isFalse();
  }

  @Test
  void writeToWritesWhatToByteArrayReturnsAndFollowsLaterEdits() throws Exception {
    SipMessage m = SipMessage.parse(bytes(Corpus.REGISTER));
    SipEditor ed = m.edit();
    ByteBuffer dst = ByteBuffer.allocate(4096).position(7);
    ed.writeTo(dst); // unmodified: the original bytes
    assertThat(dst.position()).isEqualTo(7 + m.length());
    assertThat(ed.serializedLength()).isEqualTo(m.length());

    ed.setViaParam(m.topVia(), "received", "198.51.100.7").setBody(bytes("hello"));
    byte[] expected = ed.toByteArray();
    assertThat(ed.serializedLength()).isEqualTo(expected.length);
    dst.clear().position(3);
    ed.writeTo(dst);
    assertThat(Arrays.copyOfRange(dst.array(), 3, dst.position())).isEqualTo(expected);

    ed.setUriHostPort(m.contacts().get(0).uri(), "203.0.113.9", 5061); // a later edit counts
    byte[] later = ed.toByteArray();
    assertThat(str(later)).contains("203.0.113.9:5061").contains("received=198.51.100.7");
    assertThat(ed.serializedLength()).isEqualTo(later.length);

    ByteBuffer small = ByteBuffer.allocate(later.length - 1);
    assertThatThrownBy(() -> ed.writeTo(small)).isInstanceOf(BufferOverflowException.class);
    assertThat(small.position()).isZero(); // nothing written
  }

  @Test
  void viaReceivedRportAndSentByAreSpliced() throws Exception {
    String reg = Corpus.REGISTER;
    SipMessage m = SipMessage.parse(bytes(reg));
    Via top = m.topVia();
    SipEditor ed = m.edit()
        .setViaParam(top, "received", "198.51.100.7")
        .setViaParam(top, "rport", "40123");
    String out = str(ed.toByteArray());
    assertThat(out).isEqualTo(reg.replace(";rport\r\n", ";rport=40123;received=198.51.100.7\r\n"));
    SipMessage again = SipMessage.parse(bytes(out));
    assertThat(again.topVia().rport()).isEqualTo(40123);
    assertThat(again.topVia().received()).isEqualTo("198.51.100.7");
    SipMessage sentBy = m.edit().setViaSentBy(top, "203.0.113.1", 5062).apply();
    assertThat(sentBy.topVia().host()).isEqualTo("203.0.113.1");
    assertThat(sentBy.topVia().port()).isEqualTo(5062);
    assertThat(sentBy.topVia().branch()).isEqualTo("z9hG4bK776asdhds");
  }

  @Test
  void uriHostPortRewritesInContactFromRouteAndRequestUri() throws Exception {
    SipMessage m = SipMessage.parse(bytes(Corpus.invite()));
    SipEditor ed = m.edit();
    ed.setUriHostPort(m.contacts().get(0).uri(), "203.0.113.9", 6000);
    ed.setUriHostPort(m.from().uri(), "alg.example.net", -1);
    ed.setUriHostPort(m.recordRoutes().get(1).uri(), "[2001:db8::99]", 5071);
    ed.setUriHostPort(m.requestUri(), "10.0.0.1", 5061);
    ed.setCallIdHost("alg.example.net");
    SipMessage out = ed.apply();
    assertThat(out.contacts().get(0).uri().host()).isEqualTo("203.0.113.9");
    assertThat(out.contacts().get(0).uri().port()).isEqualTo(6000);
    assertThat(out.contacts().get(0).uri().param("transport")).isEqualTo("tls");
    assertThat(out.from().uri().host()).isEqualTo("alg.example.net");
    assertThat(out.from().tag()).isEqualTo("9fxced76sl");
    assertThat(out.recordRoutes().get(1).uri().host()).isEqualTo("[2001:db8::99]");
    assertThat(out.requestUri().toString()).isEqualTo("sips:bob@10.0.0.1:5061");
    assertThat(out.callId()).isEqualTo("3848276298220188511@alg.example.net");
    // only the edited spans changed: the rest of each line is byte-identical
    assertThat(str(out.toByteArray())).contains("Record-Route: <sip:p1.example.com;lr>, <sip:");
    assertThat(out.bodyLength()).isEqualTo(m.bodyLength());
  }

  @Test
  void addRemoveAndReplaceHeaders() throws Exception {
    SipMessage m = SipMessage.parse(bytes(Corpus.REGISTER));
    SipMessage out = m.edit()
        .removeHeader(m.header("User-Agent"))
        .setHeaderValue(m.header("Max-Forwards"), "69")
        .addHeader("X-Alg", "seen")
        .addHeaderFirst("Via", "SIP/2.0/TLS alg.example.net;branch=z9hG4bKalg")
        .apply();
    assertThat(out.hasHeader("User-Agent")).isFalse();
    assertThat(out.maxForwards()).isEqualTo(69);
    assertThat(out.headerValue("X-Alg")).isEqualTo("seen");
    assertThat(out.topVia().host()).isEqualTo("alg.example.net");
    assertThat(out.vias()).hasSize(2);
    assertThat(out.validate()).isEmpty();
    assertThatThrownBy(() -> m.edit().addHeader("Bad Name", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> m.edit().addHeader("X", "a\r\nInjected: 1"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void overlappingEditsAreRefused() throws Exception {
    SipMessage m = SipMessage.parse(bytes(Corpus.REGISTER));
    SipEditor ed = m.edit().removeHeader(m.header("Via")).setViaParam(m.topVia(), "rport", "1");
    assertThatThrownBy(ed::toByteArray).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aNewBodyOverridesContentLengthEditsAndARemovedFieldIsAddedBack() throws Exception {
    String head = "MESSAGE sip:a@b SIP/2.0\r\nTo: <sip:a@b>\r\nContent-Length: 4\r\n"
        + "Subject: s\r\n\r\nabcd";
    SipMessage m = SipMessage.parse(bytes(head));
    SipHeader cl = m.header("Content-Length");
    // an edit of the old value gives way to the length of the new body
    SipMessage edited = m.edit().setHeaderValue(cl, "999").setBody(bytes("hello")).apply();
    assertThat(str(edited.toByteArray())).isEqualTo("MESSAGE sip:a@b SIP/2.0\r\nTo: <sip:a@b>\r\n"
        + "Content-Length: 5\r\nSubject: s\r\n\r\nhello");
    // a removed Content-Length comes back at the end of the headers (a new parse: a message
    // has one editor, which still holds the edit above)
    SipMessage fresh = SipMessage.parse(bytes(head));
    SipMessage removed =
        fresh.edit().removeHeader(fresh.header("Content-Length")).setBody(bytes("hi")).apply();
    assertThat(str(removed.toByteArray())).isEqualTo("MESSAGE sip:a@b SIP/2.0\r\nTo: <sip:a@b>\r\n"
        + "Subject: s\r\nContent-Length: 2\r\n\r\nhi");
  }

  @Test
  void replacingTheBodyFixesContentLength() throws Exception {
    SipMessage m = SipMessage.parse(bytes(Corpus.invite()));
    SipMessage out = m.edit().setBody(bytes("v=0\r\n")).apply();
    assertThat(out.contentLength()).isEqualTo(5);
    assertThat(str(out.body())).isEqualTo("v=0\r\n");
    SipMessage noLength = SipMessage.parse(bytes("MESSAGE sip:a@b SIP/2.0\r\nTo: <sip:a@b>\r\n\r\n"));
    SipMessage added = noLength.edit().setBody(bytes("hello")).apply();
    assertThat(added.contentLength()).isEqualTo(5);
    assertThat(str(added.body())).isEqualTo("hello");
  }

  @Test
  void sdpAddressesPortsAndInformationAreEdited() throws Exception {
    SipMessage m = SipMessage.parse(bytes(Corpus.invite()));
    Sdp sdp = m.sdp();
    assertThat(sdp.malformedLines()).isEmpty();
    assertThat(sdp.mediaCount()).isEqualTo(2);
    assertThat(sdp.sessionLine('o').origin().address()).isEqualTo("192.0.2.10");
    assertThat(sdp.effectiveConnection(0).connection().address()).isEqualTo("192.0.2.10");
    assertThat(sdp.effectiveConnection(1).connection().addrType()).isEqualTo("IP6");
    assertThat(sdp.mediaLine(0, 'm').media().port()).isEqualTo(49170);
    assertThat(sdp.mediaLine(0, 'm').media().formats()).containsExactly("0", "8", "101");
    assertThat(sdp.mediaLine(0, 'a').attributeName()).isEqualTo("rtpmap");

    SdpEditor sed = sdp.edit()
        .setConnectionAddress(sdp.sessionLine('c'), "IP4", "203.0.113.9")
        .setOriginAddress(sdp.sessionLine('o'), "IP4", "203.0.113.9")
        .setMediaPort(sdp.mediaLine(0, 'm'), 40000)
        .setConnectionAddress(sdp.mediaLine(1, 'c'), "IP4", "203.0.113.9")
        .setInformation(-1, "via sip-alg")
        .setInformation(1, "video leg");
    SipMessage out = m.edit().setBody(sed.toByteArray()).apply();
    Sdp edited = out.sdp();
    assertThat(edited.malformedLines()).isEmpty();
    assertThat(edited.sessionLine('c').connection().address()).isEqualTo("203.0.113.9");
    assertThat(edited.sessionLine('o').origin().address()).isEqualTo("203.0.113.9");
    assertThat(edited.sessionLine('o').origin().sessionId()).isEqualTo("2890844526");
    assertThat(edited.mediaLine(0, 'm').media().port()).isEqualTo(40000);
    assertThat(edited.mediaLine(1, 'c').connection().addrType()).isEqualTo("IP4");
    assertThat(edited.sessionLine('i').value()).isEqualTo("via sip-alg");
    assertThat(edited.lines().get(3).type()).isEqualTo('i');
    assertThat(edited.mediaLine(1, 'i').value()).isEqualTo("video leg");
    assertThat(out.contentLength()).isEqualTo(out.bodyLength());
    // replacing an existing i= keeps one line
    Sdp again = Sdp.parse(sed.toByteArray());
    Sdp replaced = Sdp.parse(again.edit().setInformation(-1, "second").toByteArray());
    assertThat(replaced.sessionLines()).filteredOn(l -> l.type() == 'i').hasSize(1);
  }

  @Test
  void sdpLinesAreValidatedPerType() {
    Sdp sdp = Sdp.parse(bytes("v=1\r\no=x\r\ns=\r\nc=IN IP4 1.2.3.4 extra\r\nb=AS:x\r\n"
        + "t=0\r\nr=7d x\r\nz=0 -1h\r\nk=clear:x\r\na=:x\r\nm=audio port RTP/AVP 0\r\n"
        + "q=unknown\r\ni=info\r\n"));
    assertThat(sdp.malformedLines()).extracting(HeaderError::name).containsExactly(
        "sdp:v", "sdp:o", "sdp:s", "sdp:c", "sdp:b", "sdp:t", "sdp:r", "sdp:a", "sdp:m", "sdp:q");
    assertThatThrownBy(() -> sdp.lines().get(3).connection())
        .isInstanceOf(MalformedHeaderException.class);
  }

  @Test
  void mediaLineFieldsMustBeTokens() throws Exception {
    String[] bad = {"m=au\u001bdio 4000 RTP/AVP 0", "m=audio 4000 RTP//AVP 0",
        "m=audio 4000 RTP/AVP/ 0", "m=audio 4000 RTP/A\u00e9VP 0", "m=audio 4000 RTP/AVP 0 (8)"};
    for (String line : bad) {
      Sdp sdp = Sdp.parse(bytes("v=0\r\n" + line + "\r\n"));
      assertThat(sdp.malformedLines()).as(line).extracting(HeaderError::name)
          .containsExactly("sdp:m");
    }
    Sdp ok = Sdp.parse(bytes("v=0\r\nm=message 7394 TCP/TLS/MSRP *\r\n"
        + "m=audio 4000/2 RTP/SAVPF 0 telephone-event\r\n"));
    assertThat(ok.malformedLines()).isEmpty();
    assertThat(ok.mediaLine(0, 'm').media().protocol()).isEqualTo("TCP/TLS/MSRP");
    assertThat(ok.mediaLine(1, 'm').media().formats()).containsExactly("0", "telephone-event");
  }

  @Test
  void responsesCopyTheHeadersRfc3261RequiresAndAddATag() throws Exception {
    SipMessage req = SipMessage.parse(bytes(Corpus.invite().replace("Via: SIP/2.0/TLS pc33",
        "Via: SIP/2.0/TLS proxy.example.com;branch=z9hG4bKp\r\nv: SIP/2.0/TLS pc33")));
    SipMessage r = ResponseBuilder.to(req).status(403).toTag("alg1")
        .header("Warning", "399 alg \"blocked\"").buildMessage();
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.reasonPhrase()).isEqualTo("Forbidden");
    assertThat(r.vias()).extracting(Via::host)
        .containsExactly("proxy.example.com", "pc33.atlanta.example.com");
    assertThat(r.from().tag()).isEqualTo("9fxced76sl");
    assertThat(r.to().tag()).isEqualTo("alg1");
    assertThat(r.callId()).isEqualTo(req.callId());
    assertThat(r.cseq()).isEqualTo(req.cseq());
    assertThat(r.contentLength()).isZero();
    assertThat(r.headerValue("Warning")).isEqualTo("399 alg \"blocked\"");
    assertThat(r.hasHeader("Contact")).isFalse();
    assertThat(r.validate()).isEmpty();

    SipMessage trying = ResponseBuilder.to(req).status(100).buildMessage();
    assertThat(trying.to().tag()).isNull();
    SipMessage custom = ResponseBuilder.to(req).status(503).reason("Overloaded").buildMessage();
    assertThat(custom.reasonPhrase()).isEqualTo("Overloaded");
    assertThat(custom.to().tag()).isNotEmpty();
    SipMessage tooBig = ResponseBuilder.to(req).status(413).buildMessage();
    assertThat(tooBig.reasonPhrase()).isEqualTo("Request Entity Too Large");
    assertThatThrownBy(() -> ResponseBuilder.to(r)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void uriParametersAreReplacedOrAppendedInsideTheUri() throws Exception {
    String text = "REGISTER sip:example.com SIP/2.0\r\n"
        + "Via: SIP/2.0/TLS 10.0.0.5:5061;branch=z9hG4bKu1\r\n"
        + "To: <sip:alice@example.com>\r\n"
        + "From: <sip:alice@example.com>;tag=1\r\n"
        + "Call-ID: u1@10.0.0.5\r\n"
        + "CSeq: 1 REGISTER\r\n"
        + "Contact: <sip:alice@10.0.0.5:5061;transport=tls>;expires=60, "
        + "<sip:alice@10.0.0.6?subject=x>, sip:alice@10.0.0.7;q=0.5\r\n"
        + "Content-Length: 0\r\n\r\n";
    SipMessage m = SipMessage.parse(bytes(text));
    java.util.List<NameAddress> contacts = m.contacts();
    SipEditor ed = m.edit()
        .setUriParam(contacts.get(0).uri(), "transport", "udp")
        .setUriParam(contacts.get(0).uri(), "x-orig", "10.0.0.5:5061")
        .setUriParam(contacts.get(1).uri(), "lr", null)
        .setUriParam(contacts.get(2).uri(), "x-orig", "[2001:db8::1]:5060");
    String out = str(ed.toByteArray());
    assertThat(out).contains("Contact: <sip:alice@10.0.0.5:5061;transport=udp;x-orig=10.0.0.5:5061>"
        + ";expires=60, <sip:alice@10.0.0.6;lr?subject=x>, <sip:alice@10.0.0.7;x-orig=[2001:db8::1]:5060>"
        + ";q=0.5\r\n");
    java.util.List<NameAddress> again = SipMessage.parse(bytes(out)).contacts();
    assertThat(again.get(0).uri().param("x-orig")).isEqualTo("10.0.0.5:5061");
    assertThat(again.get(0).expires()).isEqualTo(60);
    assertThat(again.get(1).uri().param("lr")).isEmpty();
    assertThat(again.get(1).uri().headers()).containsEntry("subject", "x");
    assertThat(again.get(2).uri().param("x-orig")).isEqualTo("[2001:db8::1]:5060");
    assertThat(again.get(2).params()).containsEntry("q", "0.5");
    SipMessage ruri = m.edit().setUriParam(m.requestUri(), "transport", "tls").apply();
    assertThat(ruri.startLine()).isEqualTo("REGISTER sip:example.com;transport=tls SIP/2.0");

    SipUri uri = contacts.get(0).uri();
    assertThatThrownBy(() -> m.edit().setUriParam(uri, "bad name", "1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> m.edit().setUriParam(uri, "x", "a;b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> m.edit().setUriParam(uri, "x", "a\r\nX: 1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> m.edit().setUriParam(SipUri.parse("sip:a@b"), "x", "1"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void uriParametersAreRemovedFromTheUriOnly() throws Exception {
    String text = "INVITE sip:alice@192.0.2.1:40000;x-orig=10.0.0.5:5061;transport=tls SIP/2.0\r\n"
        + "Via: SIP/2.0/TLS 198.51.100.10:5061;branch=z9hG4bKr1\r\n"
        + "To: <sip:alice@example.com>\r\n"
        + "From: <sip:carol@example.org>;tag=1\r\n"
        + "Call-ID: r1@198.51.100.10\r\n"
        + "CSeq: 1 INVITE\r\n"
        + "Contact: <sip:carol@198.51.100.10;X-Orig=1;lr>;x-orig=2, <sip:carol@198.51.100.11>\r\n"
        + "Content-Length: 0\r\n\r\n";
    SipMessage m = SipMessage.parse(bytes(text));
    java.util.List<NameAddress> contacts = m.contacts();
    SipUri ruri = m.requestUri();
    String out = str(m.edit()
        .setUriHostPort(ruri, "10.0.0.5", 5061) // an adjacent edit: host:port, then the parameter
        .removeUriParam(ruri, "x-orig")
        .removeUriParam(contacts.get(0).uri(), "x-orig") // any case; the header's ;x-orig stays
        .removeUriParam(contacts.get(1).uri(), "x-orig") // absent: nothing
        .toByteArray());
    assertThat(out).startsWith("INVITE sip:alice@10.0.0.5:5061;transport=tls SIP/2.0\r\n")
        .contains("Contact: <sip:carol@198.51.100.10;lr>;x-orig=2, <sip:carol@198.51.100.11>\r\n");
    assertThat(SipMessage.parse(bytes(out)).requestUri().param("x-orig")).isNull();
    assertThatThrownBy(() -> m.edit().removeUriParam(SipUri.parse("sip:a@b;x=1"), "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sdpIsParsedOnceAndReflectsTheOriginalBody() throws Exception {
    String sdpText = "v=0\r\no=- 1 1 IN IP4 10.0.0.5\r\ns=-\r\nc=IN IP4 10.0.0.5\r\nt=0 0\r\n"
        + "m=audio 49170 RTP/AVP 0\r\n";
    SipMessage m = SipMessage.parse(bytes("INVITE sip:bob@example.com SIP/2.0\r\n"
        + "Via: SIP/2.0/TLS 10.0.0.5:5061;branch=z9hG4bKs1\r\n"
        + "Content-Type: application/sdp\r\nContent-Length: " + sdpText.length() + "\r\n\r\n" + sdpText));
    Sdp first = m.sdp();
    assertThat(m.sdp()).isSameAs(first);
    SdpEditor se = first.edit();
    se.setMediaPort(first.mediaLine(0, 'm'), 5118);
    m.edit().setBody(se.toByteArray());
    assertThat(m.sdp()).isSameAs(first);
    assertThat(m.sdp().mediaLine(0, 'm').media().port()).isEqualTo(49170);
    assertThat(m.edit().apply().sdp().mediaLine(0, 'm').media().port()).isEqualTo(5118);
  }
}
