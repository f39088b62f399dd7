package io.sipalg.api;

/**
 * A value written in FortiOS CLI syntax, such as {@code tls-1.2} or {@code src-ip}.
 *
 * <p>Every option enum of {@link VoipProfile} implements it, so readers, writers and error messages
 * use the exact spelling a FortiGate administrator knows.
 */
public interface FortiOsValue {
  /**
   * The value as written in FortiOS CLI, e.g. {@code "src-ip"}: by default the enum constant's
   * name in lower case with dashes ({@code SRC_IP}); enums whose spelling differs override it.
   */
  default String fortiOsName() {
    return ((Enum<?>) this).name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
