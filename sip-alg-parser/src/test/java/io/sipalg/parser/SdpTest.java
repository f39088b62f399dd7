package io.sipalg.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SdpTest {
  private static Sdp sdp(String text) {
    return Sdp.parse(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void aWellFormedLineIsTokenisedOnceForValidationAndEveryTypedRead() throws Exception {
    Sdp sdp = sdp("v=0\r\no=- 7 8 IN IP4 10.0.0.5\r\ns=-\r\nc=IN IP4 10.0.0.5/127\r\nt=0 0\r\n"
        + "m=audio 49170/2 RTP/AVP 0 8\r\n");
    assertThat(sdp.malformedLines()).isEmpty();
    SdpLine o = sdp.sessionLine('o');
    SdpLine c = sdp.sessionLine('c');
    SdpLine m = sdp.mediaLine(0, 'm');
    assertThat(o.origin()).isSameAs(o.origin());
    assertThat(c.connection()).isSameAs(c.connection());
    assertThat(m.media()).isSameAs(m.media());
    assertThat(o.origin()).isEqualTo(new SdpOrigin("-", "7", "8", "IN", "IP4", "10.0.0.5", 20, 28));
    assertThat(c.connection())
        .isEqualTo(new SdpConnection("IN", "IP4", "10.0.0.5", "/127", 44, 52));
    assertThat(m.media()).isEqualTo(new SdpMedia("audio", 49170, 2, "RTP/AVP",
        java.util.List.of("0", "8"), 73, 78));
    assertThatThrownBy(() -> m.media().formats().add("9"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aMalformedLineStaysMalformedOnEveryRead() {
    Sdp sdp = sdp("c=IN IP5 10.0.0.5\r\nm=audio 70000 RTP/AVP 0\r\no=- x 1 IN IP4 h\r\n");
    assertThat(sdp.malformedLines()).extracting(HeaderError::reason).containsExactly(
        "unknown address type IP5", "invalid media port", "session id and version must be decimal");
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> sdp.lines().get(0).connection())
          .isInstanceOf(MalformedHeaderException.class).hasMessageContaining("IP5");
      assertThatThrownBy(() -> sdp.lines().get(1).media())
          .isInstanceOf(MalformedHeaderException.class);
    }
    // a typed read of another type never answers from another line's memo
    assertThatThrownBy(() -> sdp.lines().get(1).connection())
        .isInstanceOf(MalformedHeaderException.class).hasMessageContaining("not an c= line");
  }

  @Test
  void anEmptyFieldIsNamedWhereItIs() {
    Sdp sdp = sdp("c= IN IP4 h\r\nc=IN  IP4 h\r\nc=IN IP4 h \r\nt=\r\nt=" + " ".repeat(100_000)
        + "\r\n");
    assertThat(sdp.malformedLines()).extracting(HeaderError::offset, HeaderError::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(2, "empty field (extra space?)"),
            org.assertj.core.groups.Tuple.tuple(18, "empty field (extra space?)"),
            org.assertj.core.groups.Tuple.tuple(37, "empty field (extra space?)"),
            org.assertj.core.groups.Tuple.tuple(41, "empty field (extra space?)"),
            org.assertj.core.groups.Tuple.tuple(45, "empty field (extra space?)"));
  }

  @Test
  void addressEditsRewriteOnlyTheAddressTypeAndAddress() throws Exception {
    String body = "v=0\r\no=alice-x 2890844526 2890842807 IN IP6 fd00::5\r\ns=-\r\n"
        + "c=IN IP4 10.0.0.5/127/2\r\nt=0 0\r\nm=audio 49170 RTP/AVP 0\r\n"
        + "c=IN IP4 10.0.0.5\r\n";
    Sdp sdp = sdp(body);
    sdp.malformedLines(); // validated first, as the chain does: edits use the shared tokens
    byte[] edited = sdp.edit()
        .setMediaPort(sdp.mediaLine(0, 'm'), 40000) // recorded first, applied in body order
        .setOriginAddress(sdp.sessionLine('o'), "IP4", "203.0.113.9")
        .setConnectionAddress(sdp.sessionLine('c'), "IP4", "203.0.113.9")
        .setConnectionAddress(sdp.mediaLine(0, 'c'), "IP6", "2001:db8::9")
        .toByteArray();
    assertThat(text(edited)).isEqualTo("v=0\r\no=alice-x 2890844526 2890842807 IN IP4 203.0.113.9"
        + "\r\ns=-\r\nc=IN IP4 203.0.113.9/127/2\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\n"
        + "c=IN IP6 2001:db8::9\r\n");
  }

  @Test
  void editsAtOneOffsetKeepTheOrderTheyWereMadeIn() {
    Sdp sdp = sdp("v=0\r\ns=-\r\nt=0 0\r\n");
    SdpLine s = sdp.sessionLine('s');
    SdpEditor ed = sdp.edit();
    for (int i = 0; i < 9; i++) { // past the editor's first arrays
      ed.setInformation(-1, "n" + i);
    }
    ed.setValue(s, "session");
    assertThat(text(ed.toByteArray())).isEqualTo("v=0\r\ns=session\r\n"
        + "i=n0\r\ni=n1\r\ni=n2\r\ni=n3\r\ni=n4\r\ni=n5\r\ni=n6\r\ni=n7\r\ni=n8\r\nt=0 0\r\n");
    assertThatThrownBy(() -> sdp.edit().setValue(s, "a").removeLine(s).toByteArray())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("overlapping");
  }

  @Test
  void manyLinesAndMediaSectionsAreAllKept() throws Exception {
    StringBuilder body = new StringBuilder("v=0\r\no=- 1 1 IN IP4 10.0.0.5\r\ns=-\r\nt=0 0\r\n");
    for (int i = 0; i < 7; i++) {
      body.append("m=audio ").append(5000 + 2 * i).append(" RTP/AVP 0\r\n")
          .append("c=IN IP4 10.0.0.").append(i).append("\r\n")
          .append("a=sendrecv\r\n\r\n"); // empty lines are skipped
    }
    Sdp sdp = sdp(body.toString());
    assertThat(sdp.lines()).hasSize(4 + 7 * 3);
    assertThat(sdp.sessionLines()).extracting(SdpLine::type).containsExactly('v', 'o', 's', 't');
    assertThat(sdp.mediaCount()).isEqualTo(7);
    for (int i = 0; i < 7; i++) {
      assertThat(sdp.mediaLines(i)).extracting(SdpLine::type).containsExactly('m', 'c', 'a');
      assertThat(sdp.mediaLine(i, 'm').media().port()).isEqualTo(5000 + 2 * i);
      assertThat(sdp.effectiveConnection(i).connection().address()).isEqualTo("10.0.0." + i);
      assertThat(sdp.mediaLine(i, 'm').mediaIndex()).isEqualTo(i);
      assertThat(sdp.lines().get(sdp.mediaLine(i, 'c').index())).isSameAs(sdp.mediaLine(i, 'c'));
    }
    assertThat(sdp.sessionLine('c')).isNull();
    assertThatThrownBy(() -> sdp.mediaLine(7, 'm')).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> sdp.mediaLines(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> sdp.lines().get(25)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> sdp.lines().set(0, null))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(sdp("").lines()).isEmpty();
  }

  @Test
  void theSipEditorTakesAnSdpEditorsResultAndFixesContentLength() throws Exception {
    String sdpText = "v=0\r\no=- 1 1 IN IP4 10.0.0.5\r\ns=-\r\nc=IN IP4 10.0.0.5\r\nt=0 0\r\n";
    String wire = "INVITE sip:bob@example.test SIP/2.0\r\nVia: SIP/2.0/TLS 10.0.0.5;branch=z9hG4bK1"
        + "\r\nTo: <sip:bob@example.test>\r\nFrom: <sip:a@example.test>;tag=1\r\nCall-ID: c1\r\n"
        + "CSeq: 1 INVITE\r\nMax-Forwards: 70\r\nContent-Type: application/sdp\r\n"
        + "Content-Length: " + sdpText.length() + "\r\n\r\n" + sdpText;
    SipMessage m = SipMessage.parse(wire.getBytes(StandardCharsets.UTF_8));
    Sdp sdp = m.sdp();
    SdpEditor ed = sdp.edit().setConnectionAddress(sdp.sessionLine('c'), "IP4", "203.0.113.77");
    SipMessage out = m.edit().setBody(ed).apply();
    assertThat(text(out.body())).isEqualTo(text(ed.toByteArray()))
        .contains("c=IN IP4 203.0.113.77\r\n");
    assertThat(out.contentLength()).isEqualTo(sdpText.length() + 4);
    assertThat(out.sdp().sessionLine('c').connection().address()).isEqualTo("203.0.113.77");
  }
}
