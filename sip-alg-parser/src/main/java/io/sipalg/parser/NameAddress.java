package io.sipalg.parser;

import java.util.Map;

/**
 * A {@code name-addr} or {@code addr-spec} with header parameters, as in From, To, Contact, Route,
 * Record-Route and P-Asserted-Identity; or the Contact wildcard {@code *}. Immutable.
 */
public final class NameAddress {
  private final byte[] b;
  private final int displayStart;
  private final int displayEnd;
  private final boolean quoted;
  private final SipUri uri;
  private final Params params;
  private final boolean bracketed;
  private final boolean wildcard;
  private final int offset;
  private final int end;
  private String tag;

  NameAddress(byte[] b, int displayStart, int displayEnd, boolean quoted, SipUri uri,
      Params params, boolean bracketed, boolean wildcard, int offset, int end) {
    this.b = b;
    this.displayStart = displayStart;
    this.displayEnd = displayEnd;
    this.quoted = quoted;
    this.uri = uri;
    this.params = params;
    this.bracketed = bracketed;
    this.wildcard = wildcard;
    this.offset = offset;
    this.end = end;
  }

  /** The display name without quotes and with quoted-pairs resolved, or {@code null}. */
  public String displayName() {
    if (displayStart < 0) {
      return null;
    }
    return quoted ? unquote(b, displayStart, displayEnd) : Lex.unfold(b, displayStart, displayEnd);
  }

  /** The URI, or {@code null} for the Contact wildcard. */
  public SipUri uri() {
    return uri;
  }

  /** Whether the URI was enclosed in {@code <>}. */
  public boolean bracketed() {
    return bracketed;
  }

  /** Whether this is the Contact wildcard {@code *}. */
  public boolean isWildcard() {
    return wildcard;
  }

  /** The {@code tag} parameter, or {@code null}. */
  public String tag() {
    String known = tag; // dialog matching asks on every message: one String
    if (known == null) {
      known = params.get("tag");
      tag = known;
    }
    return known;
  }

  /** A header parameter's value ({@code ""} for a flag), or {@code null}. */
  public String param(String name) {
    return params.get(name);
  }

  /** All header parameters, names lower-cased, in order. */
  public Map<String, String> params() {
    return params.asMap();
  }

  /**
   * The Contact {@code expires} parameter in seconds, -1 when absent, or {@link Long#MAX_VALUE}
   * when it is not a number within 2^32-1 (callers apply their default, RFC 3261 10.3).
   */
  public long expires() {
    String v = params.get("expires");
    if (v == null) {
      return -1;
    }
    long n = Lex.parseUnsigned(v, 0xFFFFFFFFL);
    return n < 0 ? Long.MAX_VALUE : n;
  }

  /** Offset of this value in the message. */
  public int offset() {
    return offset;
  }

  /** Offset just past this value (before a separating comma) in the message. */
  public int end() {
    return end;
  }

  @Override
  public String toString() {
    if (wildcard) {
      return "*";
    }
    String displayName = displayName();
    return (displayName != null ? '"' + displayName + "\" " : "") + '<' + uri + '>' + params.asMap();
  }

  /** Internal: parses one value at b[p..end); returns it; stops before ',' when multi. */
  static NameAddress parse(byte[] b, int p, int end, int base, boolean multi, boolean allowWildcard)
      throws BadSyntax {
    p = Lex.skipLws(b, p, end);
    int start = p;
    if (p >= end) {
      throw new BadSyntax(p, "empty value");
    }
    if (allowWildcard && b[p] == '*') {
      int q = Lex.skipLws(b, p + 1, end);
      if (q >= end || b[q] == ';') {
        Params params = Params.parse(b, q, end, multi ? (byte) ',' : Params.NO_STOP, false, "expires");
        q = params.end();
        return new NameAddress(b, -1, -1, false, null, params, false, true, start - base,
            q - base);
      }
    }
    int ds = -1;
    int de = -1;
    boolean quoted = false;
    boolean bracketed;
    SipUri uri;
    if (b[p] == '"') {
      int q = Lex.skipQuoted(b, p, end);
      if (q < 0) {
        throw new BadSyntax(p, "unterminated quoted string");
      }
      ds = p + 1;
      de = q - 1;
      quoted = true;
      p = Lex.skipLws(b, q, end);
      if (p >= end || b[p] != '<') {
        throw new BadSyntax(p, "expected '<' after display name");
      }
    } else if (hasBracketAhead(b, p, end, multi)) {
      int from = p;
      while (p < end && b[p] != '<') {
        if (!Lex.isToken(b[p]) && !Lex.isLws(b[p])) {
          throw new BadSyntax(p, "non-token character '" + (char) b[p] + "' in unquoted display name");
        }
        p++;
      }
      int to = Lex.trimEnd(b, from, p);
      if (to > from) {
        ds = from;
        de = to;
      }
    }
    if (p < end && b[p] == '<') {
      bracketed = true;
      if (p + 1 < end && Lex.isLws(b[p + 1])) {
        throw new BadSyntax(p + 1, "whitespace inside <>");
      }
      uri = SipUri.parseBracketed(b, p + 1, end, base);
      p = uri.endIndex() + 1;
    } else {
      bracketed = false;
      int us = p;
      while (p < end && b[p] != ';' && b[p] != ',' && !Lex.isLws(b[p])) {
        if (b[p] == '?') {
          throw new BadSyntax(p, "URI with headers must be enclosed in <>");
        }
        p++;
      }
      uri = SipUri.parse(b, us, p, base);
    }
    Params params = Params.parseIfAny(b, p, end, multi ? (byte) ',' : Params.NO_STOP, false, "tag");
    p = params.endOr(b, p, end);
    if (p < end && !multi) {
      throw new BadSyntax(p, "unexpected '" + (char) b[p] + "' after value");
    }
    return new NameAddress(b, ds, de, quoted, uri, params, bracketed, false, start - base,
        p - base);
  }

  private static boolean hasBracketAhead(byte[] b, int p, int end, boolean multi) {
    for (int i = p; i < end; i++) {
      if (b[i] == '<') {
        return true;
      }
      if (b[i] == ':' || b[i] == ';' || (multi && b[i] == ',')) {
        return false;
      }
    }
    return false;
  }

  static String unquote(byte[] b, int s, int e) {
    StringBuilder sb = new StringBuilder(e - s);
    String text = Lex.str(b, s, e);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        c = text.charAt(++i);
      }
      sb.append(c);
    }
    return sb.toString();
  }
}
