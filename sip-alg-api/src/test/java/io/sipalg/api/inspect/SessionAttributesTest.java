package io.sipalg.api.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SessionAttributesTest {
  private static final AttributeKey<String> NAME = AttributeKey.of("name", String.class);
  private static final AttributeKey<String> OTHER = AttributeKey.of("name", String.class);

  @Test
  void storesAndRemovesByKeyIdentity() {
    SessionAttributes attributes = new SessionAttributes();
    assertThat(attributes.get(NAME)).isNull();
    assertThat(attributes.put(NAME, "a")).isNull();
    assertThat(attributes.get(NAME)).isEqualTo("a");
    assertThat(attributes.get(OTHER)).as("same name, different key").isNull();
    assertThat(attributes.remove(NAME)).isEqualTo("a");
    assertThat(attributes.get(NAME)).isNull();
  }

  @Test
  void putNullRemoves() {
    SessionAttributes attributes = new SessionAttributes();
    attributes.put(NAME, "a");
    assertThat(attributes.put(NAME, null)).isEqualTo("a");
    assertThat(attributes.get(NAME)).isNull();
  }

  @Test
  void computeIfAbsentCreatesOnce() {
    AttributeKey<StringBuilder> key = AttributeKey.of("log", StringBuilder.class);
    SessionAttributes attributes = new SessionAttributes();
    StringBuilder first = attributes.computeIfAbsent(key, StringBuilder::new);
    assertThat(attributes.computeIfAbsent(key, StringBuilder::new)).isSameAs(first);
  }
}
