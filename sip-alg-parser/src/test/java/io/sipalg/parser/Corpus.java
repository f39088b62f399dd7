package io.sipalg.parser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test helper: loads the RFC 4475 corpus copied into test resources, and sample messages. */
final class Corpus {
  private Corpus() {}

  static final String[] VALID = {
    "badbranch", "bcast", "bext01", "cparam01", "cparam02", "dblreq", "esc01", "esc02",
    "escnull", "intmeth", "inv2543", "invut", "longreq", "lwsdisp", "mpart01", "noreason",
    "novelsc", "regaut01", "regescrt", "sdp01", "semiuri", "transports", "unkscm", "unksm2",
    "unreason", "wsinv", "zeromf"
  };

  static final String[] INVALID = {
    "badaspec", "baddate", "baddn", "baddn_terminated", "badinv01", "badvers", "bigcode", "clerr",
    "escruri", "insuf", "ltgtruri", "lwsruri", "lwsstart", "mcl01", "mismatch01", "mismatch02",
    "multi01", "ncl", "quotbal", "regbadct", "scalar02", "scalarlg", "test", "trws"
  };

  static byte[] valid(String name) {
    return load("/rfc4475/valid/" + name + ".dat");
  }

  static byte[] invalid(String name) {
    return load("/rfc4475/invalid/" + name + ".dat");
  }

  static List<byte[]> all() {
    List<byte[]> out = new ArrayList<>();
    for (String n : VALID) {
      out.add(valid(n));
    }
    for (String n : INVALID) {
      out.add(invalid(n));
    }
    return out;
  }

  static byte[] load(String resource) {
    try (InputStream in = Corpus.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String str(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  static final String REGISTER =
      "REGISTER sips:registrar.example.com SIP/2.0\r\n"
      + "Via: SIP/2.0/TLS 192.0.2.10:5061;branch=z9hG4bK776asdhds;rport\r\n"
      + "Max-Forwards: 70\r\n"
      + "To: Bob <sips:bob@example.com>\r\n"
      + "From: Bob <sips:bob@example.com>;tag=456248\r\n"
      + "Call-ID: 843817637684230@998sdasdh09\r\n"
      + "CSeq: 1826 REGISTER\r\n"
      + "Contact: <sips:bob@192.0.2.10:5061;transport=tls>;expires=3600\r\n"
      + "User-Agent: test-phone/1.0\r\n"
      + "Content-Length: 0\r\n"
      + "\r\n";

  static final String SDP_BODY =
      "v=0\r\n"
      + "o=alice 2890844526 2890844526 IN IP4 192.0.2.10\r\n"
      + "s=-\r\n"
      + "c=IN IP4 192.0.2.10\r\n"
      + "t=0 0\r\n"
      + "m=audio 49170 RTP/AVP 0 8 101\r\n"
      + "a=rtpmap:101 telephone-event/8000\r\n"
      + "m=video 51372 RTP/AVP 31\r\n"
      + "c=IN IP6 2001:db8::10\r\n"
      + "a=sendrecv\r\n";

  static String invite() {
    return "INVITE sips:bob@biloxi.example.com SIP/2.0\r\n"
        + "Via: SIP/2.0/TLS pc33.atlanta.example.com:5061;branch=z9hG4bK74bf9\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: \"Alice\" <sips:alice@atlanta.example.com>;tag=9fxced76sl\r\n"
        + "To: Bob <sips:bob@biloxi.example.com>\r\n"
        + "Call-ID: 3848276298220188511@atlanta.example.com\r\n"
        + "CSeq: 1 INVITE\r\n"
        + "Contact: <sips:alice@192.0.2.10:5061;transport=tls>\r\n"
        + "Record-Route: <sip:p1.example.com;lr>, <sip:[2001:db8::1]:5061;lr>\r\n"
        + "Content-Type: application/sdp\r\n"
        + "Content-Length: " + SDP_BODY.length() + "\r\n"
        + "\r\n"
        + SDP_BODY;
  }
}
