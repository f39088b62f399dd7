package io.sipalg.examples.runner;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Parses {@code HOST:PORT}, {@code [IPv6]:PORT} and, where a default port exists, {@code HOST}. */
public final class HostPort {
  private HostPort() {}

  /**
   * Parses an address.
   *
   * @param text the address as typed
   * @param defaultPort the port when none is given, or -1 when a port is required (a destination:
   *     then port 0 is refused too)
   * @return an unresolved-if-needed socket address
   * @throws IllegalArgumentException saying what is wrong
   */
  public static InetSocketAddress parse(String text, int defaultPort) {
    String host = text;
    String port = null;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("'" + text + "': missing ']' after the IPv6 address");
      }
      host = text.substring(1, close);
      if (close + 1 < text.length()) {
        if (text.charAt(close + 1) != ':') {
          throw new IllegalArgumentException("'" + text + "': expected ':' after ']'");
        }
        port = text.substring(close + 2);
      }
    } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
      host = text.substring(0, text.indexOf(':'));
      port = text.substring(text.indexOf(':') + 1);
    }
    if (host.isEmpty()) {
      throw new IllegalArgumentException("'" + text + "': missing host");
    }
    int p;
    if (port == null) {
      if (defaultPort < 0) {
        throw new IllegalArgumentException("'" + text + "': missing port, expected HOST:PORT");
      }
      p = defaultPort;
    } else {
      // ASCII digits only: Integer.parseInt also takes a sign and other scripts' digits.
      if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw new IllegalArgumentException("'" + text + "': port '" + port + "' is not a number");
      }
      p = Integer.parseInt(port);
      int lowest = defaultPort < 0 ? 1 : 0;
      if (p < lowest || p > 65535) {
        throw new IllegalArgumentException("'" + text + "': port " + p + " is outside " + lowest
            + "-65535");
      }
    }
    return new InetSocketAddress(host, p);
  }

  /**
   * Parses a host address without a port: an IPv4 or IPv6 literal (brackets optional) or a name.
   *
   * @param text the address as typed
   * @return the address (a name is resolved)
   * @throws IllegalArgumentException when a port is given or the name does not resolve
   */
  public static InetAddress address(String text) {
    String host = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    if (host.isEmpty()) {
      throw new IllegalArgumentException("'" + text + "': missing address");
    }
    if (host.startsWith("[") || (host.indexOf(':') >= 0 && host.indexOf(':') == host.lastIndexOf(':'))) {
      throw new IllegalArgumentException("'" + text + "': an address without a port is expected");
    }
    try {
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + text + "': unknown host");
    }
  }
}
