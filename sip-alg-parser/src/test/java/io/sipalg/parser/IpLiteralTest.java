package io.sipalg.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class IpLiteralTest {
  @Test
  void parsesLiteralsWithoutResolvingNames() throws Exception {
    assertThat(IpLiteral.parse("192.0.2.1"))
        .isEqualTo(InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 1}));
    assertThat(IpLiteral.parse("999.1.1.1")).isNull(); // getByName would send this to DNS
    assertThat(IpLiteral.parse("1.2.3")).isNull();
    assertThat(IpLiteral.parse("example.com")).isNull();
    assertThat(IpLiteral.parse("abc:def")).isNull();
    assertThat(IpLiteral.parse("2001:db8::1")).isEqualTo(IpLiteral.parse("2001:0db8:0:0:0:0:0:1"));
    assertThat(IpLiteral.parse("::ffff:192.0.2.1")).isNotNull();
    assertThat(IpLiteral.parse("fe80::1%eth0")).isEqualTo(IpLiteral.parse("fe80::1"));
    assertThat(IpLiteral.parse("::")).isNotNull();
    assertThat(IpLiteral.parse("1::2::3")).isNull();
    assertThat(IpLiteral.parse("[::1]")).isNull(); // brackets are the caller's to strip
  }

  @Test
  void formatsTheCanonicalTextOfRfc5952() throws Exception {
    String[][] cases = {
      {"2001:db8:0:0:0:0:0:1", "2001:db8::1"},
      {"2001:0DB8::0001", "2001:db8::1"},
      {"2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"}, // equal runs: the first is shortened
      {"2001:0:0:1:0:0:0:1", "2001:0:0:1::1"}, // the longest run is
      {"2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"}, // one zero group stays
      {"0:0:0:0:0:0:0:0", "::"},
      {"::1", "::1"},
      {"1::", "1::"},
      {"fe80::1%eth0", "fe80::1"}, // no zone: a SIP URI or SDP line cannot carry it
      {"::ffff:192.0.2.1", "192.0.2.1"}, // InetAddress makes a mapped address IPv4
      {"192.0.2.1", "192.0.2.1"},
      {"10.0.0.255", "10.0.0.255"},
    };
    for (String[] c : cases) {
      assertThat(IpLiteral.format(IpLiteral.parse(c[0]))).as(c[0]).isEqualTo(c[1]);
    }
    assertThat(IpLiteral.format(java.net.Inet6Address.getByAddress(null,
        IpLiteral.parse("fe80::1").getAddress(), 3))).as("scoped").isEqualTo("fe80::1");
  }

  @Test
  void onlyAsciiDigitsCount() {
    // Character.digit reads these as 1 and 10; no peer reads them as an address
    assertThat(IpLiteral.parse("fe80::\u0661")).isNull();
    assertThat(IpLiteral.parse("fe80::\uFF21")).isNull();
    assertThat(IpLiteral.parse("10.0.0.\u0661")).isNull();
    assertThat(IpLiteral.parse("+10.0.0.1")).isNull();
  }
}
