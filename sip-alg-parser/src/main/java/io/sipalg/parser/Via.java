package io.sipalg.parser;

import java.util.Locale;
import java.util.Map;

/** One Via value: {@code SIP/2.0/TRANSPORT sent-by *(;params)}. Immutable. */
public final class Via {
  private final byte[] b;
  private final int[] spans; // name, version, transport, host: start/end pairs (absolute)
  private final int port;
  private final Params params;
  private final int base;
  private final int offset;
  private final int sentByEnd;
  private final int end;

  private Via(byte[] b, int[] spans, int port, Params params, int base, int offset, int sentByEnd,
      int end) {
    this.b = b;
    this.spans = spans;
    this.port = port;
    this.params = params;
    this.base = base;
    this.offset = offset;
    this.sentByEnd = sentByEnd;
    this.end = end;
  }

  /** Protocol name and version, e.g. {@code SIP/2.0} (whitespace removed). */
  public String protocol() {
    return Lex.str(b, spans[0], spans[1]) + "/" + Lex.str(b, spans[2], spans[3]);
  }

  /** Whether the protocol is {@code SIP/2.0} (case-insensitive name). */
  public boolean isSip20() {
    return Lex.equalsIgnoreCase(b, spans[0], spans[1], "SIP")
        && Lex.equalsIgnoreCase(b, spans[2], spans[3], "2.0");
  }

  /** Transport in upper case, e.g. {@code TLS}, {@code UDP}, or an unknown token. */
  public String transport() {
    return Lex.str(b, spans[4], spans[5]).toUpperCase(Locale.ROOT);
  }

  /** The sent-by host (IPv6 references keep their brackets). */
  public String host() {
    return Lex.str(b, spans[6], spans[7]);
  }

  /** The sent-by port, or -1 when absent. */
  public int port() {
    return port;
  }

  /** The {@code branch} parameter, or {@code null}. */
  public String branch() {
    return params.get("branch");
  }

  /** The {@code received} parameter, or {@code null}. */
  public String received() {
    return params.get("received");
  }

  /** Whether an {@code rport} parameter is present (with or without a value). */
  public boolean hasRport() {
    return params.has("rport");
  }

  /** The {@code rport} value, -1 when absent or empty (a request asking for it). */
  public int rport() {
    String v = params.get("rport");
    if (v == null || v.isEmpty()) {
      return -1;
    }
    byte[] b = Lex.ascii(v);
    return (int) Lex.parseUnsigned(b, 0, b.length, 65535);
  }

  /** A parameter's value ({@code ""} for a flag), or {@code null}. */
  public String param(String name) {
    return params.get(name);
  }

  /** All parameters, names lower-cased, in order. */
  public Map<String, String> params() {
    return params.asMap();
  }

  /** Offset of this value in the message. */
  public int offset() {
    return offset - base;
  }

  /** Offset of the sent-by host in the message. */
  public int sentByOffset() {
    return spans[6] - base;
  }

  /** Offset just past {@code host[:port]} of sent-by. */
  public int sentByEnd() {
    return sentByEnd - base;
  }

  /** Offset just past this value's last parameter (where a new parameter is appended). */
  public int end() {
    return end - base;
  }

  int[] paramSpan(String name) {
    return params.span(name);
  }

  @Override
  public String toString() {
    return protocol() + "/" + transport() + " " + host() + (port >= 0 ? ":" + port : "")
        + params.asMap();
  }

  /** Internal: parses one Via value at b[p..end); stops before ','. */
  static Via parse(byte[] b, int p, int end, int base) throws BadSyntax {
    p = Lex.skipLws(b, p, end);
    int start = p;
    int[] spans = new int[8];
    int q = Lex.skipToken(b, p, end);
    if (q == p) {
      throw new BadSyntax(p, "missing protocol name");
    }
    spans[0] = p;
    spans[1] = q;
    p = slash(b, q, end);
    q = Lex.skipToken(b, p, end);
    if (q == p) {
      throw new BadSyntax(p, "missing protocol version");
    }
    spans[2] = p;
    spans[3] = q;
    p = slash(b, q, end);
    q = Lex.skipToken(b, p, end);
    if (q == p) {
      throw new BadSyntax(p, "missing transport");
    }
    spans[4] = p;
    spans[5] = q;
    p = Lex.skipLws(b, q, end);
    if (p == q) {
      throw new BadSyntax(p, "missing whitespace before sent-by");
    }
    int hs = p;
    int he = Uris.scanHost(b, p, end);
    spans[6] = hs;
    spans[7] = he;
    int pe = he;
    int port = -1;
    int k = Lex.skipLws(b, he, end);
    if (k < end && b[k] == ':') {
      int ds = Lex.skipLws(b, k + 1, end);
      int de = ds;
      while (de < end && Lex.isDigit(b[de])) {
        de++;
      }
      port = (int) Lex.parseUnsigned(b, ds, de, 65535);
      if (port < 0) {
        throw new BadSyntax(ds, "invalid sent-by port");
      }
      pe = de;
    }
    Params params = new Params(b, false);
    p = Params.parse(b, pe, end, ",", params);
    int last = Lex.trimEnd(b, pe, p);
    return new Via(b, spans, port, params, base, start, pe, last);
  }

  private static int slash(byte[] b, int p, int end) throws BadSyntax {
    p = Lex.skipLws(b, p, end);
    if (p >= end || b[p] != '/') {
      throw new BadSyntax(p, "expected '/' in sent-protocol");
    }
    return Lex.skipLws(b, p + 1, end);
  }
}
