package io.sipalg.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Responses built from requests: parsed ones and ones whose start line does not parse. */
class ResponseBuilderTest {
  private static final String BROKEN = """
      INVITE  sip:bob@example.com SIP/2.0
      Via: SIP/2.0/TLS 10.0.0.5:5061;branch=z9hG4bKbad1
      v: SIP/2.0/TLS proxy.example.com;branch=z9hG4bKp2
      Max-Forwards: 70
      f: Alice <sip:alice@example.com>;tag=1928301774
      To: Bob
       <sip:bob@example.com>
      i: broken@10.0.0.5
      CSeq: 7 INVITE
      Content-Length: 4

      abcd""";

  private static byte[] wire(String text) {
    return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void anUnparseableRequestIsAnsweredWithItsRawHeaderLinesAndATag() throws Exception {
    byte[] raw = wire(BROKEN);
    assertThatThrownBy(() -> SipMessage.parse(raw)).isInstanceOf(SipParseException.class);
    byte[] padded = new byte[raw.length + 20];
    System.arraycopy(raw, 0, padded, 10, raw.length);

    byte[] response = ResponseBuilder.toUnparseable(padded, 10, raw.length)
        .status(400).reason("Bad Request (malformed request line)").toTag("alg7")
        .header("Warning", "399 sip-alg \"bad request line\"").build();

    String text = new String(response, StandardCharsets.UTF_8);
    assertThat(text).isEqualTo(new String(wire("""
        SIP/2.0 400 Bad Request (malformed request line)
        Via: SIP/2.0/TLS 10.0.0.5:5061;branch=z9hG4bKbad1
        v: SIP/2.0/TLS proxy.example.com;branch=z9hG4bKp2
        f: Alice <sip:alice@example.com>;tag=1928301774
        To: Bob
         <sip:bob@example.com>;tag=alg7
        i: broken@10.0.0.5
        CSeq: 7 INVITE
        Warning: 399 sip-alg "bad request line"
        Content-Length: 0

        """), StandardCharsets.UTF_8));
    SipMessage parsed = SipMessage.parse(response);
    assertThat(parsed.to().tag()).isEqualTo("alg7");
    assertThat(parsed.vias()).hasSize(2);
    assertThat(parsed.validate()).isEmpty();
  }

  @Test
  void aToWithATagIsCopiedAsItIs() throws Exception {
    byte[] raw = wire(BROKEN.replace("To: Bob\n <sip:bob@example.com>", "t: <sip:bob@example.com>;tag=x1"));
    SipMessage r = SipMessage.parse(ResponseBuilder.toUnparseable(raw, 0, raw.length).build());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.to().tag()).isEqualTo("x1");
    assertThat(r.headers("To")).hasSize(1);
  }

  @Test
  void refusesWhenAHeaderToCopyIsMissing() {
    for (String line : new String[] {"Via: SIP/2.0/TLS 10.0.0.5:5061;branch=z9hG4bKbad1\n",
        "f: Alice <sip:alice@example.com>;tag=1928301774\n", "To: Bob\n <sip:bob@example.com>\n",
        "i: broken@10.0.0.5\n", "CSeq: 7 INVITE\n"}) {
      String without = BROKEN.replace(line, "").replace("v: SIP/2.0/TLS proxy.example.com;branch=z9hG4bKp2\n",
          line.startsWith("Via") ? "" : "v: SIP/2.0/TLS proxy.example.com;branch=z9hG4bKp2\n");
      byte[] raw = wire(without);
      assertThatThrownBy(() -> ResponseBuilder.toUnparseable(raw, 0, raw.length))
          .as(line).isInstanceOf(UnanswerableMessageException.class).hasMessageStartingWith("no ");
    }
  }

  @Test
  void headersOfTheBodyAreNotCopied() {
    byte[] raw = wire("""
        INVITE  sip:bob@example.com SIP/2.0
        Via: SIP/2.0/TLS 10.0.0.5:5061;branch=z9hG4bKbad1
        Content-Length: 60

        From: <sip:x@example.com>;tag=1
        To: <sip:y@example.com>
        Call-ID: c
        CSeq: 1 INVITE
        """);
    assertThatThrownBy(() -> ResponseBuilder.toUnparseable(raw, 0, raw.length))
        .isInstanceOf(UnanswerableMessageException.class).hasMessage("no From header to copy into a response");
  }

  @Test
  void refusesResponsesAcksAndBareCarriageReturns() {
    byte[] response = wire("SIP/2.0  200 OK\n" + BROKEN.substring(BROKEN.indexOf('\n') + 1));
    assertThatThrownBy(() -> ResponseBuilder.toUnparseable(response, 0, response.length))
        .isInstanceOf(UnanswerableMessageException.class).hasMessageContaining("response");
    byte[] ack = wire(BROKEN.replace("CSeq: 7 INVITE", "CSeq: 7 ACK"));
    assertThatThrownBy(() -> ResponseBuilder.toUnparseable(ack, 0, ack.length))
        .isInstanceOf(UnanswerableMessageException.class).hasMessageContaining("ACK");
    byte[] bareCr = wire(BROKEN.replace("i: broken@10.0.0.5", "i: broken@10.0.0.5\rX-Injected: 1"));
    assertThatThrownBy(() -> ResponseBuilder.toUnparseable(bareCr, 0, bareCr.length))
        .isInstanceOf(UnanswerableMessageException.class).hasMessageContaining("bare CR");
  }

  @Test
  void aBareCrOrNulInACopiedLineReachesTheResponseAsSpace() throws Exception {
    // the 400 for a From malformed by a bare CR must not carry the smuggled line to the phone
    byte[] raw = wire(BROKEN.replace("INVITE  sip", "INVITE sip")
        .replace("f: Alice <", "f: \"Alice\rVia: SIP/2.0/TLS evil\" <")
        .replace("To: Bob\n <", "To: B\u0000b\n <"));
    SipMessage request = SipMessage.parse(raw);
    assertThat(request.malformedHeaders()).extracting(HeaderError::name).contains("From", "To");

    byte[] response = ResponseBuilder.to(request).status(400).build();
    String text = new String(response, StandardCharsets.UTF_8);
    assertThat(text).contains("f: \"Alice Via: SIP/2.0/TLS evil\" <", "To: B b\r\n <")
        .doesNotContain("\u0000");
    assertThat(text.replace("\r\n", "")).doesNotContain("\r");
    assertThat(SipMessage.parse(response).headers(HeaderNames.VIA)).hasSize(2);
  }

  @Test
  void extraHeadersAreChecked() throws Exception {
    byte[] raw = wire(BROKEN);
    ResponseBuilder b = ResponseBuilder.toUnparseable(raw, 0, raw.length);
    assertThatThrownBy(() -> b.header("Retry After", "30")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.header("Retry-After", "30\r\nX: 1")).isInstanceOf(IllegalArgumentException.class);
  }
}
