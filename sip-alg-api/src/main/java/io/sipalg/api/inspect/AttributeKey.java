package io.sipalg.api.inspect;

import java.util.Objects;

/**
 * A typed key for per-session attributes ({@link SessionAttributes}). Keys compare by
 * identity: create each once, as a constant.
 *
 * <pre>{@code
 * static final AttributeKey<DialogTable> DIALOGS = AttributeKey.of("dialogs", DialogTable.class);
 * }</pre>
 *
 * @param <T> the attribute's type
 */
public final class AttributeKey<T> {
  private final String name;
  private final Class<T> type;

  private AttributeKey(String name, Class<T> type) {
    this.name = Objects.requireNonNull(name, "name");
    this.type = Objects.requireNonNull(type, "type");
  }

  /** A new key; {@code name} is for diagnostics only. */
  public static <T> AttributeKey<T> of(String name, Class<T> type) {
    return new AttributeKey<>(name, type);
  }

  /** The name given at creation. */
  public String name() {
    return name;
  }

  /** Casts a stored value to the key's type. */
  T cast(Object value) {
    return type.cast(value);
  }

  @Override
  public String toString() {
    return "AttributeKey(" + name + ": " + type.getSimpleName() + ")";
  }
}
