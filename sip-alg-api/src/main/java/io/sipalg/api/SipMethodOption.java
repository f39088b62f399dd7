package io.sipalg.api;

/**
 * The SIP request methods that have {@code block-<method>}, {@code <method>-rate} and
 * {@code <method>-rate-track} options, so inspectors can loop over them.
 *
 * <pre>{@code
 * for (SipMethodOption m : SipMethodOption.values()) {
 *   if (profile.blocked(m)) { ... }
 * }
 * }</pre>
 */
public enum SipMethodOption implements FortiOsValue {
  /** REGISTER. */
  REGISTER,
  /** INVITE. */
  INVITE,
  /** SUBSCRIBE. */
  SUBSCRIBE,
  /** MESSAGE. */
  MESSAGE,
  /** NOTIFY. */
  NOTIFY,
  /** REFER. */
  REFER,
  /** UPDATE. */
  UPDATE,
  /** OPTIONS. */
  OPTIONS,
  /** ACK. */
  ACK,
  /** PRACK. */
  PRACK,
  /** INFO. */
  INFO,
  /** PUBLISH. */
  PUBLISH,
  /** BYE. */
  BYE,
  /** CANCEL. */
  CANCEL;

  /** The lower-case method name as used in option names, e.g. {@code "invite"}. */
  @Override
  public String fortiOsName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The SIP method token as it appears on a request line, e.g. {@code "INVITE"}. */
  public String sipMethod() {
    return name();
  }

  /**
   * The option for a SIP method token.
   *
   * @param method a method token as on a request line (SIP methods are case-sensitive)
   * @return the option, or empty for a method without options (e.g. {@code "FOO"})
   */
  public static java.util.Optional<SipMethodOption> forSipMethod(String method) {
    for (int i = 0; i < FOUND.size(); i++) { // every request asks: no values() copy, no Optional
      java.util.Optional<SipMethodOption> m = FOUND.get(i);
      if (m.get().name().equals(method)) {
        return m;
      }
    }
    return java.util.Optional.empty();
  }

  /** {@code Optional.of} each constant, in declaration order, made once. */
  private static final java.util.List<java.util.Optional<SipMethodOption>> FOUND =
      java.util.Arrays.stream(values()).map(java.util.Optional::of).toList();

  @Override
  public String toString() {
    return name();
  }
}
