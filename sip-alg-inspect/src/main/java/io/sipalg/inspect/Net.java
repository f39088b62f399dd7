package io.sipalg.inspect;

import io.sipalg.api.session.SessionAddresses;
import io.sipalg.parser.IpLiteral;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;

/** Address text helpers: the forms addresses take in SIP headers and in SDP. */
final class Net {
  private Net() {}

  /**
   * The bare IP text of a socket address as SIP and SDP write it (no brackets, IPv6 in the RFC 5952
   * form, no zone), or its host string when unresolved.
   */
  static String ip(InetSocketAddress address) {
    InetAddress a = address.getAddress();
    return a == null ? address.getHostString() : IpLiteral.format(a);
  }

  /** The SIP server's IP, or the ALG's inside address before the server side is known. */
  static String serverIp(SessionAddresses addresses) {
    return ip(addresses.server().orElse(addresses.algInside()));
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
    if (host != null && host.equalsIgnoreCase(ip)) {
      return true; // the common case, a literal as the phone wrote it: no copies
    }
    String h = bare(host);
    if (h.equals(ip.toLowerCase(Locale.ROOT))) {
      return true;
    }
    if (h.indexOf(':') >= 0 && ip.indexOf(':') >= 0) {
      InetAddress a = IpLiteral.parse(h);
      return a != null && a.equals(IpLiteral.parse(ip)); // IPv6 has many spellings of one address
    }
    return false;
  }

  /**
   * Whether a host as written is a private (non-routable) IP literal: RFC 1918, RFC 6598 shared
   * space, link-local, loopback, IPv6 unique-local. Names are never private: they are not
   * resolved here.
   */
  static boolean isPrivateLiteral(String host) {
    InetAddress a = IpLiteral.parse(bare(host));
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

  /** {@code host[:port]} text. */
  static String hostPort(String host, int port) {
    return port >= 0 ? host + ":" + port : host;
  }
}
