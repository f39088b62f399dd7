package io.sipalg.api.inspect;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Per-session state that inspectors keep between messages (e.g. the session's dialogs), keyed by
 * {@link AttributeKey}. Lives as long as the session; not thread-safe (a session is driven by one
 * thread at a time). Empty sessions allocate no map.
 */
public final class SessionAttributes {
  private Map<AttributeKey<?>, Object> values;

  /** An empty set of attributes (the ALG core creates one per session). */
  public SessionAttributes() {}

  /** The value stored under {@code key}, or {@code null}. */
  public <T> T get(AttributeKey<T> key) {
    return values == null ? null : key.cast(values.get(key));
  }

  /** Stores {@code value} under {@code key} (null removes it); returns the previous value or null. */
  public <T> T put(AttributeKey<T> key, T value) {
    if (value == null) {
      return remove(key);
    }
    if (values == null) {
      values = new IdentityHashMap<>(4);
    }
    return key.cast(values.put(key, value));
  }

  /** The value under {@code key}, creating and storing it with {@code factory} when absent. */
  public <T> T computeIfAbsent(AttributeKey<T> key, Supplier<? extends T> factory) {
    T value = get(key);
    if (value == null) {
      value = factory.get();
      put(key, value);
    }
    return value;
  }

  /** Removes {@code key}; returns the value it had, or null. */
  public <T> T remove(AttributeKey<T> key) {
    return values == null ? null : key.cast(values.remove(key));
  }
}
