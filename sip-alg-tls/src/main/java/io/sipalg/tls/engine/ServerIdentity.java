package io.sipalg.tls.engine;

import io.sipalg.parser.AsciiCase;
import io.sipalg.parser.IpLiteral;
import java.net.InetAddress;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Matches a server certificate against the host or SIP domain the leg connected to: RFC 2818 /
 * RFC 6125 (dNSName with a left-most wildcard label, iPAddress for IP literals) plus RFC 5922
 * (a {@code sip:} or {@code sips:} URI naming the domain, never wildcarded). The subject CN is used
 * only when the certificate has no dNSName or URI alternative name. Names compare with only A-Z
 * folded ({@link AsciiCase}).
 */
final class ServerIdentity {
  private static final int SAN_DNS = 2;
  private static final int SAN_URI = 6;
  private static final int SAN_IP = 7;
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private ServerIdentity() {}

  /** Whether {@code cert} names {@code expected} (a host name, SIP domain or IP literal). */
  static boolean matches(X509Certificate cert, String expected) {
    String name = normalise(expected);
    List<List<?>> sans = alternativeNames(cert);
    if (isIpLiteral(name)) {
      InetAddress wanted = literal(name);
      return wanted != null && sans.stream()
          .filter(s -> ((Integer) s.get(0)) == SAN_IP)
          .map(s -> literal(String.valueOf(s.get(1))))
          .anyMatch(wanted::equals);
    }
    boolean anyNameSan = false;
    for (List<?> san : sans) {
      int type = (Integer) san.get(0);
      String value = String.valueOf(san.get(1));
      if (type == SAN_DNS) {
        anyNameSan = true;
        if (dnsMatches(normalise(value), name)) {
          return true;
        }
      } else if (type == SAN_URI) {
        anyNameSan = true;
        if (name.equals(sipUriDomain(value))) {
          return true;
        }
      }
    }
    return !anyNameSan && name.equals(normalise(commonName(cert)));
  }

  /** The names a certificate offers, for error messages. */
  static List<String> describe(X509Certificate cert) {
    List<String> names = new ArrayList<>();
    for (List<?> san : alternativeNames(cert)) {
      names.add(String.valueOf(san.get(1)));
    }
    if (names.isEmpty()) {
      names.add("CN=" + commonName(cert));
    }
    return names;
  }

  private static boolean dnsMatches(String pattern, String host) {
    if (!pattern.startsWith("*.")) {
      return pattern.equals(host);
    }
    int dot = host.indexOf('.');
    // The wildcard covers exactly one non-empty left-most label, and never a bare public suffix.
    return dot > 0 && pattern.substring(1).equals(host.substring(dot))
        && pattern.indexOf('.', 2) > 0;
  }

  /** The domain of {@code sip:domain} / {@code sips:domain} without user part, else {@code null}. */
  static String sipUriDomain(String uri) {
    String lower = AsciiCase.lower(uri);
    String rest;
    if (lower.startsWith("sip:")) {
      rest = lower.substring(4);
    } else if (lower.startsWith("sips:")) {
      rest = lower.substring(5);
    } else {
      return null;
    }
    if (rest.contains("@")) {
      return null;
    }
    int end = rest.length();
    for (char c : new char[] {';', '?', ':', '>'}) {
      int i = rest.indexOf(c);
      if (i >= 0 && i < end) {
        end = i;
      }
    }
    return normalise(rest.substring(0, end));
  }

  private static List<List<?>> alternativeNames(X509Certificate cert) {
    try {
      Collection<List<?>> sans = cert.getSubjectAlternativeNames();
      return sans == null ? List.of() : List.copyOf(sans);
    } catch (CertificateParsingException e) {
      return List.of();
    }
  }

  static String commonName(X509Certificate cert) {
    try {
      LdapName dn = new LdapName(cert.getSubjectX500Principal().getName());
      for (Rdn rdn : dn.getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return String.valueOf(rdn.getValue());
        }
      }
    } catch (InvalidNameException e) {
      return "";
    }
    return "";
  }

  private static String normalise(String name) {
    String n = name == null ? "" : AsciiCase.lower(name.trim());
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }

  private static boolean isIpLiteral(String name) {
    return IPV4.matcher(name).matches() || name.contains(":");
  }

  /** Never {@code InetAddress.getByName}: a name that only looks like a literal would be resolved. */
  private static InetAddress literal(String ip) {
    return isIpLiteral(ip) ? IpLiteral.parse(ip) : null;
  }
}
