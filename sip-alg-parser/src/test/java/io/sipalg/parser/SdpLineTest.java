package io.sipalg.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SdpLineTest {
  @Test
  void isAttributeAgreesWithTheAttributeName() {
    String body = "v=0\r\no=- 1 1 IN IP4 10.0.0.5\r\ns=-\r\nc=IN IP4 10.0.0.5\r\nt=0 0\r\n"
        + "m=audio 49170 RTP/AVP 0\r\na=rtcp:49171\r\na=rtcp\r\na=rtcpx:1\r\na=rtc\r\n"
        + "a=RTCP:49171\r\na=rtcp-mux\r\na=sendrecv\r\na=\r\na=:x\r\na=rtpmap:0 PCMU/8000\r\n"
        + "a=rtcp:\r\na=rtcp :1\r\nb=AS:64\r\nartcp\r\na=r\u00e9tcp:1\r\n";
    Sdp sdp = Sdp.parse(body.getBytes(StandardCharsets.UTF_8));
    String[] names = {"rtcp", "rtc", "rtcp-mux", "sendrecv", "", "rtpmap", "RTCP", "rtcpx", "r"};
    int matched = 0;
    for (SdpLine line : sdp.lines()) {
      for (String name : names) {
        boolean expected = name.equals(line.attributeName());
        assertThat(line.isAttribute(name)).as(line + " is " + name).isEqualTo(expected);
        matched += expected ? 1 : 0;
      }
    }
    assertThat(matched).isGreaterThanOrEqualTo(8);
  }
}
