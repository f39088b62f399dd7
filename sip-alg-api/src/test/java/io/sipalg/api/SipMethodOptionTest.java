package io.sipalg.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SipMethodOptionTest {
  @Test
  void everyMethodTokenFindsItsOptionAndNothingElseDoes() {
    for (SipMethodOption m : SipMethodOption.values()) {
      assertThat(SipMethodOption.forSipMethod(m.sipMethod())).contains(m);
      assertThat(SipMethodOption.forSipMethod(m.fortiOsName())).isEmpty(); // methods are case-sensitive
    }
    assertThat(SipMethodOption.forSipMethod("FOO")).isEmpty();
    assertThat(SipMethodOption.forSipMethod("")).isEmpty();
  }
}
