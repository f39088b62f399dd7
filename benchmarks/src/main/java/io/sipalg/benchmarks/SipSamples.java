package io.sipalg.benchmarks;

import java.nio.charset.StandardCharsets;

/**
 * The SIP messages every benchmark uses, built once with a correct Content-Length. Sizes: REGISTER
 * ~600 B, INVITE with SDP ~1.1 KB, 200 OK ~500 B, a 3 KB INVITE (five Vias, Record-Routes, P-
 * headers, a larger SDP). Every one carries a Via branch, From tag, To, Call-ID, CSeq and Contact.
 */
public enum SipSamples {
  REGISTER(head("REGISTER sip:sip.example.test SIP/2.0",
      "Via: SIP/2.0/TLS 10.0.0.5:40000;branch=z9hG4bK-524287-1---8c5e6b5f0ad1e7f3;rport",
      "Max-Forwards: 70",
      "Contact: <sip:alice@10.0.0.5:40000;transport=tls;ob>;reg-id=1;+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-000A95A0E128>\"",
      "To: \"Alice\" <sip:alice@sip.example.test>",
      "From: \"Alice\" <sip:alice@sip.example.test>;tag=4a1f6e2b",
      "Call-ID: NjQ1ZDNhMzYyNjE0ZTJkY2U4ZGQ3YzFlNmE5NTI0OGI",
      "CSeq: 2 REGISTER",
      "Expires: 3600",
      "Allow: INVITE, ACK, CANCEL, BYE, NOTIFY, REFER, MESSAGE, OPTIONS, INFO, SUBSCRIBE",
      "Supported: replaces, outbound, path, gruu",
      "User-Agent: Bria 6 release 6.5.4 stamp 110041",
      "Allow-Events: presence, kpml, talk"), ""),

  INVITE_SDP(head("INVITE sip:bob@sip.example.test SIP/2.0",
      "Via: SIP/2.0/TLS 10.0.0.5:40000;branch=z9hG4bK-524287-1---77a0b8d0c0e1f2a3;rport",
      "Max-Forwards: 70",
      "Contact: <sip:alice@10.0.0.5:40000;transport=tls;ob>",
      "To: <sip:bob@sip.example.test>",
      "From: \"Alice\" <sip:alice@sip.example.test>;tag=9fxced76sl",
      "Call-ID: 3848276298220188511@10.0.0.5",
      "CSeq: 1 INVITE",
      "Allow: INVITE, ACK, CANCEL, BYE, NOTIFY, REFER, MESSAGE, OPTIONS, INFO, SUBSCRIBE",
      "Content-Type: application/sdp",
      "Supported: replaces, outbound, timer",
      "Session-Expires: 1800",
      "User-Agent: Bria 6 release 6.5.4 stamp 110041"),
      sdp(4)),

  OK_200(head("SIP/2.0 200 OK",
      "Via: SIP/2.0/TLS 10.0.0.5:40000;branch=z9hG4bK-524287-1---8c5e6b5f0ad1e7f3;rport=40000;received=10.0.0.5",
      "Contact: <sip:alice@10.0.0.5:40000;transport=tls;ob>;expires=3600",
      "To: \"Alice\" <sip:alice@sip.example.test>;tag=as1f3e2b7c",
      "From: \"Alice\" <sip:alice@sip.example.test>;tag=4a1f6e2b",
      "Call-ID: NjQ1ZDNhMzYyNjE0ZTJkY2U4ZGQ3YzFlNmE5NTI0OGI",
      "CSeq: 2 REGISTER",
      "Server: Kamailio (5.6.3 (x86_64/linux))",
      "Date: Thu, 26 Nov 2026 12:00:00 GMT"), ""),

  LARGE_3K(head("INVITE sip:bob@sip.example.test;user=phone SIP/2.0",
      "Via: SIP/2.0/TLS 10.0.0.5:40000;branch=z9hG4bK-524287-1---1111111111111111;rport",
      "Via: SIP/2.0/TLS 192.0.2.10:5061;branch=z9hG4bK-2222222222222222;received=192.0.2.10",
      "Via: SIP/2.0/TLS 192.0.2.11:5061;branch=z9hG4bK-3333333333333333;received=192.0.2.11",
      "Via: SIP/2.0/TLS 192.0.2.12:5061;branch=z9hG4bK-4444444444444444;received=192.0.2.12",
      "Via: SIP/2.0/TLS 192.0.2.13:5061;branch=z9hG4bK-5555555555555555;received=192.0.2.13",
      "Record-Route: <sip:192.0.2.13:5061;transport=tls;lr;ftag=9fxced76sl;did=1a2.b3c4>",
      "Record-Route: <sip:192.0.2.12:5061;transport=tls;lr;ftag=9fxced76sl;did=5d6.e7f8>",
      "Record-Route: <sip:192.0.2.11:5061;transport=tls;lr;ftag=9fxced76sl;did=9a0.b1c2>",
      "Max-Forwards: 66",
      "Contact: \"Alice Example\" <sip:alice@10.0.0.5:40000;transport=tls;ob>;+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-000A95A0E128>\"",
      "To: \"Bob\" <sip:bob@sip.example.test;user=phone>",
      "From: \"Alice Example\" <sip:alice@sip.example.test>;tag=9fxced76sl",
      "Call-ID: 77a0b8d0c0e1f2a3-3848276298220188511@10.0.0.5",
      "CSeq: 314159 INVITE",
      "P-Asserted-Identity: \"Alice Example\" <sip:+15551234567@sip.example.test;user=phone>",
      "P-Preferred-Identity: <sip:alice@sip.example.test>",
      "P-Access-Network-Info: 3GPP-E-UTRAN-FDD; utran-cell-id-3gpp=2340100000a1b2c3",
      "P-Charging-Vector: icid-value=\"AyretyU0dm+6O2IrT5tAFrbHLso=023551024\";orig-ioi=home1.net",
      "Privacy: none",
      "Allow: INVITE, ACK, CANCEL, BYE, NOTIFY, REFER, MESSAGE, OPTIONS, INFO, SUBSCRIBE, UPDATE, PRACK",
      "Supported: replaces, outbound, timer, 100rel, path, gruu, histinfo",
      "Accept: application/sdp, application/dtmf-relay, multipart/mixed",
      "Accept-Language: en, de;q=0.8, fr;q=0.5",
      "Session-Expires: 1800;refresher=uac",
      "Min-SE: 90",
      "Content-Type: application/sdp",
      "User-Agent: Bria 6 release 6.5.4 stamp 110041 (Linux x86_64; benchmark build of a long UA string)",
      "X-Tenant: tenant-0042;region=eu-west;cluster=sbc-07;node=7;trace=on;sampling=0.01;extra=aaaaaaaaaaaaaaaa",
      "X-Correlation-ID: 0f8fad5b-d9cb-469f-a165-70867728950e-9b2d7c1e-4a3f-4c6e-8d2b-5e6f7a8b9c0d"),
      sdp(12));

  private final byte[] bytes;

  SipSamples(String head, String body) {
    byte[] b = body.getBytes(StandardCharsets.US_ASCII);
    this.bytes = (head + "Content-Length: " + b.length + "\r\n\r\n" + body)
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** The message's bytes (a shared array: do not modify). */
  public byte[] bytes() {
    return bytes;
  }

  private static String head(String... lines) {
    return String.join("\r\n", lines) + "\r\n";
  }

  private static String sdp(int codecs) {
    StringBuilder b = new StringBuilder();
    b.append("v=0\r\n")
        .append("o=alice 2890844526 2890844526 IN IP4 10.0.0.5\r\n")
        .append("s=-\r\n")
        .append("c=IN IP4 10.0.0.5\r\n")
        .append("t=0 0\r\n")
        .append("m=audio 49170 RTP/AVP");
    for (int i = 0; i < codecs; i++) {
      b.append(' ').append(96 + i);
    }
    b.append(" 0 8 101\r\n");
    for (int i = 0; i < codecs; i++) {
      b.append("a=rtpmap:").append(96 + i).append(" codec").append(i).append("/48000/2\r\n");
      b.append("a=fmtp:").append(96 + i).append(" maxplaybackrate=48000;stereo=1;useinbandfec=1\r\n");
    }
    b.append("a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n")
        .append("a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\n")
        .append("a=ptime:20\r\na=sendrecv\r\n")
        .append("a=rtcp:49171 IN IP4 10.0.0.5\r\n");
    return b.toString();
  }
}
