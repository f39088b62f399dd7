package io.sipalg.examples.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class HostPortTest {
  @Test
  void hostPortIpv6AndDefaultPort() {
    assertThat(HostPort.parse("127.0.0.1:5061", -1)).isEqualTo(new InetSocketAddress("127.0.0.1", 5061));
    assertThat(HostPort.parse("[::1]:5062", -1)).isEqualTo(new InetSocketAddress("::1", 5062));
    assertThat(HostPort.parse("127.0.0.1", 5061).getPort()).isEqualTo(5061);
    assertThat(HostPort.parse("127.0.0.1:0", 5061).getPort()).as("listen: any free port").isZero();
  }

  @Test
  void portsAreAsciiDigitsWithinRange() {
    for (String bad : new String[] {"127.0.0.1:+5061", "127.0.0.1:\u0665\u0660\u0666\u0661",
        "127.0.0.1:", "127.0.0.1:65536", "127.0.0.1:0005061", "127.0.0.1: 5061"}) {
      assertThatThrownBy(() -> HostPort.parse(bad, 5061)).as(bad)
          .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("'" + bad + "': port");
    }
    assertThatThrownBy(() -> HostPort.parse("127.0.0.1:0", -1))
        .hasMessage("'127.0.0.1:0': port 0 is outside 1-65535");
    assertThatThrownBy(() -> HostPort.parse("127.0.0.1", -1))
        .hasMessage("'127.0.0.1': missing port, expected HOST:PORT");
  }

  @Test
  void anAddressHasNoPort() throws Exception {
    assertThat(HostPort.address("127.0.0.4")).isEqualTo(InetAddress.getByName("127.0.0.4"));
    assertThat(HostPort.address("::1")).isEqualTo(InetAddress.getByName("::1"));
    assertThat(HostPort.address("[::1]")).isEqualTo(InetAddress.getByName("::1"));
    for (String bad : new String[] {"127.0.0.1:5060", "[::1]:5060", "", "[]"}) {
      assertThatThrownBy(() -> HostPort.address(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("'" + bad + "': ");
    }
  }
}
