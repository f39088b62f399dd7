package io.sipalg.parser;

import java.util.Locale;
import java.util.Map;

/** One Via value: {@code SIP/2.0/TRANSPORT sent-by *(;params)}. Immutable. */
public final class Via {
  private final String protocol;
  private final String transport;
  private final String host;
  private final int port;
  private final Params params;
  private final int offset;
  private final int sentByOffset;
  private final int sentByEnd;
  private final int end;

  private Via(String protocol, String transport, String host, int port, Params params, int offset,
      int sentByOffset, int sentByEnd, int end) {
    this.protocol = protocol;
    this.transport = transport;
    this.host = host;
    this.port = port;
    this.params = params;
    this.offset = offset;
    this.sentByOffset = sentByOffset;
    this.sentByEnd = sentByEnd;
    this.end = end;
  }

  /** Protocol name and version, e.g. {@code SIP/2.0} (whitespace removed). */
  public String protocol() {
    return protocol;
  }

  /** Transport in upper case, e.g. {@code TLS}, {@code UDP}, or an unknown token. */
  public String transport() {
    return transport;
  }

  /** The sent-by host (IPv6 references keep their brackets). */
  public String host() {
    return host;
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
    return offset;
  }

  /** Offset of the sent-by host in the message. */
  public int sentByOffset() {
    return sentByOffset;
  }

  /** Offset just past {@code host[:port]} of sent-by. */
  public int sentByEnd() {
    return sentByEnd;
  }

  /** Offset just past this value's last parameter (where a new parameter is appended). */
  public int end() {
    return end;
  }

  int[] paramSpan(String name) {
    return params.span(name);
  }

  @Override
  public String toString() {
    return protocol + "/" + transport + " " + host + (port >= 0 ? ":" + port : "") + params.asMap();
  }

  /** Internal: parses one Via value at b[p..end); stops before ','. */
  static Via parse(byte[] b, int p, int end, int base) throws BadSyntax {
    p = Lex.skipLws(b, p, end);
    int start = p;
    StringBuilder proto = new StringBuilder(8);
    int q = Lex.skipToken(b, p, end);
    if (q == p) {
      throw new BadSyntax(p, "missing protocol name");
    }
    proto.append(Lex.str(b, p, q));
    p = slash(b, q, end);
    q = Lex.skipToken(b, p, end);
    if (q == p) {
      throw new BadSyntax(p, "missing protocol version");
    }
    proto.append('/').append(Lex.str(b, p, q));
    p = slash(b, q, end);
    q = Lex.skipToken(b, p, end);
    if (q == p) {
      throw new BadSyntax(p, "missing transport");
    }
    String transport = Lex.str(b, p, q).toUpperCase(Locale.ROOT);
    p = Lex.skipLws(b, q, end);
    if (p == q) {
      throw new BadSyntax(p, "missing whitespace before sent-by");
    }
    int hs = p;
    int he = Uris.scanHost(b, p, end);
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
    Params params = new Params();
    p = Params.parse(b, pe, end, ",", params, false);
    int last = Lex.trimEnd(b, pe, p);
    return new Via(proto.toString(), transport, Lex.str(b, hs, he), port, params, start - base,
        hs - base, pe - base, last - base);
  }

  private static int slash(byte[] b, int p, int end) throws BadSyntax {
    p = Lex.skipLws(b, p, end);
    if (p >= end || b[p] != '/') {
      throw new BadSyntax(p, "expected '/' in sent-protocol");
    }
    return Lex.skipLws(b, p + 1, end);
  }
}
