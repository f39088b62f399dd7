package io.sipalg.parser;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Records edits over a {@link SipMessage} and applies them by splicing when serialising: every byte
 * outside an edited span is copied unchanged, and an editor with no edits serialises to the
 * original bytes without copying. {@code Content-Length} is rewritten (or added) automatically when
 * the body is replaced. Offsets are message offsets as reported by the typed values.
 *
 * <pre>{@code
 * SipEditor ed = msg.edit();
 * Via top = msg.topVia();
 * ed.setViaParam(top, "received", "198.51.100.7").setViaParam(top, "rport", "5061");
 * ed.setUriHostPort(msg.contacts().get(0).uri(), "203.0.113.9", 5061);
 * ByteBuffer out = ed.toByteBuffer();
 * }</pre>
 *
 * <p>Edits must not overlap (an {@link IllegalStateException} is thrown at serialisation);
 * insertions at the same offset keep the order they were recorded in.
 */
public final class SipEditor {
  private final SipMessage m;
  /** Grown on the first edit: most messages are asked for an editor and never edited. */
  private final List<Edit> edits = new ArrayList<>();
  private byte[] newBody;
  private int seq;
  /** What serialising does with the edits so far; null after each new edit. */
  private Plan plan;

  SipEditor(SipMessage message) {
    this.m = message;
  }

  private record Edit(int start, int end, byte[] text, int seq) {}

  /** By position; edits at one position in the order they were made. */
  private static final Comparator<Edit> IN_MESSAGE_ORDER =
      Comparator.comparingInt(Edit::start).thenComparingInt(Edit::seq);

  /** The message being edited. */
  public SipMessage message() {
    return m;
  }

  /** Whether any edit has been recorded. */
  public boolean isModified() {
    return !edits.isEmpty() || newBody != null;
  }

  /**
   * Replaces the message bytes {@code [offset, end)} with {@code text} (UTF-8); an empty span is an
   * insertion.
   *
   * @param offset first message offset replaced
   * @param end message offset after the last byte replaced
   * @param text replacement
   * @return this editor
   */
  public SipEditor replace(int offset, int end, String text) {
    if (offset < 0 || end < offset || end > m.bodyOffset()) {
      throw new IndexOutOfBoundsException("span [" + offset + ", " + end + ") outside the headers");
    }
    edits.add(new Edit(m.offset() + offset, m.offset() + end, Lex.ascii(text), seq++));
    plan = null;
    return this;
  }

  /**
   * Replaces a header's value (folded lines included); the name and line ending are kept.
   *
   * @param header a header of this message
   * @param value new value
   * @return this editor
   */
  public SipEditor setHeaderValue(SipHeader header, String value) {
    return replace(header.valueOffset(), header.valueEnd(), value);
  }

  /**
   * Removes a header field with its line ending and continuation lines.
   *
   * @param header a header of this message
   * @return this editor
   */
  public SipEditor removeHeader(SipHeader header) {
    return replace(header.offset(), header.end(), "");
  }

  /**
   * Removes every field with a name.
   *
   * @param name long or compact name
   * @return this editor
   */
  public SipEditor removeHeaders(String name) {
    for (SipHeader header : m.headers(name)) {
      removeHeader(header);
    }
    return this;
  }

  /**
   * Appends a header field at the end of the header section.
   *
   * @param name header name
   * @param value header value
   * @return this editor
   */
  public SipEditor addHeader(String name, String value) {
    checkHeaderText(name, value);
    int at = m.absHeadersEnd() - m.offset();
    return replace(at, at, tailPrefix() + name + ": " + value + "\r\n");
  }

  /**
   * Inserts a header field right before another one (e.g. a new top Via before the first Via).
   *
   * @param before a header of this message
   * @param name header name
   * @param value header value
   * @return this editor
   */
  public SipEditor addHeaderBefore(SipHeader before, String name, String value) {
    checkHeaderText(name, value);
    return replace(before.offset(), before.offset(), name + ": " + value + "\r\n");
  }

  /**
   * Inserts a header field as the first header (right after the start line).
   *
   * @param name header name
   * @param value header value
   * @return this editor
   */
  public SipEditor addHeaderFirst(String name, String value) {
    checkHeaderText(name, value);
    int at = m.headersStart() - m.offset();
    return replace(at, at, name + ": " + value + "\r\n");
  }

  static void checkHeaderText(String name, String value) {
    byte[] n = Lex.ascii(name);
    if (n.length == 0 || Lex.skipToken(n, 0, n.length) != n.length) {
      throw new IllegalArgumentException("invalid header name: " + name);
    }
    if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("header value must not contain CR or LF");
    }
  }

  /**
   * Rewrites {@code host[:port]} of a URI parsed from this message (Request-URI, Contact, From,
   * To, Route, Record-Route, ...).
   *
   * @param uri a SIP URI of this message
   * @param host new host (IPv6 references with brackets)
   * @param port new port, or -1 to write no port
   * @return this editor
   */
  public SipEditor setUriHostPort(SipUri uri, String host, int port) {
    if (uri.hostOffset() < 0) {
      throw new IllegalArgumentException("URI has no host span in this message: " + uri);
    }
    return replace(uri.hostOffset(), uri.hostPortEnd(), hostPort(host, port));
  }

  /**
   * Sets a parameter of a SIP URI parsed from this message (Request-URI, Contact, From, To, Route,
   * ...): replaces its {@code ;name[=value]} where present, otherwise appends it after the URI's
   * last parameter (before any {@code ?headers}). Inside a name-addr the URI parameters are those
   * within the angle brackets; header parameters such as {@code ;tag} are not touched. A URI
   * written without angle brackets in a header (e.g. {@code Contact: sip:a@10.0.0.5;expires=60})
   * gets them, since a parameter after it would otherwise belong to the header.
   *
   * @param uri a SIP URI of this message
   * @param name parameter name (a token)
   * @param value value (token characters, {@code :}, {@code [} and {@code ]}), or {@code null} for a
   *     flag parameter such as {@code lr}
   * @return this editor
   * @throws IllegalArgumentException when the URI is not a SIP URI of this message, or the name or
   *     value has characters a URI parameter cannot hold unescaped
   */
  public SipEditor setUriParam(SipUri uri, String name, String value) {
    if (uri.hostOffset() < 0) {
      throw new IllegalArgumentException("URI has no host span in this message: " + uri);
    }
    byte[] n = Lex.ascii(name);
    if (n.length == 0 || Lex.skipToken(n, 0, n.length) != n.length) {
      throw new IllegalArgumentException("invalid URI parameter name: " + name);
    }
    if (value != null) {
      byte[] v = Lex.ascii(value);
      for (byte c : v) {
        if (!(Lex.isToken(c) || c == ':' || c == '[' || c == ']')) {
          throw new IllegalArgumentException("invalid character in URI parameter value: " + value);
        }
      }
      if (v.length == 0) {
        throw new IllegalArgumentException("empty URI parameter value (use null for a flag)");
      }
    }
    String text = ";" + name + (value == null ? "" : "=" + value);
    int[] span = uri.paramSpan(name);
    if (span != null) {
      return replace(span[0], span[1], text);
    }
    int at = uri.paramsEnd();
    int start = uri.startOffset();
    boolean inStartLine = m.offset() + start < m.headersStart();
    if (!inStartLine && (start == 0 || m.array()[m.offset() + start - 1] != '<')) {
      // a bare addr-spec: what follows ';' would be a header parameter, so bracket the URI
      replace(start, start, "<");
      return replace(at, at, text + ">");
    }
    return replace(at, at, text);
  }

  /**
   * Removes a parameter of a SIP URI parsed from this message, {@code ;name[=value]} as written;
   * nothing when the URI has no such parameter. Header parameters of a name-addr (e.g.
   * {@code ;expires} after the {@code >}) are not URI parameters and are never touched.
   *
   * @param uri a SIP URI of this message
   * @param name parameter name, any case
   * @return this editor
   * @throws IllegalArgumentException when the URI is not a SIP URI of this message
   */
  public SipEditor removeUriParam(SipUri uri, String name) {
    if (uri.hostOffset() < 0) {
      throw new IllegalArgumentException("URI has no host span in this message: " + uri);
    }
    int[] span = uri.paramSpan(name);
    return span == null ? this : replace(span[0], span[1], "");
  }

  /**
   * Rewrites a Via's sent-by {@code host[:port]}.
   *
   * @param via a Via of this message
   * @param host new host
   * @param port new port, or -1 for none
   * @return this editor
   */
  public SipEditor setViaSentBy(Via via, String host, int port) {
    return replace(via.sentByOffset(), via.sentByEnd(), hostPort(host, port));
  }

  /**
   * Sets a Via parameter such as {@code received} or {@code rport}: replaces it where present,
   * otherwise appends it after the last parameter.
   *
   * @param via a Via of this message
   * @param name parameter name
   * @param value value, or {@code null} for a flag parameter
   * @return this editor
   */
  public SipEditor setViaParam(Via via, String name, String value) {
    String text = ";" + name + (value == null ? "" : "=" + value);
    int[] span = via.paramSpan(name);
    if (span != null) {
      return replace(span[0] - m.offset(), span[1] - m.offset(), text);
    }
    return replace(via.end(), via.end(), text);
  }

  /**
   * Rewrites the host part of the Call-ID ({@code local@host}); a Call-ID without {@code @} gets
   * one.
   *
   * @param host new host part
   * @return this editor
   */
  public SipEditor setCallIdHost(String host) {
    SipHeader callId = m.header(HeaderNames.CALL_ID);
    if (callId == null) {
      throw new IllegalStateException("no Call-ID header");
    }
    int vs = callId.valueOffset();
    int ve = callId.valueEnd();
    int at = Lex.indexOf(m.array(), m.offset() + vs, m.offset() + ve, '@');
    if (at < 0) {
      return replace(ve, ve, "@" + host);
    }
    return replace(at - m.offset() + 1, ve, host);
  }

  /**
   * Replaces every bare CR (one not followed by LF) and NUL in the start line and the header
   * fields with SP, so that forwarding cannot smuggle a line or cut a value short: another element
   * may read a bare CR as a line end and a NUL as a string end (RFC 9110 5.5 asks a forwarding
   * element to reject such a message or make exactly this replacement). The body is left alone.
   *
   * @return how many bytes were replaced (0: nothing recorded)
   */
  public int replaceUnsafeControls() {
    byte[] b = m.array();
    int end = m.offset() + m.bodyOffset();
    int replaced = 0;
    for (int p = Lex.indexOfUnsafeControl(b, m.offset(), end); p >= 0;
        p = Lex.indexOfUnsafeControl(b, p + 1, end)) {
      replace(p - m.offset(), p - m.offset() + 1, " ");
      replaced++;
    }
    return replaced;
  }

  /**
   * Replaces the body; Content-Length is fixed at serialisation.
   *
   * @param body new body bytes (copied)
   * @return this editor
   */
  public SipEditor setBody(byte[] body) {
    this.newBody = body.clone();
    plan = null;
    return this;
  }

  /**
   * Replaces the body with an SDP editor's result as of this call (its edits spliced into the SDP
   * it was made from; edits recorded later are not seen); Content-Length is fixed at
   * serialisation. Saves the copy {@link #setBody(byte[])} makes, since the spliced bytes are new
   * and nobody else holds them.
   *
   * @param sdp the editor of this message's SDP (or any SDP)
   * @return this editor
   */
  public SipEditor setBody(SdpEditor sdp) {
    this.newBody = sdp.toByteArray();
    plan = null;
    return this;
  }

  private static String hostPort(String host, int port) {
    return port >= 0 ? host + ":" + port : host;
  }

  /**
   * Serialises the edited message. Unmodified: a read-only view of the original bytes (no copy).
   *
   * @return the message bytes
   */
  public ByteBuffer toByteBuffer() {
    if (!isModified()) {
      return m.asByteBuffer();
    }
    return ByteBuffer.wrap(toByteArray());
  }

  /**
   * Serialises the edited message into a new array.
   *
   * @return the message bytes
   * @throws IllegalStateException when edits overlap
   */
  public byte[] toByteArray() {
    if (!isModified()) {
      return m.toByteArray();
    }
    byte[] out = new byte[serializedLength()];
    writeTo(ByteBuffer.wrap(out));
    return out;
  }

  /**
   * How many bytes {@link #writeTo} writes: the message's length when unmodified.
   *
   * @return the serialised length
   * @throws IllegalStateException when edits overlap
   */
  public int serializedLength() {
    return isModified() ? plan().size : m.length();
  }

  /**
   * Writes the serialised message at {@code dst}'s position, advancing it, so a host (or the ALG's
   * own relay) can serialise into a buffer it reuses instead of a new array per message.
   *
   * @param dst where to write; needs {@link #serializedLength()} bytes remaining
   * @throws BufferOverflowException when {@code dst} has too little room (nothing written)
   * @throws IllegalStateException when edits overlap
   */
  public void writeTo(ByteBuffer dst) {
    byte[] src = m.array();
    if (!isModified()) {
      dst.put(src, m.offset(), m.length());
      return;
    }
    Plan plan = plan();
    if (dst.remaining() < plan.size) {
      throw new BufferOverflowException();
    }
    int p = m.offset();
    for (Edit e : plan.edits) {
      dst.put(src, p, e.start - p);
      dst.put(e.text);
      p = e.end;
    }
    dst.put(src, p, m.offset() + m.length() - p);
  }

  /** The edits in message order (Content-Length fix and new body included) and the result's size. */
  private record Plan(List<Edit> edits, int size) {}

  /** Computed once per state of the edits: a relay asks for the length, then writes. */
  private Plan plan() {
    if (plan != null) {
      return plan;
    }
    List<Edit> all = new ArrayList<>(edits);
    if (newBody != null) {
      boolean clAppended = addContentLengthFix(all);
      byte[] body = newBody;
      if (!m.headerSectionTerminated()) {
        // a truncated header section gets its empty line, so the new body is a body
        byte[] eol = Lex.ascii((clAppended ? "" : tailPrefix()) + "\r\n");
        body = new byte[eol.length + newBody.length];
        System.arraycopy(eol, 0, body, 0, eol.length);
        System.arraycopy(newBody, 0, body, eol.length, newBody.length);
      }
      all.add(new Edit(m.absBodyStart(), m.offset() + m.length(), body, Integer.MAX_VALUE));
    }
    all.sort(IN_MESSAGE_ORDER);
    int size = m.length();
    int prevEnd = m.offset();
    for (Edit e : all) {
      if (e.start < prevEnd) {
        throw new IllegalStateException("overlapping edits at offset " + (e.start - m.offset()));
      }
      size += e.text.length - (e.end - e.start);
      prevEnd = e.end;
    }
    plan = new Plan(all, size);
    return plan;
  }

  /** Returns true when a Content-Length line was appended at the end of the headers. */
  private boolean addContentLengthFix(List<Edit> all) {
    byte[] len = Lex.ascii(Integer.toString(newBody.length));
    List<SipHeader> fields = m.headers(HeaderNames.CONTENT_LENGTH);
    for (SipHeader cl : fields) {
      int s = m.offset() + cl.offset();
      int e = m.offset() + cl.end();
      if (!covers(all, s, e)) {
        int vs = m.offset() + cl.valueOffset();
        int ve = m.offset() + cl.valueEnd();
        for (int i = all.size() - 1; i >= 0; i--) { // edits inside the old value give way
          Edit x = all.get(i);
          if (x.start >= vs && x.end <= ve && x.end > x.start) {
            all.remove(i);
          }
        }
        all.add(new Edit(vs, ve, len, Integer.MAX_VALUE - 1));
        return false;
      }
    }
    int at = m.absHeadersEnd();
    all.add(new Edit(at, at, Lex.ascii(tailPrefix() + "Content-Length: " + newBody.length
        + "\r\n"), Integer.MAX_VALUE - 1));
    return true;
  }

  /** Whether an edit replaces all of {@code [start, end)} (a removed Content-Length line). */
  private static boolean covers(List<Edit> all, int start, int end) {
    for (Edit x : all) { // a loop, not a stream: every message whose body changes comes here
      if (x.start <= start && x.end >= end && x.end > x.start) {
        return true;
      }
    }
    return false;
  }

  /** CRLF when the header section ends in a line without terminator (truncated input). */
  private String tailPrefix() {
    int end = m.absHeadersEnd();
    return end > m.offset() && m.array()[end - 1] != '\n' ? "\r\n" : "";
  }

  /**
   * Serialises and parses the result, e.g. to check an edit or continue with the new message.
   *
   * @return the edited message, over a new array
   * @throws SipParseException when an edit broke the start line
   */
  public SipMessage apply() throws SipParseException {
    return SipMessage.parse(toByteArray());
  }
}
