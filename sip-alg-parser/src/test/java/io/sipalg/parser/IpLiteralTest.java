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
  void onlyAsciiDigitsCount() {
    // Character.digit reads these as 1 and 10; no peer reads them as an address
    assertThat(IpLiteral.parse("fe80::\u0661")).isNull();
    assertThat(IpLiteral.parse("fe80::\uFF21")).isNull();
    assertThat(IpLiteral.parse("10.0.0.\u0661")).isNull();
    assertThat(IpLiteral.parse("+10.0.0.1")).isNull();
  }
}
