package io.sipalg.parser;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds a response to a request as RFC 3261 8.2.6 says: every Via (in order, bytes as received),
 * From, To (with a tag added when the request's To has none and the status is not 100), Call-ID
 * and CSeq copied; extra headers; then {@code Content-Length}.
 *
 * <pre>{@code
 * byte[] r = ResponseBuilder.to(request).status(403).header("Warning", "399 alg \"blocked\"").build();
 * }</pre>
 *
 * <p>A request whose start line does not parse can still be answered (e.g. {@code 400 Bad Request}
 * for a malformed request line) with {@link #toUnparseable(byte[], int, int)}, which copies the same
 * header lines from the raw header section.
 */
public final class ResponseBuilder {
  /** Where the copied lines come from: absolute spans over {@code src}, each with its line end. */
  private final byte[] src;
  private final List<int[]> vias;
  private final int[] from;
  private final int[] to;
  /** End of the To value (before trailing whitespace and the line end), where a tag goes. */
  private final int toValueEnd;
  private final boolean toHasTag;
  private final int[] callId;
  private final int[] cseq;
  private int status = 400;
  private String reason;
  private String toTag;
  private final List<String[]> extra = new ArrayList<>(2);
  private byte[] body = new byte[0];
  private String contentType;

  private ResponseBuilder(byte[] src, List<int[]> vias, int[] from, int[] to, int toValueEnd,
      boolean toHasTag, int[] callId, int[] cseq) {
    this.src = src;
    this.vias = vias;
    this.from = from;
    this.to = to;
    this.toValueEnd = toValueEnd;
    this.toHasTag = toHasTag;
    this.callId = callId;
    this.cseq = cseq;
  }

  /**
   * Starts a response to a request.
   *
   * @param request the request (must be a request)
   * @return a builder defaulting to 400
   */
  public static ResponseBuilder to(SipMessage request) {
    if (!request.isRequest()) {
      throw new IllegalArgumentException("not a request: " + request.startLine());
    }
    List<int[]> vias = new ArrayList<>(2);
    for (SipHeader via : request.headers(HeaderNames.VIA)) {
      vias.add(span(request, via));
    }
    SipHeader to = request.header(HeaderNames.TO);
    boolean hasTag;
    try {
      NameAddress parsed = request.to();
      hasTag = parsed != null && parsed.tag() != null;
    } catch (MalformedHeaderException e) {
      hasTag = true; // cannot place a tag safely in a malformed To; copy it as received
    }
    return new ResponseBuilder(request.array(), vias, span(request, request.header(HeaderNames.FROM)),
        span(request, to), to == null ? -1 : request.offset() + to.valueEnd(), hasTag,
        span(request, request.header(HeaderNames.CALL_ID)),
        span(request, request.header(HeaderNames.CSEQ)));
  }

  /**
   * Starts a response to a request whose start line did not parse ({@link SipParseException}),
   * e.g. to answer {@code 400 Bad Request (malformed request line)}. The Via, From, To, Call-ID and
   * CSeq lines are copied from the raw header section (long or compact names, folded lines kept,
   * a tag added to a To without one); nothing else of the message is interpreted.
   *
   * @param bytes the array holding the whole message (as framed)
   * @param offset first byte of the message
   * @param length message length
   * @return a builder defaulting to 400
   * @throws UnanswerableMessageException when Via, From, To, Call-ID or CSeq is missing, one of
   *     those lines holds a bare CR, or the message looks like a response ({@code SIP/} start) or
   *     an ACK (CSeq method), which are never answered
   */
  public static ResponseBuilder toUnparseable(byte[] bytes, int offset, int length)
      throws UnanswerableMessageException {
    if (offset < 0 || length < 0 || offset + length > bytes.length) {
      throw new IndexOutOfBoundsException("offset " + offset + " length " + length);
    }
    return RawHeaders.scan(bytes, offset, offset + length).builder();
  }

  private static int[] span(SipMessage request, SipHeader h) {
    return h == null ? null
        : new int[] {request.offset() + h.offset(), request.offset() + h.end()};
  }

  /** The header lines a response copies, found in a raw header section. */
  private static final class RawHeaders {
    private final byte[] b;
    private final List<int[]> vias = new ArrayList<>(2);
    private int[] from;
    private int[] to;
    private int[] callId;
    private int[] cseq;

    private RawHeaders(byte[] b) {
      this.b = b;
    }

    static RawHeaders scan(byte[] b, int start, int end) throws UnanswerableMessageException {
      if (end - start >= 4 && Lex.equalsIgnoreCase(b, start, start + 4, "SIP/")) {
        throw new UnanswerableMessageException("looks like a response: responses are never answered");
      }
      RawHeaders h = new RawHeaders(b);
      int p = lineEnd(b, start, end); // skip the broken start line
      while (p < end) {
        int le = lineEnd(b, p, end);
        if (Lex.trimEnd(b, p, le) == p && le - p <= 2) {
          break; // the empty line: the body follows, and nothing in it is a header
        }
        while (le < end && (b[le] == ' ' || b[le] == '\t')) {
          le = lineEnd(b, le, end); // continuation lines belong to this field
        }
        h.field(p, le);
        p = le;
      }
      return h;
    }

    private static int lineEnd(byte[] b, int p, int end) {
      int nl = Lex.indexOf(b, p, end, '\n');
      return nl < 0 ? end : nl + 1;
    }

    private void field(int s, int e) throws UnanswerableMessageException {
      int colon = Lex.indexOf(b, s, e, ':');
      if (colon < 0) {
        return; // not a header field; nothing to copy from it
      }
      String name = HeaderNames.canonical(Lex.str(b, s, Lex.trimEnd(b, s, colon)));
      int[] span = {s, e};
      switch (name) {
        case HeaderNames.VIA -> vias.add(checked(name, span));
        case HeaderNames.FROM -> from = from == null ? checked(name, span) : from;
        case HeaderNames.TO -> to = to == null ? checked(name, span) : to;
        case HeaderNames.CALL_ID -> callId = callId == null ? checked(name, span) : callId;
        case HeaderNames.CSEQ -> cseq = cseq == null ? checked(name, span) : cseq;
        default -> { }
      }
    }

    /** A copied line must not smuggle a line break the receiver might read as another header. */
    private int[] checked(String name, int[] span) throws UnanswerableMessageException {
      for (int i = span[0]; i < span[1]; i++) {
        if (b[i] == '\r' && (i + 1 >= span[1] || b[i + 1] != '\n')) {
          throw new UnanswerableMessageException(name + " header line holds a bare CR");
        }
      }
      return span;
    }

    private int valueStart(int[] span) {
      return Lex.skipLws(b, Lex.indexOf(b, span[0], span[1], ':') + 1, span[1]);
    }

    ResponseBuilder builder() throws UnanswerableMessageException {
      String missing = vias.isEmpty() ? HeaderNames.VIA : from == null ? HeaderNames.FROM
          : to == null ? HeaderNames.TO : callId == null ? HeaderNames.CALL_ID
          : cseq == null ? HeaderNames.CSEQ : null;
      if (missing != null) {
        throw new UnanswerableMessageException("no " + missing + " header to copy into a response");
      }
      int cs = valueStart(cseq);
      String cseqText = Lex.unfold(b, cs, Lex.trimEnd(b, cs, cseq[1])).trim();
      int sp = Math.max(cseqText.lastIndexOf(' '), cseqText.lastIndexOf('\t'));
      if (cseqText.substring(sp + 1).equals("ACK")) {
        throw new UnanswerableMessageException("looks like an ACK (CSeq " + cseqText
            + "): an ACK is never answered");
      }
      int vs = valueStart(to);
      int ve = Lex.trimEnd(b, vs, to[1]);
      boolean hasTag;
      try {
        hasTag = NameAddress.parse(b, vs, ve, 0, false, false).tag() != null;
      } catch (BadSyntax | RuntimeException e) {
        hasTag = true; // a To that does not parse is copied as received
      }
      return new ResponseBuilder(b, vias, from, to, ve, hasTag, callId, cseq);
    }
  }

  /**
   * Sets the status code.
   *
   * @param code 100..699
   * @return this builder
   */
  public ResponseBuilder status(int code) {
    if (code < 100 || code > 699) {
      throw new IllegalArgumentException("status code outside 100-699: " + code);
    }
    this.status = code;
    return this;
  }

  /**
   * Sets the reason phrase (default: the RFC 3261 phrase for the code).
   *
   * @param phrase reason phrase without CR/LF
   * @return this builder
   */
  public ResponseBuilder reason(String phrase) {
    if (phrase.indexOf('\r') >= 0 || phrase.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("reason phrase must not contain CR or LF");
    }
    this.reason = phrase;
    return this;
  }

  /**
   * Sets the To tag to add when the request has none (default: random).
   *
   * @param tag the tag
   * @return this builder
   */
  public ResponseBuilder toTag(String tag) {
    this.toTag = tag;
    return this;
  }

  /**
   * Adds a header after the copied ones.
   *
   * @param name header name (a token)
   * @param value header value without CR/LF
   * @return this builder
   * @throws IllegalArgumentException when the name is not a token or the value holds CR or LF
   */
  public ResponseBuilder header(String name, String value) {
    SipEditor.checkHeaderText(name, value);
    extra.add(new String[] {name, value});
    return this;
  }

  /**
   * Sets a body.
   *
   * @param type Content-Type value
   * @param bytes the body (copied)
   * @return this builder
   */
  public ResponseBuilder body(String type, byte[] bytes) {
    this.contentType = type;
    this.body = bytes.clone();
    return this;
  }

  /**
   * Builds the response bytes.
   *
   * @return the wire form
   */
  public byte[] build() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + body.length);
    write(out, "SIP/2.0 " + status + " " + (reason != null ? reason : ReasonPhrases.of(status))
        + "\r\n");
    for (int[] via : vias) {
      copy(out, via);
    }
    copy(out, from);
    if (to != null) {
      writeTo(out);
    }
    copy(out, callId);
    copy(out, cseq);
    for (String[] h : extra) {
      write(out, h[0] + ": " + h[1] + "\r\n");
    }
    if (contentType != null) {
      write(out, "Content-Type: " + contentType + "\r\n");
    }
    write(out, "Content-Length: " + body.length + "\r\n\r\n");
    out.write(body, 0, body.length);
    return out.toByteArray();
  }

  /**
   * Builds and parses the response.
   *
   * @return the response message
   */
  public SipMessage buildMessage() {
    try {
      return SipMessage.parse(build());
    } catch (SipParseException e) {
      throw new IllegalStateException("built response does not parse", e);
    }
  }

  private void writeTo(ByteArrayOutputStream out) {
    if (toHasTag || status == 100) {
      copy(out, to);
      return;
    }
    String tag = toTag != null ? toTag
        : Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    writeSafely(out, to[0], toValueEnd);
    write(out, ";tag=" + tag + "\r\n");
  }

  private void copy(ByteArrayOutputStream out, int[] span) {
    if (span == null) {
      return;
    }
    writeSafely(out, span[0], span[1]);
    if (span[1] == span[0] || src[span[1] - 1] != '\n') {
      write(out, "\r\n");
    }
  }

  /**
   * Copies request bytes with each bare CR and NUL as SP: a request may be answered because a
   * copied line is malformed (a bare CR in From), and the phone must not read a line the ALG
   * did not write (see {@link SipEditor#replaceUnsafeControls()}).
   */
  private void writeSafely(ByteArrayOutputStream out, int start, int end) {
    int p = start;
    for (int bad = Lex.indexOfUnsafeControl(src, p, end); bad >= 0;
        bad = Lex.indexOfUnsafeControl(src, p, end)) {
      out.write(src, p, bad - p);
      out.write(' ');
      p = bad + 1;
    }
    out.write(src, p, end - p);
  }

  private static void write(ByteArrayOutputStream out, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    out.write(bytes, 0, bytes.length);
  }
}
