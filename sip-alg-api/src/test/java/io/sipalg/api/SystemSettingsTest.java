package io.sipalg.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SystemSettingsTest {
  @Test
  void defaultsToTheFortiOsPort() {
    assertThat(SystemSettings.defaults().sipSslPort()).isEqualTo(5061);
  }

  @Test
  void acceptsTheSeedsPort() {
    assertThat(SystemSettings.defaults().withSipSslPort(5066).sipSslPort()).isEqualTo(5066);
  }

  @Test
  void rejectsAPortOutsideTcpRangeNamingTheOption() {
    assertThatThrownBy(() -> new SystemSettings(70000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sip-ssl-port");
  }
}
