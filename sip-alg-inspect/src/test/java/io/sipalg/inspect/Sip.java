package io.sipalg.inspect;

import io.sipalg.api.inspect.SipInspector;
import io.sipalg.api.inspect.Verdict;
import io.sipalg.parser.SipMessage;
import io.sipalg.parser.SipParseException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** SIP messages as text for tests: lines end in LF in the source and CRLF on the wire. */
final class Sip {
  private Sip() {}

  /**
   * Wire bytes of a message written with LF line ends; a {@code Content-Length: #} header gets the
   * body's length.
   */
  static byte[] bytes(String text) {
    String crlf = text.replace("\r\n", "\n").replace("\n", "\r\n");
    int split = crlf.indexOf("\r\n\r\n");
    int bodyLength = split < 0 ? 0 : crlf.length() - split - 4;
    return crlf.replace("Content-Length: #", "Content-Length: " + bodyLength)
        .getBytes(StandardCharsets.UTF_8);
  }

  static SipMessage parse(String text) {
    try {
      return SipMessage.parse(bytes(text));
    } catch (SipParseException e) {
      throw new AssertionError("test message does not parse: " + e.getMessage(), e);
    }
  }

  /** The bytes the core would send for a forwarded message. */
  static String wire(SipMessage message) {
    ByteBuffer b = message.serialize();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return new String(out, StandardCharsets.UTF_8);
  }

  /** One message through an inspector. */
  record Run(SipMessage message, Verdict verdict) {
    String wire() {
      return Sip.wire(message);
    }
  }

  static Run run(SipInspector inspector, FakeContext context, String text) {
    SipMessage m = parse(text);
    return new Run(m, inspector.inspect(m, context));
  }

  static final String SDP_PHONE = """
      v=0
      o=alice 2890844526 2890844526 IN IP4 10.0.0.5
      s=-
      c=IN IP4 10.0.0.5
      t=0 0
      m=audio 49170 RTP/AVP 0
      a=rtpmap:0 PCMU/8000
      """;

  static final String SDP_SERVER = """
      v=0
      o=bob 2808844564 2808844564 IN IP4 198.51.100.20
      s=-
      c=IN IP4 198.51.100.20
      t=0 0
      m=audio 3456 RTP/AVP 0
      a=rtpmap:0 PCMU/8000
      """;

  /** An INVITE from the phone (inside address 10.0.0.5) with an SDP offer. */
  static String invite(String callId) {
    return """
        INVITE sip:bob@example.com SIP/2.0
        Via: SIP/2.0/TLS 10.0.0.5:5061;branch=z9hG4bK776asdhds
        Max-Forwards: 70
        To: Bob <sip:bob@example.com>
        From: Alice <sip:alice@10.0.0.5:5061>;tag=1928301774
        Call-ID: CALLID
        CSeq: 314159 INVITE
        Contact: <sip:alice@10.0.0.5:5061;transport=tls>
        Content-Type: application/sdp
        Content-Length: #

        """.replace("CALLID", callId) + SDP_PHONE;
  }

  /** A response from the server to the phone's INVITE (after NAT), with the given status. */
  static String inviteResponse(String callId, String status, boolean sdp) {
    return """
        SIP/2.0 STATUS
        Via: SIP/2.0/TLS 192.0.2.1:40000;branch=z9hG4bK776asdhds;received=192.0.2.1
        To: Bob <sip:bob@example.com>;tag=a6c85cf
        From: Alice <sip:alice@192.0.2.1:40000>;tag=1928301774
        Call-ID: CALLID
        CSeq: 314159 INVITE
        Contact: <sip:bob@198.51.100.20:5061;transport=tls>
        """.replace("CALLID", callId).replace("STATUS", status)
        + (sdp ? "Content-Type: application/sdp\nContent-Length: #\n\n" + SDP_SERVER
            : "Content-Length: 0\n\n");
  }

  /** An in-dialog request from the phone (BYE, ACK, INFO, ...). */
  static String inDialog(String method, String callId, long cseq) {
    return """
        METHOD sip:bob@198.51.100.20:5061;transport=tls SIP/2.0
        Via: SIP/2.0/TLS 10.0.0.5:5061;branch=z9hG4bKnashds10CSEQ
        Max-Forwards: 70
        From: Alice <sip:alice@10.0.0.5:5061>;tag=1928301774
        To: Bob <sip:bob@example.com>;tag=a6c85cf
        Call-ID: CALLID
        CSeq: CSEQ METHOD
        Content-Length: 0

        """.replace("METHOD", method).replace("CALLID", callId).replace("CSEQ", Long.toString(cseq));
  }

  /** A request outside any dialog from the phone, e.g. OPTIONS or MESSAGE. */
  static String request(String method) {
    return """
        METHOD sip:example.com SIP/2.0
        Via: SIP/2.0/TLS 10.0.0.5:5061;branch=z9hG4bK74bf9
        Max-Forwards: 70
        To: <sip:example.com>
        From: Alice <sip:alice@example.com>;tag=9fxced76sl
        Call-ID: 3848276298220188511@example.com
        CSeq: 1 METHOD
        Content-Length: 0

        """.replace("METHOD", method);
  }
}
