package io.sipalg.parser;

import java.util.Locale;
import java.util.Map;

/** One Via value: {@code SIP/2.0/TRANSPORT sent-by *(;params)}. Immutable. */
public final class Via {
  private static final String[] TRANSPORTS = {"TLS", "TCP", "UDP", "WSS", "WS", "SCTP"};

  private final byte[] b;
  // sent-protocol and sent-by spans, absolute
  private final int nameStart;
  private final int nameEnd;
  private final int versionStart;
  private final int versionEnd;
  private final int transportStart;
  private final int transportEnd;
  private final int hostStart;
  private final int hostEnd;
  private final int port;
  private final Params params;
  private final int base;
  private final int offset;
  private final int sentByEnd;
  private final int end;
  private String branch;

  private Via(byte[] b, int nameStart, int nameEnd, int versionStart, int versionEnd,
      int transportStart, int transportEnd, int hostStart, int hostEnd, int port, Params params,
      int base, int offset, int sentByEnd, int end) {
    this.b = b;
    this.nameStart = nameStart;
    this.nameEnd = nameEnd;
    this.versionStart = versionStart;
    this.versionEnd = versionEnd;
    this.transportStart = transportStart;
    this.transportEnd = transportEnd;
    this.hostStart = hostStart;
    this.hostEnd = hostEnd;
    this.port = port;
    this.params = params;
    this.base = base;
    this.offset = offset;
    this.sentByEnd = sentByEnd;
    this.end = end;
  }

  /** Protocol name and version, e.g. {@code SIP/2.0} (whitespace removed). */
  public String protocol() {
    return Lex.str(b, nameStart, nameEnd) + "/" + Lex.str(b, versionStart, versionEnd);
  }

  /** Whether the protocol is {@code SIP/2.0} (case-insensitive name). */
  public boolean isSip20() {
    return Lex.equalsIgnoreCase(b, nameStart, nameEnd, "SIP")
        && Lex.equalsIgnoreCase(b, versionStart, versionEnd, "2.0");
  }

  /** Transport in upper case, e.g. {@code TLS}, {@code UDP}, or an unknown token. */
  public String transport() {
    for (String known : TRANSPORTS) { // the registered ones without a new String per call
      if (Lex.equalsIgnoreCase(b, transportStart, transportEnd, known)) {
        return known;
      }
    }
    return Lex.str(b, transportStart, transportEnd).toUpperCase(Locale.ROOT);
  }

  /** The sent-by host (IPv6 references keep their brackets). */
  public String host() {
    return Lex.str(b, hostStart, hostEnd);
  }

  /** The sent-by port, or -1 when absent. */
  public int port() {
    return port;
  }

  /** The {@code branch} parameter, or {@code null}. */
  public String branch() {
    String known = branch; // dialogs, transactions and checks all ask for it: one String
    if (known == null) {
      known = params.get("branch");
      branch = known;
    }
    return known;
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
    return hostStart - base;
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
    int ns = p;
    int ne = Lex.skipToken(b, p, end);
    if (ne == ns) {
      throw new BadSyntax(p, "missing protocol name");
    }
    int vs = slash(b, ne, end);
    int ve = Lex.skipToken(b, vs, end);
    if (ve == vs) {
      throw new BadSyntax(vs, "missing protocol version");
    }
    int ts = slash(b, ve, end);
    int te = Lex.skipToken(b, ts, end);
    if (te == ts) {
      throw new BadSyntax(ts, "missing transport");
    }
    int hs = Lex.skipLws(b, te, end);
    if (hs == te) {
      throw new BadSyntax(hs, "missing whitespace before sent-by");
    }
    int he = Uris.scanHost(b, hs, end);
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
    Params params = Params.parse(b, pe, end, (byte) ',', false, "branch");
    int last = Lex.trimEnd(b, pe, params.end());
    return new Via(b, ns, ne, vs, ve, ts, te, hs, he, port, params, base, start, pe, last);
  }

  private static int slash(byte[] b, int p, int end) throws BadSyntax {
    p = Lex.skipLws(b, p, end);
    if (p >= end || b[p] != '/') {
      throw new BadSyntax(p, "expected '/' in sent-protocol");
    }
    return Lex.skipLws(b, p + 1, end);
  }
}
