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
  private static final byte KIND_SIP = 1;
  private static final byte KIND_TEL = 2;
  private static final byte KIND_OTHER = 3;

  private final byte[] b;
  private final int start;
  private final int schemeEnd;
  private final byte kind;
  private final int userEnd;
  private final int passwordStart;
  private final int hostStart;
  private final int hostEnd;
  private final int port;
  private final int hostPortEnd;
  private final int headersStart;
  private final int end;
  private final int base;
  private final Params params;

  private SipUri(byte[] b, int start, int schemeEnd, byte kind, int userEnd, int passwordStart,
      int hostStart, int hostEnd, int port, int hostPortEnd, int headersStart, int end, int base,
      Params params) {
    this.b = b;
    this.start = start;
    this.schemeEnd = schemeEnd;
    this.kind = kind;
    this.userEnd = userEnd;
    this.passwordStart = passwordStart;
    this.hostStart = hostStart;
    this.hostEnd = hostEnd;
    this.port = port;
    this.hostPortEnd = hostPortEnd;
    this.headersStart = headersStart;
    this.end = end;
    this.base = base;
    this.params = params;
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
      return parse(b, 0, b.length, -1);
    } catch (BadSyntax e) {
      throw new IllegalArgumentException(e.getMessage() + " at index " + e.index + " in " + uri, e);
    }
  }

  /** Parses {@code b[s, e)}; offsets exposed are relative to {@code base} (-1: not in a message). */
  static SipUri parse(byte[] b, int s, int e, int base) throws BadSyntax {
    return parse(b, s, e, base, false);
  }

  /**
   * Parses the URI of a {@code <URI>} whose {@code '<'} is just before {@code s}: it ends at the
   * first {@code '>'} before {@code e}, found by the same pass that checks the URI's bytes.
   */
  static SipUri parseBracketed(byte[] b, int s, int e, int base) throws BadSyntax {
    return parse(b, s, e, base, true);
  }

  /** Index just past the URI in its array (at the closing {@code '>'} of a bracketed one). */
  int endIndex() {
    return end;
  }

  private static SipUri parse(byte[] b, int s, int e, int base, boolean bracketed)
      throws BadSyntax {
    int p = s;
    while (p < e && (Lex.isAlpha(b[p]) || (p > s && (Lex.isDigit(b[p]) || b[p] == '+'
        || b[p] == '-' || b[p] == '.')))) {
      p++;
    }
    if (p == s || p >= e || b[p] != ':') {
      throw new BadSyntax(s, "URI has no scheme");
    }
    int rest = p + 1;
    // One pass for what the later steps would each scan for: bytes a URI never holds, the
    // userinfo '@' and whether any %-escape needs checking.
    int at = -1;
    boolean escapes = false;
    for (int i = Lex.nextUriSpecial(b, rest, e); i < e; i = Lex.nextUriSpecial(b, i + 1, e)) {
      byte c = b[i];
      if (c == '>' && bracketed) {
        e = i;
        bracketed = false;
        break;
      }
      if (c == '@') {
        if (at < 0) {
          at = i;
        }
      } else if (c == '%') {
        escapes = true;
      } else {
        throw new BadSyntax(i, "invalid character '" + printable(c) + "' in URI");
      }
    }
    if (bracketed) {
      throw new BadSyntax(s - 1, "missing '>'");
    }
    int schemeLength = p - s;
    if ((schemeLength == 3 || schemeLength == 4) && Lex.lower(b[s]) == 's'
        && (Lex.equalsIgnoreCase(b, s, p, "sip") || Lex.equalsIgnoreCase(b, s, p, "sips"))) {
      return parseSip(b, s, p, rest, e, base, at, escapes);
    }
    if (Lex.equalsIgnoreCase(b, s, p, "tel")) {
      int semi = Lex.indexOf(b, rest, e, ';');
      int numEnd = semi < 0 ? e : semi;
      if (numEnd == rest) {
        throw new BadSyntax(rest, "empty tel number");
      }
      Uris.checkEscapes(b, rest, numEnd);
      Params params = Params.parse(b, numEnd, e, Params.NO_STOP, true, null);
      return new SipUri(b, s, p, KIND_TEL, numEnd, -1, -1, -1, -1, -1, -1, e, base, params);
    }
    if (rest == e) {
      throw new BadSyntax(rest, "empty URI after scheme");
    }
    return new SipUri(b, s, p, KIND_OTHER, -1, -1, -1, -1, -1, -1, -1, e, base, Params.EMPTY);
  }

  private static SipUri parseSip(byte[] b, int s, int schemeEnd, int p, int e, int base, int at,
      boolean escapes) throws BadSyntax {
    int userEnd = -1;
    int passwordStart = -1;
    if (at >= 0) {
      int colon = Lex.indexOf(b, p, at, ':');
      userEnd = colon < 0 ? at : colon;
      if (userEnd == p) {
        throw new BadSyntax(p, "empty user part");
      }
      if (escapes) {
        Uris.checkEscapes(b, p, at);
      }
      passwordStart = colon < 0 ? -1 : colon + 1;
      p = at + 1;
    }
    int hs = p;
    int he = Uris.scanHost(b, p, e);
    int pe = Uris.scanPort(b, he, e);
    int port = pe > he ? (int) Lex.parseUnsigned(b, he + 1, pe, 65535) : -1;
    // Without a '%' anywhere in the URI there is nothing to check or decode in its parameters.
    Params params = Params.parseIfAny(b, pe, e, (byte) '?', escapes, null);
    p = params.endOr(b, pe, e);
    int headersStart = -1;
    if (p < e && b[p] == '?') {
      headersStart = p + 1;
      parseHeaders(b, headersStart, e);
    } else if (p < e) {
      throw new BadSyntax(p, "unexpected '" + printable(b[p]) + "' in URI");
    }
    return new SipUri(b, s, schemeEnd, KIND_SIP, userEnd, passwordStart, hs, he, port, pe,
        headersStart, e, base, params);
  }

  private static String decoded(byte[] b, int s, int e) {
    try {
      return Uris.decode(b, s, e);
    } catch (BadSyntax x) {
      throw new IllegalStateException("escapes were validated at parse time", x);
    }
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
    return Lex.str(b, start, schemeEnd).toLowerCase(Locale.ROOT);
  }

  /** Whether the scheme is {@code sip} or {@code sips}. */
  public boolean isSip() {
    return kind == KIND_SIP;
  }

  /** Whether the scheme is {@code sips}. */
  public boolean isSips() {
    return kind == KIND_SIP && schemeEnd - start == 4;
  }

  /** Whether the scheme is {@code tel}. */
  public boolean isTel() {
    return kind == KIND_TEL;
  }

  /** Whether the scheme is neither SIP, SIPS nor tel; only {@link #toString()} is meaningful then. */
  public boolean isOpaque() {
    return kind == KIND_OTHER;
  }

  /** The decoded user part (SIP) or the number (tel), or {@code null}. */
  public String user() {
    if (kind == KIND_TEL) {
      return decoded(b, schemeEnd + 1, userEnd);
    }
    return userEnd < 0 ? null : decoded(b, schemeEnd + 1, userEnd);
  }

  /** The decoded password, or {@code null}. */
  public String password() {
    return passwordStart < 0 ? null : decoded(b, passwordStart, hostStart - 1);
  }

  /** The host as written (IPv6 references keep their brackets), or {@code null} when not SIP. */
  public String host() {
    return kind == KIND_SIP ? Lex.str(b, hostStart, hostEnd) : null;
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
    if (headersStart < 0) {
      return Map.of();
    }
    try {
      return parseHeaders(b, headersStart, end);
    } catch (BadSyntax e) {
      throw new IllegalStateException("headers were validated at parse time", e);
    }
  }

  /** Whether the URI carries headers ({@code ?...}). */
  public boolean hasHeaders() {
    return headersStart >= 0;
  }

  /**
   * Offset of the host in the enclosing message, or -1 when not known (URI parsed from a string
   * or not SIP). Used by {@link SipEditor#setUriHostPort(SipUri, String, int)}.
   */
  public int hostOffset() {
    return base < 0 || kind != KIND_SIP ? -1 : hostStart - base;
  }

  /** Offset just past {@code host[:port]} in the enclosing message, or -1. */
  public int hostPortEnd() {
    return base < 0 || kind != KIND_SIP ? -1 : hostPortEnd - base;
  }

  /** Message span {@code [";", end)} of a URI parameter, or null (for {@link SipEditor}). */
  int[] paramSpan(String name) {
    int[] span = params.span(name);
    return span == null ? null : new int[] {span[0] - base, span[1] - base};
  }

  /** Message offset of the URI's first byte (its scheme). */
  int startOffset() {
    return start - base;
  }

  /** Message offset just past the last URI parameter (before {@code ?headers}). */
  int paramsEnd() {
    return (headersStart >= 0 ? headersStart - 1 : end) - base;
  }

  /** The URI exactly as written. */
  @Override
  public String toString() {
    return Lex.str(b, start, end);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SipUri && o.toString().equals(toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }
}
