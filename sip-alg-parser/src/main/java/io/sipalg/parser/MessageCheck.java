package io.sipalg.parser;

import java.util.List;

/**
 * The verdict behind {@code sip-alg.jar parse FILE}: one message in wire form in, one line out:
 * {@code OK request METHOD}, {@code OK response CODE} or {@code INVALID <reason>}, where the reason
 * names the header or line. Stream framing rules apply (a file is one message on a stream):
 * {@code Content-Length} must be present, well-formed and equal to the bytes after the header
 * section (no trailing bytes); then the start line, every well-known header and the message-level
 * rules of {@link SipMessage#validate()} are checked.
 */
public final class MessageCheck {
  private MessageCheck() {}

  /**
   * Checks one file's bytes.
   *
   * @param bytes the whole file
   * @return the verdict line, without the {@code FILE: } prefix
   */
  public static String verdict(byte[] bytes) {
    if (bytes.length == 0) {
      return "INVALID empty file";
    }
    SipLimits limits = SipLimits.builder().maxBodyBytes(Math.max(1, bytes.length))
        .maxHeaderSectionBytes(Math.max(1, bytes.length))
        .maxLineLength(Math.max(1, bytes.length)).maxHeaderCount(Math.max(1, bytes.length)).build();
    SipFramer framer = new SipFramer(limits);
    framer.feed(bytes, 0, bytes.length);
    SipFrame frame;
    try {
      frame = framer.next();
      while (frame != null && !frame.isMessage()) {
        frame = framer.next();
      }
    } catch (FramingException e) {
      if (e.reason() == FramingException.Reason.BODY_TOO_LARGE) {
        return incomplete(bytes); // more body announced than the file holds
      }
      return "INVALID framing: " + describe(e);
    }
    if (frame == null) {
      return incomplete(bytes);
    }
    int trailing = bytes.length - (frame.offset() + frame.length());
    SipMessage msg;
    try {
      msg = frame.parse();
    } catch (SipParseException e) {
      return "INVALID start line: " + e.getMessage();
    }
    List<Violation> violations = msg.validate();
    if (!violations.isEmpty()) {
      return "INVALID " + violations.get(0).detail();
    }
    if (trailing > 0) {
      return "INVALID " + trailing + " trailing bytes after the body (Content-Length "
          + (frame.length() - msg.bodyOffset()) + ")";
    }
    return msg.isRequest() ? "OK request " + msg.method() : "OK response " + msg.statusCode();
  }

  /**
   * Whether a verdict line is OK.
   *
   * @param verdict a line from {@link #verdict(byte[])}
   * @return true for {@code OK ...}
   */
  public static boolean isOk(String verdict) {
    return verdict.startsWith("OK ");
  }

  private static String describe(FramingException e) {
    switch (e.reason()) {
      case CONTENT_LENGTH_MISSING: return "missing Content-Length header";
      case CONTENT_LENGTH_MULTIPLE: return "malformed Content-Length header: " + e.detail();
      case CONTENT_LENGTH_NEGATIVE: return "malformed Content-Length header: negative "
          + e.detail();
      case CONTENT_LENGTH_NOT_NUMERIC: return "malformed Content-Length header: non-numeric "
          + e.detail();
      case CONTENT_LENGTH_OVERFLOW: return "malformed Content-Length header: overflowing "
          + e.detail();
      default: return e.getMessage();
    }
  }

  private static String incomplete(byte[] bytes) {
    try {
      SipMessage m = SipMessage.parse(bytes);
      if (!m.headerSectionTerminated()) {
        return "INVALID header section not terminated by an empty line";
      }
      long cl = m.contentLength();
      return "INVALID Content-Length " + cl + " larger than the " + m.bodyLength()
          + " body bytes present";
    } catch (SipParseException e) {
      return "INVALID start line: " + e.getMessage();
    } catch (MalformedHeaderException e) {
      return "INVALID " + e.error();
    }
  }
}
