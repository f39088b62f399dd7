package io.sipalg.parser;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A URI as found in a Request-URI or a name-addr: {@code sip:}/{@code sips:} (user, password, host
 * incl. IPv6 references, port, parameters, headers), {@code tel:} (number and parameters) or any
 * other scheme, kept opaque. %-escapes in user, password, parameters and headers are decoded once.
 * Immutable; {@link #toString()} returns the URI exactly as written.
 */
public final class SipUri {
  private final String raw;
  private final String scheme;
  private final String user;
  private final String password;
  private final String host;
  private final int port;
  private final Params params;
  private final Map<String, String> headers;
  private final int hostOffset;
  private final int hostPortEnd;

  private SipUri(String raw, String scheme, String user, String password, String host, int port,
      Params params, Map<String, String> headers, int hostOffset, int hostPortEnd) {
    this.raw = raw;
    this.scheme = scheme;
    this.user = user;
    this.password = password;
    this.host = host;
    this.port = port;
    this.params = params;
    this.headers = headers;
    this.hostOffset = hostOffset;
    this.hostPortEnd = hostPortEnd;
  }

  /**
   * Parses a URI written by the caller.
   *
   * @param uri the URI text
   * @return the parsed URI
   * @throws IllegalArgumentException when the text is not a valid URI
   */
  public static SipUri parse(String uri) {
    byte[] b = Lex.ascii(uri);
    try {
      return parse(b, 0, b.length, 0);
    } catch (BadSyntax e) {
      throw new IllegalArgumentException(e.getMessage() + " at index " + e.index + " in " + uri, e);
    }
  }

  /** Parses {@code b[s, e)}; offsets exposed are relative to {@code base}. */
  static SipUri parse(byte[] b, int s, int e, int base) throws BadSyntax {
    int p = s;
    while (p < e && (Lex.isAlpha(b[p]) || (p > s && (Lex.isDigit(b[p]) || b[p] == '+'
        || b[p] == '-' || b[p] == '.')))) {
      p++;
    }
    if (p == s || p >= e || b[p] != ':') {
      throw new BadSyntax(s, "URI has no scheme");
    }
    for (int i = s; i < e; i++) {
      if (Lex.isLws(b[i]) || b[i] == '<' || b[i] == '>' || b[i] == '"') {
        throw new BadSyntax(i, "invalid character '" + printable(b[i]) + "' in URI");
      }
    }
    String scheme = Lex.str(b, s, p).toLowerCase(Locale.ROOT);
    String raw = Lex.str(b, s, e);
    int rest = p + 1;
    if (scheme.equals("sip") || scheme.equals("sips")) {
      return parseSip(b, rest, e, base, raw, scheme);
    }
    if (scheme.equals("tel")) {
      int semi = Lex.indexOf(b, rest, e, ';');
      int numEnd = semi < 0 ? e : semi;
      if (numEnd == rest) {
        throw new BadSyntax(rest, "empty tel number");
      }
      Params params = new Params();
      Params.parse(b, numEnd, e, "", params, true);
      return new SipUri(raw, scheme, Uris.decode(b, rest, numEnd), null, null, -1, params,
          Map.of(), -1, -1);
    }
    if (rest == e) {
      throw new BadSyntax(rest, "empty URI after scheme");
    }
    return new SipUri(raw, scheme, null, null, null, -1, Params.EMPTY, Map.of(), -1, -1);
  }

  private static SipUri parseSip(byte[] b, int p, int e, int base, String raw, String scheme)
      throws BadSyntax {
    int at = Lex.indexOf(b, p, e, '@');
    String user = null;
    String password = null;
    if (at >= 0) {
      int colon = Lex.indexOf(b, p, at, ':');
      int userEnd = colon < 0 ? at : colon;
      if (userEnd == p) {
        throw new BadSyntax(p, "empty user part");
      }
      user = Uris.decode(b, p, userEnd);
      password = colon < 0 ? null : Uris.decode(b, colon + 1, at);
      p = at + 1;
    }
    int hs = p;
    int he = Uris.scanHost(b, p, e);
    int pe = Uris.scanPort(b, he, e);
    int port = pe > he ? (int) Lex.parseUnsigned(b, he + 1, pe, 65535) : -1;
    Params params = new Params();
    p = Params.parse(b, pe, e, "?", params, true);
    Map<String, String> headers = Map.of();
    if (p < e && b[p] == '?') {
      headers = parseHeaders(b, p + 1, e);
    } else if (p < e) {
      throw new BadSyntax(p, "unexpected '" + printable(b[p]) + "' in URI");
    }
    return new SipUri(raw, scheme, user, password, Lex.str(b, hs, he), port, params, headers,
        hs - base, pe - base);
  }

  private static Map<String, String> parseHeaders(byte[] b, int p, int e) throws BadSyntax {
    Map<String, String> headers = new LinkedHashMap<>();
    while (p < e) {
      int amp = Lex.indexOf(b, p, e, '&');
      int he = amp < 0 ? e : amp;
      int eq = Lex.indexOf(b, p, he, '=');
      if (eq <= p) {
        throw new BadSyntax(p, "URI header without name=value");
      }
      headers.put(Uris.decode(b, p, eq), Uris.decode(b, eq + 1, he));
      p = he + 1;
    }
    return java.util.Collections.unmodifiableMap(headers);
  }

  private static String printable(byte c) {
    return c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c & 0xff);
  }

  /** The scheme in lower case, e.g. {@code sip}, {@code sips}, {@code tel}, {@code urn}. */
  public String scheme() {
    return scheme;
  }

  /** Whether the scheme is {@code sip} or {@code sips}. */
  public boolean isSip() {
    return scheme.equals("sip") || scheme.equals("sips");
  }

  /** Whether the scheme is {@code tel}. */
  public boolean isTel() {
    return scheme.equals("tel");
  }

  /** Whether the scheme is neither SIP, SIPS nor tel; only {@link #toString()} is meaningful then. */
  public boolean isOpaque() {
    return !isSip() && !isTel();
  }

  /** The decoded user part (SIP) or the number (tel), or {@code null}. */
  public String user() {
    return user;
  }

  /** The decoded password, or {@code null}. */
  public String password() {
    return password;
  }

  /** The host as written (IPv6 references keep their brackets), or {@code null} when not SIP. */
  public String host() {
    return host;
  }

  /** The port, or -1 when absent. */
  public int port() {
    return port;
  }

  /** Decoded value of a URI parameter ({@code ""} for a flag such as {@code lr}), or {@code null}. */
  public String param(String name) {
    return params.get(name);
  }

  /** All URI parameters, names lower-cased, decoded, in order. */
  public Map<String, String> params() {
    return params.asMap();
  }

  /** Decoded URI headers ({@code ?name=value&...}), in order. */
  public Map<String, String> headers() {
    return headers;
  }

  /**
   * Offset of the host in the enclosing message, or -1 when not known (URI parsed from a string
   * or not SIP). Used by {@link SipEditor#setUriHostPort(SipUri, String, int)}.
   */
  public int hostOffset() {
    return hostOffset;
  }

  /** Offset just past {@code host[:port]} in the enclosing message, or -1. */
  public int hostPortEnd() {
    return hostPortEnd;
  }

  /** The URI exactly as written. */
  @Override
  public String toString() {
    return raw;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SipUri && ((SipUri) o).raw.equals(raw);
  }

  @Override
  public int hashCode() {
    return raw.hashCode();
  }
}
