package io.sipalg.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One whole call through the ALG, as its five messages: the phone's INVITE with SDP, the server's
 * 200 OK with SDP, the phone's ACK and BYE, the server's 200 OK to the BYE. The server's messages
 * carry what the server saw after NAT (the ALG's outside address {@code 192.0.2.1:41000} in Via
 * and Call-ID). Every call gets its own Call-ID, tags and branches: {@link #next()} stamps a
 * counter into the same bytes in place, so the harness allocates nothing per call.
 */
final class BenchCall {
  private static final String ID = "00000000"; // the counter's eight digits, wherever they appear
  private static final String OUTSIDE = "192.0.2.1:41000";

  /** The messages in order, with the direction each travels in. */
  final byte[][] messages;
  final boolean[] fromPhone = {true, false, true, true, false};
  private final int[][] idPositions;
  private int counter;

  BenchCall() {
    String callId = "call-" + ID + "-3848276298220188511";
    String phoneSdp = sdp("alice", "10.0.0.5", 49170);
    String serverSdp = sdp("bob", "198.51.100.20", 30000);
    String[] texts = {
        message(phoneSdp, "INVITE sip:bob@sip.example.test SIP/2.0",
            "Via: SIP/2.0/TLS 10.0.0.5:40000;branch=z9hG4bK-inv-" + ID + ";rport",
            "Max-Forwards: 70",
            "Contact: <sip:alice@10.0.0.5:40000;transport=tls;ob>",
            "To: <sip:bob@sip.example.test>",
            "From: \"Alice\" <sip:alice@sip.example.test>;tag=a" + ID,
            "Call-ID: " + callId + "@10.0.0.5",
            "CSeq: 1 INVITE",
            "Allow: INVITE, ACK, CANCEL, BYE, NOTIFY, REFER, MESSAGE, OPTIONS, INFO, SUBSCRIBE",
            "Supported: replaces, outbound, timer",
            "Content-Type: application/sdp",
            "User-Agent: Bria 6 release 6.5.4 stamp 110041"),
        message(serverSdp, "SIP/2.0 200 OK",
            "Via: SIP/2.0/TLS " + OUTSIDE + ";branch=z9hG4bK-inv-" + ID
                + ";rport=41000;received=192.0.2.1",
            "Record-Route: <sip:198.51.100.10:5061;transport=tls;lr>",
            "Contact: <sip:bob@198.51.100.20:5061;transport=tls>",
            "To: <sip:bob@sip.example.test>;tag=b" + ID,
            "From: \"Alice\" <sip:alice@sip.example.test>;tag=a" + ID,
            "Call-ID: " + callId + "@192.0.2.1",
            "CSeq: 1 INVITE",
            "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS",
            "Content-Type: application/sdp",
            "Server: Kamailio (5.6.3 (x86_64/linux))"),
        message("", "ACK sip:bob@198.51.100.20:5061;transport=tls SIP/2.0",
            "Via: SIP/2.0/TLS 10.0.0.5:40000;branch=z9hG4bK-ack-" + ID + ";rport",
            "Route: <sip:198.51.100.10:5061;transport=tls;lr>",
            "Max-Forwards: 70",
            "To: <sip:bob@sip.example.test>;tag=b" + ID,
            "From: \"Alice\" <sip:alice@sip.example.test>;tag=a" + ID,
            "Call-ID: " + callId + "@10.0.0.5",
            "CSeq: 1 ACK"),
        message("", "BYE sip:bob@198.51.100.20:5061;transport=tls SIP/2.0",
            "Via: SIP/2.0/TLS 10.0.0.5:40000;branch=z9hG4bK-bye-" + ID + ";rport",
            "Route: <sip:198.51.100.10:5061;transport=tls;lr>",
            "Max-Forwards: 70",
            "To: <sip:bob@sip.example.test>;tag=b" + ID,
            "From: \"Alice\" <sip:alice@sip.example.test>;tag=a" + ID,
            "Call-ID: " + callId + "@10.0.0.5",
            "CSeq: 2 BYE"),
        message("", "SIP/2.0 200 OK",
            "Via: SIP/2.0/TLS " + OUTSIDE + ";branch=z9hG4bK-bye-" + ID
                + ";rport=41000;received=192.0.2.1",
            "To: <sip:bob@sip.example.test>;tag=b" + ID,
            "From: \"Alice\" <sip:alice@sip.example.test>;tag=a" + ID,
            "Call-ID: " + callId + "@192.0.2.1",
            "CSeq: 2 BYE")};
    messages = new byte[texts.length][];
    idPositions = new int[texts.length][];
    for (int m = 0; m < texts.length; m++) {
      messages[m] = texts[m].getBytes(StandardCharsets.US_ASCII);
      List<Integer> at = new ArrayList<>();
      for (int p = texts[m].indexOf(ID); p >= 0; p = texts[m].indexOf(ID, p + ID.length())) {
        at.add(p);
      }
      idPositions[m] = at.stream().mapToInt(Integer::intValue).toArray();
    }
  }

  /** Makes the messages the next call's: a new counter in every Call-ID, tag and branch. */
  void next() {
    int n = ++counter;
    for (int m = 0; m < messages.length; m++) {
      for (int p : idPositions[m]) {
        int v = n;
        for (int d = ID.length() - 1; d >= 0; d--) {
          messages[m][p + d] = (byte) ('0' + v % 10);
          v /= 10;
        }
      }
    }
  }

  private static String message(String body, String... head) {
    return String.join("\r\n", head) + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
  }

  private static String sdp(String user, String ip, int port) {
    return "v=0\r\n"
        + "o=" + user + " 2890844526 2890844526 IN IP4 " + ip + "\r\n"
        + "s=-\r\n"
        + "c=IN IP4 " + ip + "\r\n"
        + "t=0 0\r\n"
        + "m=audio " + port + " RTP/AVP 0 8 101\r\n"
        + "a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
        + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\n"
        + "a=ptime:20\r\na=sendrecv\r\n";
  }
}
