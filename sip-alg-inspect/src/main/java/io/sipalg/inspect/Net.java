package io.sipalg.inspect;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;

/** Address text helpers: the forms addresses take in SIP headers and in SDP. */
final class Net {
  private Net() {}

  /** The bare IP text of a socket address (no brackets), or its host string when unresolved. */
  static String ip(InetSocketAddress address) {
    InetAddress a = address.getAddress();
    return a == null ? address.getHostString() : a.getHostAddress();
  }

  /** The IP as written in a SIP URI or Via: IPv6 in brackets. */
  static String uriHost(InetSocketAddress address) {
    String ip = ip(address);
    return ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip;
  }

  /** {@code IP4} or {@code IP6}, as in SDP. */
  static String sdpAddrType(InetSocketAddress address) {
    return address.getAddress() instanceof Inet6Address ? "IP6" : "IP4";
  }

  /** A host as written (brackets, case) normalised for comparison with {@link #ip}. */
  static String bare(String host) {
    if (host == null) {
      return "";
    }
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    return h.toLowerCase(Locale.ROOT);
  }

  /** Whether a host as written is the same address as {@code ip} (compared as text, IPv6 normalised). */
  static boolean sameHost(String host, String ip) {
    String h = bare(host);
    if (h.equals(ip.toLowerCase(Locale.ROOT))) {
      return true;
    }
    if (h.indexOf(':') >= 0 && ip.indexOf(':') >= 0) {
      InetAddress a = literal(h);
      return a != null && a.equals(literal(ip)); // IPv6 has many spellings of one address
    }
    return false;
  }

  /**
   * Whether a host as written is a private (non-routable) IP literal: RFC 1918, RFC 6598 shared
   * space, link-local, loopback, IPv6 unique-local. Names are never private: they are not
   * resolved here.
   */
  static boolean isPrivateLiteral(String host) {
    InetAddress a = literal(bare(host));
    if (a == null) {
      return false;
    }
    if (a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isLoopbackAddress()) {
      return true;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64; // 100.64.0.0/10
    }
    return (b[0] & 0xfe) == 0xfc; // fc00::/7
  }

  /**
   * Parses an IP literal, or returns null when the text is not one. Never resolves names:
   * {@code InetAddress.getByName} would look up anything that is not a valid literal, and a SIP
   * header must not make the ALG block on DNS.
   */
  static InetAddress literal(String text) {
    byte[] bytes = text.indexOf(':') >= 0 ? v6(text) : v4(text);
    if (bytes == null) {
      return null;
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (java.net.UnknownHostException e) {
      return null; // cannot happen for 4 or 16 bytes
    }
  }

  private static byte[] v4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      int v = decimal(parts[i]);
      if (v < 0 || v > 255) {
        return null;
      }
      out[i] = (byte) v;
    }
    return out;
  }

  private static int decimal(String s) {
    if (s.isEmpty() || s.length() > 3) {
      return -1;
    }
    int v = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static byte[] v6(String text) {
    int zone = text.indexOf('%');
    String t = zone >= 0 ? text.substring(0, zone) : text;
    byte[] tail = null;
    int lastColon = t.lastIndexOf(':');
    if (t.indexOf('.', lastColon) >= 0) { // embedded IPv4, e.g. ::ffff:192.0.2.1
      tail = v4(t.substring(lastColon + 1));
      if (tail == null) {
        return null;
      }
      t = t.substring(0, lastColon + 1) + "0:0";
    }
    int gap = t.indexOf("::");
    if (gap >= 0 && t.indexOf("::", gap + 1) >= 0) {
      return null;
    }
    String[] head = gap >= 0 ? groups(t.substring(0, gap)) : groups(t);
    String[] rest = gap >= 0 ? groups(t.substring(gap + 2)) : new String[0];
    if (head == null || rest == null || head.length + rest.length > (gap >= 0 ? 7 : 8)
        || (gap < 0 && head.length != 8)) {
      return null;
    }
    byte[] out = new byte[16];
    for (int i = 0; i < head.length; i++) {
      if (!put(out, i, head[i])) {
        return null;
      }
    }
    for (int i = 0; i < rest.length; i++) {
      if (!put(out, 8 - rest.length + i, rest[i])) {
        return null;
      }
    }
    if (tail != null) {
      System.arraycopy(tail, 0, out, 12, 4);
    }
    return out;
  }

  private static String[] groups(String s) {
    return s.isEmpty() ? new String[0] : s.split(":", -1);
  }

  private static boolean put(byte[] out, int group, String hex) {
    if (hex.isEmpty() || hex.length() > 4) {
      return false;
    }
    int v = 0;
    for (int i = 0; i < hex.length(); i++) {
      int d = Character.digit(hex.charAt(i), 16);
      if (d < 0) {
        return false;
      }
      v = v * 16 + d;
    }
    out[2 * group] = (byte) (v >> 8);
    out[2 * group + 1] = (byte) v;
    return true;
  }

  /** {@code host[:port]} text. */
  static String hostPort(String host, int port) {
    return port >= 0 ? host + ":" + port : host;
  }
}
