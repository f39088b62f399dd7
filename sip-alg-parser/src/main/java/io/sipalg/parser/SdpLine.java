package io.sipalg.parser;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code x=value} line of an {@link Sdp}. {@link #error()} validates it for its type (v, o, s,
 * i, u, e, p, c, b, z, k, a, t, r, m); typed accessors tokenise {@code c=}, {@code o=} and
 * {@code m=} lines.
 */
public final class SdpLine {
  private final byte[] b;
  private final int base;
  private final int start;
  private final int contentEnd;
  private final int lineEnd;
  private final int media;
  private final int index;

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

  /** Splits the value at single spaces into [start, end) pairs; absolute indexes. */
  private List<int[]> fields() throws BadSyntax {
    List<int[]> out = new ArrayList<>(6);
    int p = valueStart();
    int s = p;
    while (p <= contentEnd) {
      if (p == contentEnd || b[p] == ' ') {
        if (p == s) {
          throw new BadSyntax(p, "empty field (extra space?)");
        }
        out.add(new int[] {s, p});
        s = p + 1;
      }
      p++;
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
      case 'o': parseOrigin(); break;
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
        List<int[]> f = fields();
        if (f.size() != 2 || Lex.parseUnsigned(b, f.get(0)[0], f.get(0)[1], Long.MAX_VALUE) < 0
            || Lex.parseUnsigned(b, f.get(1)[0], f.get(1)[1], Long.MAX_VALUE) < 0) {
          throw new BadSyntax(vs, "expected two decimal times");
        }
        break;
      }
      case 'r': case 'z':
        for (int[] f : fields()) {
          int s = f[0] < f[1] && b[f[0]] == '-' ? f[0] + 1 : f[0];
          int e = f[1] > s && "dhms".indexOf(b[f[1] - 1]) >= 0 ? f[1] - 1 : f[1];
          if (Lex.parseUnsigned(b, s, e, Long.MAX_VALUE) < 0) {
            throw new BadSyntax(f[0], "expected a time value");
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
    requireType('c');
    List<int[]> f = fields();
    if (f.size() != 3) {
      throw new BadSyntax(valueStart(), "expected nettype addrtype address");
    }
    String addrType = addrType(f.get(1));
    int as = f.get(2)[0];
    int ae = f.get(2)[1];
    int slash = Lex.indexOf(b, as, ae, '/');
    int addrEnd = slash < 0 ? ae : slash;
    checkAddress(addrType, as, addrEnd);
    return new SdpConnection(Lex.str(b, f.get(0)[0], f.get(0)[1]), addrType,
        Lex.str(b, as, addrEnd), slash < 0 ? "" : Lex.str(b, slash, ae), as - base, addrEnd - base);
  }

  private SdpOrigin parseOrigin() throws BadSyntax {
    requireType('o');
    List<int[]> f = fields();
    if (f.size() != 6) {
      throw new BadSyntax(valueStart(), "expected 6 fields in o=");
    }
    for (int i = 1; i <= 2; i++) {
      if (Lex.parseUnsigned(b, f.get(i)[0], f.get(i)[1], Long.MAX_VALUE) < 0) {
        throw new BadSyntax(f.get(i)[0], "session id and version must be decimal");
      }
    }
    String addrType = addrType(f.get(4));
    checkAddress(addrType, f.get(5)[0], f.get(5)[1]);
    return new SdpOrigin(str(f.get(0)), str(f.get(1)), str(f.get(2)), str(f.get(3)), addrType,
        str(f.get(5)), f.get(5)[0] - base, f.get(5)[1] - base);
  }

  private SdpMedia parseMedia() throws BadSyntax {
    requireType('m');
    List<int[]> f = fields();
    if (f.size() < 4) {
      throw new BadSyntax(valueStart(), "expected media port proto fmt...");
    }
    int ps = f.get(1)[0];
    int pe = f.get(1)[1];
    int slash = Lex.indexOf(b, ps, pe, '/');
    int portEnd = slash < 0 ? pe : slash;
    long port = Lex.parseUnsigned(b, ps, portEnd, 65535);
    long count = slash < 0 ? 1 : Lex.parseUnsigned(b, slash + 1, pe, 65535);
    if (port < 0 || count < 1) {
      throw new BadSyntax(ps, "invalid media port");
    }
    // RFC 8866 5.14: media, each part of proto and each fmt are tokens; checked so that the
    // strings handed to inspectors and their notes hold no control or other stray characters
    requireToken(f.get(0), "media type");
    int[] proto = f.get(2);
    for (int s = proto[0], e; s <= proto[1]; s = e + 1) {
      e = Lex.indexOf(b, s, proto[1], '/');
      e = e < 0 ? proto[1] : e;
      requireToken(new int[] {s, e}, "transport protocol");
    }
    List<String> formats = new ArrayList<>(f.size() - 3);
    for (int i = 3; i < f.size(); i++) {
      requireToken(f.get(i), "media format");
      formats.add(str(f.get(i)));
    }
    return new SdpMedia(str(f.get(0)), (int) port, (int) count, str(f.get(2)),
        List.copyOf(formats), ps - base, portEnd - base);
  }

  private void requireToken(int[] f, String what) throws BadSyntax {
    int bad = Lex.skipToken(b, f[0], f[1]);
    if (f[0] == f[1] || bad != f[1]) {
      throw new BadSyntax(bad, "invalid " + what);
    }
  }

  private void requireType(char t) throws BadSyntax {
    if (type() != t || !hasEquals()) {
      throw new BadSyntax(start, "not an " + t + "= line");
    }
  }

  private String addrType(int[] f) throws BadSyntax {
    String t = str(f);
    if (!t.equals("IP4") && !t.equals("IP6")) {
      throw new BadSyntax(f[0], "unknown address type " + t);
    }
    return t;
  }

  private void checkAddress(String addrType, int s, int e) throws BadSyntax {
    if (s >= e) {
      throw new BadSyntax(s, "empty address");
    }
    for (int i = s; i < e; i++) {
      int c = b[i];
      boolean ok = addrType.equals("IP6") ? (Lex.hex(c) >= 0 || c == ':' || c == '.')
          : (Lex.isAlpha(c) || Lex.isDigit(c) || c == '.' || c == '-');
      if (!ok) {
        throw new BadSyntax(i, "invalid character in " + addrType + " address");
      }
    }
  }

  private String str(int[] f) {
    return Lex.str(b, f[0], f[1]);
  }

  @Override
  public String toString() {
    return text();
  }
}
