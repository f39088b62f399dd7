package io.sipalg.parser;

import java.net.InetAddress;

/**
 * IP address literals parsed without name resolution. {@code InetAddress.getByName} resolves
 * anything that is not a valid literal: a {@code 999.1.1.1} from a header, an SDP line or a
 * phone's SNI would go to DNS and block the caller, which the ALG's event loop must never do.
 * Only ASCII digits count, as in RFC 3261's {@code IPv4address} and {@code IPv6address}.
 */
public final class IpLiteral {
  private IpLiteral() {}

  /**
   * Parses an IPv4 ({@code 192.0.2.1}) or IPv6 ({@code 2001:db8::1}, {@code ::ffff:192.0.2.1})
   * literal, without brackets; an IPv6 zone ({@code %eth0}) is ignored.
   *
   * @param text the literal
   * @return the address, or {@code null} when the text is not a literal (a name, a malformed
   *     address, a digit of another script)
   */
  public static InetAddress parse(String text) {
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

  /**
   * The text an address is written as in SIP and SDP: IPv4 dotted decimal; IPv6 in the RFC 5952
   * canonical form ({@code 2001:db8::1}: lower case, no leading zeros, the longest run of two or
   * more zero groups as {@code ::}, the first of equal runs), without brackets and without a
   * zone, which no SIP URI or SDP line can carry. {@code InetAddress.getHostAddress()} gives
   * {@code 2001:db8:0:0:0:0:0:1%eth0} instead.
   *
   * @param address an IPv4 or IPv6 address
   * @return its canonical literal
   */
  public static String format(InetAddress address) {
    byte[] b = address.getAddress();
    if (b.length == 4) {
      return (b[0] & 0xFF) + "." + (b[1] & 0xFF) + "." + (b[2] & 0xFF) + "." + (b[3] & 0xFF);
    }
    int[] groups = new int[8];
    for (int g = 0; g < 8; g++) {
      groups[g] = (b[2 * g] & 0xFF) << 8 | (b[2 * g + 1] & 0xFF);
    }
    int bestStart = -1;
    int bestLength = 1; // RFC 5952 4.2.2: a single zero group is not shortened
    for (int g = 0; g < 8; ) {
      int run = 0;
      while (g + run < 8 && groups[g + run] == 0) {
        run++;
      }
      if (run > bestLength) {
        bestStart = g;
        bestLength = run;
      }
      g += Math.max(run, 1);
    }
    StringBuilder out = new StringBuilder(39);
    for (int g = 0; g < 8; g++) {
      if (g == bestStart) {
        out.append("::");
        g += bestLength - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(groups[g]));
    }
    return out.toString();
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
      int d = Lex.hex(hex.charAt(i)); // ASCII only: Character.digit takes any script's digits
      if (d < 0) {
        return false;
      }
      v = v * 16 + d;
    }
    out[2 * group] = (byte) (v >> 8);
    out[2 * group + 1] = (byte) v;
    return true;
  }
}
