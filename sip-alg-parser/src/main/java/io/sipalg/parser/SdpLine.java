package io.sipalg.parser;

import java.util.List;

/**
 * One {@code x=value} line of an {@link Sdp}. {@link #error()} validates it for its type (v, o, s,
 * i, u, e, p, c, b, z, k, a, t, r, m); typed accessors tokenise {@code c=}, {@code o=} and
 * {@code m=} lines. A well-formed line is tokenised once: validation and every later typed read
 * share the value (the records are immutable), which is why inspectors may ask for it freely.
 */
public final class SdpLine {
  private final byte[] b;
  private final int base;
  private final int start;
  private final int contentEnd;
  private final int lineEnd;
  private final int media;
  private final int index;
  /** The typed value once a well-formed c=, o= or m= line was tokenised; null before, or if not. */
  private Object typed;

  SdpLine(byte[] b, int base, int start, int contentEnd, int lineEnd, int media, int index) {
    this.b = b;
    this.base = base;
    this.start = start;
    this.contentEnd = contentEnd;
    this.lineEnd = lineEnd;
    this.media = media;
    this.index = index;
  }

  /** The type letter (the byte before {@code =}). */
  public char type() {
    return (char) (b[start] & 0xff);
  }

  /** The value after {@code x=}, or the whole line when it has no {@code =}. */
  public String value() {
    return Lex.str(b, valueStart(), contentEnd);
  }

  /** The line as written, without its line ending. */
  public String text() {
    return Lex.str(b, start, contentEnd);
  }

  /** The media section this line belongs to, or -1 at session level. */
  public int mediaIndex() {
    return media;
  }

  /** Position of this line in {@link Sdp#lines()}. */
  public int index() {
    return index;
  }

  /** Offset of the line in the SDP body. */
  public int offset() {
    return start - base;
  }

  /** Offset of the value in the SDP body. */
  public int valueOffset() {
    return valueStart() - base;
  }

  /** Offset just past the value (before the line ending). */
  public int valueEnd() {
    return contentEnd - base;
  }

  /** Offset just past the line ending. */
  public int end() {
    return lineEnd - base;
  }

  private int valueStart() {
    return hasEquals() ? start + 2 : start;
  }

  private boolean hasEquals() {
    return contentEnd - start >= 2 && b[start + 1] == '=';
  }

  /**
   * Validates the line for its type.
   *
   * @return the error (name {@code sdp:X}) or {@code null} when well-formed
   */
  public HeaderError error() {
    try {
      check();
      return null;
    } catch (BadSyntax e) {
      return new HeaderError("sdp:" + type(), e.index - base, e.getMessage());
    }
  }

  /**
   * The {@code c=} line tokenised.
   *
   * @return the connection data
   * @throws MalformedHeaderException when this is not a well-formed {@code c=} line
   */
  public SdpConnection connection() throws MalformedHeaderException {
    try {
      return parseConnection();
    } catch (BadSyntax e) {
      throw new MalformedHeaderException(new HeaderError("sdp:c", e.index - base, e.getMessage()));
    }
  }

  /**
   * The {@code o=} line tokenised.
   *
   * @return the origin
   * @throws MalformedHeaderException when this is not a well-formed {@code o=} line
   */
  public SdpOrigin origin() throws MalformedHeaderException {
    try {
      return parseOrigin();
    } catch (BadSyntax e) {
      throw new MalformedHeaderException(new HeaderError("sdp:o", e.index - base, e.getMessage()));
    }
  }

  /**
   * The {@code m=} line tokenised.
   *
   * @return the media description
   * @throws MalformedHeaderException when this is not a well-formed {@code m=} line
   */
  public SdpMedia media() throws MalformedHeaderException {
    try {
      return parseMedia();
    } catch (BadSyntax e) {
      throw new MalformedHeaderException(new HeaderError("sdp:m", e.index - base, e.getMessage()));
    }
  }

  /** For {@code a=} lines: the attribute name (before {@code :}); otherwise {@code null}. */
  public String attributeName() {
    if (type() != 'a') {
      return null;
    }
    int vs = valueStart();
    int colon = Lex.indexOf(b, vs, contentEnd, ':');
    return Lex.str(b, vs, colon < 0 ? contentEnd : colon);
  }

  /**
   * Whether this is an {@code a=} line with exactly this attribute name (case-sensitive, as
   * RFC 8866 attribute names are compared), without making a String of the name.
   *
   * @param name the attribute name (ASCII), e.g. {@code rtcp}
   * @return true for {@code a=name} and {@code a=name:value}
   */
  public boolean isAttribute(String name) {
    if (type() != 'a') {
      return false;
    }
    int vs = valueStart();
    int end = vs + name.length();
    if (end > contentEnd || (end < contentEnd && b[end] != ':')) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      if (b[vs + i] != name.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** For {@code a=name:value} lines: the value; {@code null} for flags or other types. */
  public String attributeValue() {
    if (type() != 'a') {
      return null;
    }
    int colon = Lex.indexOf(b, valueStart(), contentEnd, ':');
    return colon < 0 ? null : Lex.str(b, colon + 1, contentEnd);
  }

  /**
   * Splits the value at single spaces: {@code [start0, end0, start1, end1, ...]}, absolute
   * indexes, in one array sized to the fields (a line holds a handful). An empty field is refused
   * before the array is made, so a line of spaces costs no memory.
   */
  private int[] fields() throws BadSyntax {
    int vs = valueStart();
    int count = 1;
    for (int p = vs; p <= contentEnd; p++) {
      if (p == contentEnd || b[p] == ' ') {
        if (p == vs || b[p - 1] == ' ') {
          throw new BadSyntax(p, "empty field (extra space?)");
        }
        count += p < contentEnd ? 1 : 0;
      }
    }
    int[] out = new int[2 * count];
    int s = vs;
    int n = 0;
    for (int p = vs; p <= contentEnd; p++) {
      if (p == contentEnd || b[p] == ' ') {
        out[n++] = s;
        out[n++] = p;
        s = p + 1;
      }
    }
    return out;
  }

  private void check() throws BadSyntax {
    if (!hasEquals()) {
      throw new BadSyntax(start, "line is not of the form x=value");
    }
    for (int i = start; i < contentEnd; i++) {
      if (b[i] == 0 || b[i] == '\r') {
        throw new BadSyntax(i, "control character in SDP line");
      }
    }
    int vs = valueStart();
    switch (type()) {
      case 'v':
        if (!Lex.equalsIgnoreCase(b, vs, contentEnd, "0")) {
          throw new BadSyntax(vs, "unsupported SDP version");
        }
        break;
      case 'o': parseOrigin(); break; // tokenised once: kept for the typed reads that follow
      case 'c': parseConnection(); break;
      case 'm': parseMedia(); break;
      case 's': case 'i': case 'u': case 'e': case 'p':
        if (vs == contentEnd) {
          throw new BadSyntax(vs, "empty value");
        }
        break;
      case 'b': {
        int colon = Lex.indexOf(b, vs, contentEnd, ':');
        if (colon <= vs || Lex.skipToken(b, vs, colon) != colon
            || Lex.parseUnsigned(b, colon + 1, contentEnd, Long.MAX_VALUE) < 0) {
          throw new BadSyntax(vs, "expected bwtype:bandwidth");
        }
        break;
      }
      case 't': {
        int[] f = fields();
        if (f.length != 4 || Lex.parseUnsigned(b, f[0], f[1], Long.MAX_VALUE) < 0
            || Lex.parseUnsigned(b, f[2], f[3], Long.MAX_VALUE) < 0) {
          throw new BadSyntax(vs, "expected two decimal times");
        }
        break;
      }
      case 'r': case 'z':
        int[] f = fields();
        for (int i = 0; i < f.length; i += 2) {
          int s = f[i] < f[i + 1] && b[f[i]] == '-' ? f[i] + 1 : f[i];
          int e = f[i + 1] > s && "dhms".indexOf(b[f[i + 1] - 1]) >= 0 ? f[i + 1] - 1 : f[i + 1];
          if (Lex.parseUnsigned(b, s, e, Long.MAX_VALUE) < 0) {
            throw new BadSyntax(f[i], "expected a time value");
          }
        }
        if (vs == contentEnd) {
          throw new BadSyntax(vs, "empty value");
        }
        break;
      case 'k': {
        int colon = Lex.indexOf(b, vs, contentEnd, ':');
        int me = colon < 0 ? contentEnd : colon;
        if (me == vs || Lex.skipToken(b, vs, me) != me) {
          throw new BadSyntax(vs, "expected a key method");
        }
        break;
      }
      case 'a': {
        int colon = Lex.indexOf(b, vs, contentEnd, ':');
        int ne = colon < 0 ? contentEnd : colon;
        if (ne == vs || Lex.skipToken(b, vs, ne) != ne) {
          throw new BadSyntax(vs, "expected an attribute name");
        }
        break;
      }
      default:
        throw new BadSyntax(start, "unknown SDP line type '" + type() + "'");
    }
  }

  private SdpConnection parseConnection() throws BadSyntax {
    if (typed instanceof SdpConnection known) {
      return known;
    }
    requireType('c');
    int[] f = fields();
    if (f.length != 6) {
      throw new BadSyntax(valueStart(), "expected nettype addrtype address");
    }
    String addrType = addrType(f[2], f[3]);
    int as = f[4];
    int ae = f[5];
    int slash = Lex.indexOf(b, as, ae, '/');
    int addrEnd = slash < 0 ? ae : slash;
    checkAddress(addrType, as, addrEnd);
    SdpConnection c = new SdpConnection(Lex.str(b, f[0], f[1]), addrType,
        Lex.str(b, as, addrEnd), slash < 0 ? "" : Lex.str(b, slash, ae), as - base, addrEnd - base);
    typed = c;
    return c;
  }

  private SdpOrigin parseOrigin() throws BadSyntax {
    if (typed instanceof SdpOrigin known) {
      return known;
    }
    requireType('o');
    int[] f = fields();
    if (f.length != 12) {
      throw new BadSyntax(valueStart(), "expected 6 fields in o=");
    }
    for (int i = 2; i <= 4; i += 2) {
      if (Lex.parseUnsigned(b, f[i], f[i + 1], Long.MAX_VALUE) < 0) {
        throw new BadSyntax(f[i], "session id and version must be decimal");
      }
    }
    String addrType = addrType(f[8], f[9]);
    checkAddress(addrType, f[10], f[11]);
    SdpOrigin o = new SdpOrigin(str(f, 0), str(f, 1), str(f, 2), str(f, 3), addrType, str(f, 5),
        f[10] - base, f[11] - base);
    typed = o;
    return o;
  }

  private SdpMedia parseMedia() throws BadSyntax {
    if (typed instanceof SdpMedia known) {
      return known;
    }
    requireType('m');
    int[] f = fields();
    if (f.length < 8) {
      throw new BadSyntax(valueStart(), "expected media port proto fmt...");
    }
    int ps = f[2];
    int pe = f[3];
    int slash = Lex.indexOf(b, ps, pe, '/');
    int portEnd = slash < 0 ? pe : slash;
    long port = Lex.parseUnsigned(b, ps, portEnd, 65535);
    long count = slash < 0 ? 1 : Lex.parseUnsigned(b, slash + 1, pe, 65535);
    if (port < 0 || count < 1) {
      throw new BadSyntax(ps, "invalid media port");
    }
    // RFC 8866 5.14: media, each part of proto and each fmt are tokens; checked so that the
    // strings handed to inspectors and their notes hold no control or other stray characters
    requireToken(f[0], f[1], "media type");
    for (int s = f[4], e; s <= f[5]; s = e + 1) {
      e = Lex.indexOf(b, s, f[5], '/');
      e = e < 0 ? f[5] : e;
      requireToken(s, e, "transport protocol");
    }
    String[] formats = new String[f.length / 2 - 3];
    for (int i = 0; i < formats.length; i++) {
      requireToken(f[6 + 2 * i], f[7 + 2 * i], "media format");
      formats[i] = str(f, 3 + i);
    }
    SdpMedia m = new SdpMedia(str(f, 0), (int) port, (int) count, str(f, 2), List.of(formats),
        ps - base, portEnd - base);
    typed = m;
    return m;
  }

  private void requireToken(int s, int e, String what) throws BadSyntax {
    int bad = Lex.skipToken(b, s, e);
    if (s == e || bad != e) {
      throw new BadSyntax(bad, "invalid " + what);
    }
  }

  private void requireType(char t) throws BadSyntax {
    if (type() != t || !hasEquals()) {
      throw new BadSyntax(start, "not an " + t + "= line");
    }
  }

  /** {@code IP4} or {@code IP6} as constants: no String is made for the common case. */
  private String addrType(int s, int e) throws BadSyntax {
    if (e - s == 3 && b[s] == 'I' && b[s + 1] == 'P') {
      if (b[s + 2] == '4') {
        return "IP4";
      }
      if (b[s + 2] == '6') {
        return "IP6";
      }
    }
    throw new BadSyntax(s, "unknown address type " + Lex.str(b, s, e));
  }

  private void checkAddress(String addrType, int s, int e) throws BadSyntax {
    if (s >= e) {
      throw new BadSyntax(s, "empty address");
    }
    boolean ip6 = addrType.equals("IP6");
    for (int i = s; i < e; i++) {
      int c = b[i];
      boolean ok = ip6 ? (Lex.hex(c) >= 0 || c == ':' || c == '.')
          : (Lex.isAlpha(c) || Lex.isDigit(c) || c == '.' || c == '-');
      if (!ok) {
        throw new BadSyntax(i, "invalid character in " + addrType + " address");
      }
    }
  }

  /** Field {@code i} of {@link #fields()} as a String. */
  private String str(int[] f, int i) {
    return Lex.str(b, f[2 * i], f[2 * i + 1]);
  }

  @Override
  public String toString() {
    return text();
  }
}
