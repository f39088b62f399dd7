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
 */
public final class ResponseBuilder {
  private final SipMessage request;
  private int status = 400;
  private String reason;
  private String toTag;
  private final List<String[]> extra = new ArrayList<>(2);
  private byte[] body = new byte[0];
  private String contentType;

  private ResponseBuilder(SipMessage request) {
    this.request = request;
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
    return new ResponseBuilder(request);
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
   * @param name header name
   * @param value header value without CR/LF
   * @return this builder
   */
  public ResponseBuilder header(String name, String value) {
    if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || name.isEmpty()) {
      throw new IllegalArgumentException("invalid header " + name);
    }
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
    for (SipHeader via : request.headers(HeaderNames.VIA)) {
      copy(out, via);
    }
    SipHeader from = request.header(HeaderNames.FROM);
    if (from != null) {
      copy(out, from);
    }
    SipHeader to = request.header(HeaderNames.TO);
    if (to != null) {
      writeTo(out, to);
    }
    for (String name : new String[] {HeaderNames.CALL_ID, HeaderNames.CSEQ}) {
      SipHeader hdr = request.header(name);
      if (hdr != null) {
        copy(out, hdr);
      }
    }
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

  private void writeTo(ByteArrayOutputStream out, SipHeader to) {
    boolean hasTag;
    try {
      hasTag = request.to().tag() != null;
    } catch (MalformedHeaderException e) {
      hasTag = true; // cannot place a tag safely in a malformed To; copy it as received
    }
    if (hasTag || status == 100) {
      copy(out, to);
      return;
    }
    String tag = toTag != null ? toTag
        : Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    byte[] b = request.array();
    int s = request.offset() + to.offset();
    int ve = request.offset() + to.valueEnd();
    out.write(b, s, ve - s);
    write(out, ";tag=" + tag + "\r\n");
  }

  private void copy(ByteArrayOutputStream out, SipHeader h) {
    byte[] b = request.array();
    int s = request.offset() + h.offset();
    int e = request.offset() + h.end();
    out.write(b, s, e - s);
    if (e == s || b[e - 1] != '\n') {
      write(out, "\r\n");
    }
  }

  private static void write(ByteArrayOutputStream out, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    out.write(bytes, 0, bytes.length);
  }
}
