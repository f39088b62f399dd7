package io.sipalg.api;

/**
 * An inclusive TCP/UDP port range as written in FortiOS, e.g. {@code 5117-65533}
 * ({@code nat-port-range}). Construction only checks {@code 0-65535}; {@link VoipProfile} checks
 * its own limits when built.
 *
 * @param low first port
 * @param high last port
 */
public record PortRange(int low, int high) {
  /**
   * Checks that both ends are 16-bit port numbers.
   *
   * @throws IllegalArgumentException if an end is outside 0-65535
   */
  public PortRange {
    if (low < 0 || low > 65535 || high < 0 || high > 65535) {
      throw new IllegalArgumentException("port range " + low + "-" + high + " is not within 0-65535");
    }
  }

  /**
   * Parses {@code LOW-HIGH} (or a single port).
   *
   * @param text e.g. {@code "5117-65533"}
   * @return the range
   * @throws IllegalArgumentException if the text is not a range of numbers
   */
  public static PortRange parse(String text) {
    int dash = text.indexOf('-');
    try {
      if (dash < 0) {
        int port = port(text);
        return new PortRange(port, port);
      }
      return new PortRange(port(text.substring(0, dash)), port(text.substring(dash + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a port range like 5117-65533", e);
    }
  }

  private static int port(String text) {
    String digits = text.trim();
    if (!ValueType.isAsciiDigits(digits)) {
      throw new NumberFormatException("not ASCII digits: " + digits);
    }
    return Integer.parseInt(digits);
  }

  /** Whether {@code port} lies in the range. */
  public boolean contains(int port) {
    return port >= low && port <= high;
  }

  /** The FortiOS text, {@code LOW-HIGH}. */
  @Override
  public String toString() {
    return low + "-" + high;
  }
}
