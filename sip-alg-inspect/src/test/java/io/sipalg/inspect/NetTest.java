package io.sipalg.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NetTest {
  @Test
  void privateLiterals() {
    assertThat(Net.isPrivateLiteral("10.1.2.3")).isTrue();
    assertThat(Net.isPrivateLiteral("172.16.0.1")).isTrue();
    assertThat(Net.isPrivateLiteral("192.168.1.10")).isTrue();
    assertThat(Net.isPrivateLiteral("100.64.0.1")).isTrue();
    assertThat(Net.isPrivateLiteral("[fd00::1]")).isTrue();
    assertThat(Net.isPrivateLiteral("192.0.2.1")).isFalse();
    assertThat(Net.isPrivateLiteral("100.128.0.1")).isFalse();
    assertThat(Net.isPrivateLiteral("phone.local")).isFalse();
  }

  @Test
  void sameHostComparesIpv6Spellings() {
    assertThat(Net.sameHost("[2001:DB8::1]", "2001:db8:0:0:0:0:0:1")).isTrue();
    assertThat(Net.sameHost("10.0.0.5", "10.0.0.5")).isTrue();
    assertThat(Net.sameHost("10.0.0.50", "10.0.0.5")).isFalse();
  }
}
