package io.sipalg.api;

/**
 * A value written in FortiOS CLI syntax, such as {@code tls-1.2} or {@code src-ip}.
 *
 * <p>Every option enum of {@link VoipProfile} implements it, so readers, writers and error messages
 * use the exact spelling a FortiGate administrator knows.
 */
public interface FortiOsValue {
  /** The value as written in FortiOS CLI, e.g. {@code "tls-1.2"}. */
  String fortiOsName();
}
