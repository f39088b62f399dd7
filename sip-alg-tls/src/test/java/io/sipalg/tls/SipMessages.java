package io.sipalg.tls;

/** SIP messages in wire form (CRLF line ends, exact Content-Length) for pipeline tests. */
public final class SipMessages {
  private SipMessages() {}

  static String crlf(String text) {
    return text.replace("\r\n", "\n").replace("\n", "\r\n");
  }

  static String withBody(String head, String body) {
    String b = crlf(body);
    return crlf(head + "Content-Length: " + b.length() + "\n\n") + b;
  }

  public static String register(int cseq) {
    return withBody(
        "REGISTER sip:sip.example.test SIP/2.0\n"
            + "Via: SIP/2.0/TLS 10.0.0.5:40000;branch=z9hG4bK-reg-" + cseq + "\n"
            + "Max-Forwards: 70\n"
            + "From: <sip:alice@sip.example.test>;tag=a73kszlfl\n"
            + "To: <sip:alice@sip.example.test>\n"
            + "Call-ID: 1j9FpLxk3uxtm8tn@10.0.0.5\n"
            + "CSeq: " + cseq + " REGISTER\n"
            + "Contact: <sip:alice@10.0.0.5:40000;transport=tls>\n"
            + "Expires: 3600\n",
        "");
  }

  public static String ok(String request) {
    String via = line(request, "Via:");
    String from = line(request, "From:");
    String to = line(request, "To:");
    String callId = line(request, "Call-ID:");
    String cseq = line(request, "CSeq:");
    return withBody(
        "SIP/2.0 200 OK\n" + via + "\n" + from + "\n" + to + ";tag=srv1\n" + callId + "\n" + cseq + "\n",
        "");
  }

  static String invite() {
    return withBody(
        "INVITE sip:bob@sip.example.test SIP/2.0\n"
            + "Via: SIP/2.0/TLS 10.0.0.5:40000;branch=z9hG4bK-inv-1\n"
            + "Max-Forwards: 70\n"
            + "From: \"Alice\" <sip:alice@sip.example.test>;tag=1928301774\n"
            + "To: <sip:bob@sip.example.test>\n"
            + "Call-ID: a84b4c76e66710@10.0.0.5\n"
            + "CSeq: 314159 INVITE\n"
            + "Contact: <sip:alice@10.0.0.5:40000;transport=tls>\n"
            + "Content-Type: application/sdp\n",
        "v=0\n"
            + "o=alice 2890844526 2890844526 IN IP4 10.0.0.5\n"
            + "s=-\n"
            + "c=IN IP4 10.0.0.5\n"
            + "t=0 0\n"
            + "m=audio 49170 RTP/AVP 0\n"
            + "a=rtpmap:0 PCMU/8000\n");
  }

  static String line(String message, String prefix) {
    for (String l : message.split("\r\n")) {
      if (l.startsWith(prefix)) {
        return l;
      }
    }
    throw new IllegalArgumentException("no " + prefix + " in " + message);
  }
}
