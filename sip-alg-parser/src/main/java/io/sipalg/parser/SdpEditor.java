package io.sipalg.parser;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Records edits over an {@link Sdp} and splices them into a new body; bytes not edited are kept.
 * Pass the result to {@link SipEditor#setBody(byte[])}, which fixes Content-Length.
 *
 * <pre>{@code
 * Sdp sdp = msg.sdp();
 * SdpEditor ed = sdp.edit();
 * ed.setConnectionAddress(sdp.sessionLine('c'), "IP4", "203.0.113.9");
 * ed.setMediaPort(sdp.mediaLine(0, 'm'), 40000);
 * ed.setInformation(-1, "rewritten by sip-alg");
 * msg.edit().setBody(ed.toByteArray());
 * }</pre>
 */
public final class SdpEditor {
  private final Sdp sdp;
  private final List<int[]> spans = new ArrayList<>();
  private final List<byte[]> texts = new ArrayList<>();

  SdpEditor(Sdp sdp) {
    this.sdp = sdp;
  }

  private SdpEditor replace(int from, int to, String text) {
    spans.add(new int[] {from, to, spans.size()});
    texts.add(Lex.ascii(text));
    return this;
  }

  /**
   * Rewrites the address of a {@code c=} line (the {@code /ttl} suffix is kept).
   *
   * @param cLine a {@code c=} line of this SDP
   * @param addrType {@code IP4} or {@code IP6}
   * @param address new address
   * @return this editor
   * @throws MalformedHeaderException when the line is not a well-formed {@code c=} line
   */
  public SdpEditor setConnectionAddress(SdpLine cLine, String addrType, String address)
      throws MalformedHeaderException {
    SdpConnection c = cLine.connection();
    return replace(cLine.valueOffset(), c.addressEnd(), c.netType() + " " + addrType + " " + address);
  }

  /**
   * Rewrites the unicast address of the {@code o=} line.
   *
   * @param oLine the {@code o=} line
   * @param addrType {@code IP4} or {@code IP6}
   * @param address new address
   * @return this editor
   * @throws MalformedHeaderException when the line is not a well-formed {@code o=} line
   */
  public SdpEditor setOriginAddress(SdpLine oLine, String addrType, String address)
      throws MalformedHeaderException {
    SdpOrigin o = oLine.origin();
    String prefix = o.username() + " " + o.sessionId() + " " + o.sessionVersion() + " "
        + o.netType() + " ";
    return replace(oLine.valueOffset(), o.addressEnd(), prefix + addrType + " " + address);
  }

  /**
   * Rewrites the port of an {@code m=} line.
   *
   * @param mLine an {@code m=} line
   * @param port new port
   * @return this editor
   * @throws MalformedHeaderException when the line is not a well-formed {@code m=} line
   */
  public SdpEditor setMediaPort(SdpLine mLine, int port) throws MalformedHeaderException {
    SdpMedia m = mLine.media();
    return replace(m.portOffset(), m.portEnd(), Integer.toString(port));
  }

  /**
   * Replaces the value of any line (its type letter is kept).
   *
   * @param line a line of this SDP
   * @param value new value
   * @return this editor
   */
  public SdpEditor setValue(SdpLine line, String value) {
    return replace(line.valueOffset(), line.valueEnd(), value);
  }

  /**
   * Removes a line with its line ending (e.g. to discard a malformed line).
   *
   * @param line a line of this SDP
   * @return this editor
   */
  public SdpEditor removeLine(SdpLine line) {
    return replace(line.offset(), line.end(), "");
  }

  /**
   * Sets the {@code i=} line of the session (index -1) or of a media section: replaces an existing
   * one, else inserts it where RFC 8866 orders it (after {@code s=}, or after {@code m=}).
   *
   * @param mediaIndex media section, or -1 for the session level
   * @param text information text
   * @return this editor
   */
  public SdpEditor setInformation(int mediaIndex, String text) {
    SdpLine existing = mediaIndex < 0 ? sdp.sessionLine('i') : sdp.mediaLine(mediaIndex, 'i');
    if (existing != null) {
      return setValue(existing, text);
    }
    SdpLine anchor = mediaIndex < 0 ? sdp.sessionLine('s') : sdp.mediaLine(mediaIndex, 'm');
    if (anchor == null) {
      anchor = mediaIndex < 0 && !sdp.sessionLines().isEmpty()
          ? sdp.sessionLines().get(sdp.sessionLines().size() - 1) : null;
    }
    int at = anchor == null ? 0 : anchor.end();
    String eol = anchor != null && anchor.end() > anchor.valueEnd()
        && anchor.end() - anchor.valueEnd() == 1 ? "\n" : "\r\n";
    String prefix = anchor != null && anchor.end() == anchor.valueEnd() ? "\r\n" : "";
    return replace(at, at, prefix + "i=" + text + eol);
  }

  /** Whether any edit was recorded. */
  public boolean isModified() {
    return !spans.isEmpty();
  }

  /**
   * The edited SDP body.
   *
   * @return new body bytes
   */
  public byte[] toByteArray() {
    byte[] src = sdp.array();
    int base = sdp.offset();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < spans.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingInt((Integer i) -> spans.get(i)[0]).thenComparingInt(i -> i));
    int size = sdp.length();
    int prev = 0;
    for (int i : order) {
      int[] s = spans.get(i);
      if (s[0] < prev) {
        throw new IllegalStateException("overlapping SDP edits at offset " + s[0]);
      }
      prev = s[1];
      size += texts.get(i).length - (s[1] - s[0]);
    }
    byte[] out = new byte[size];
    int o = 0;
    int p = 0;
    for (int i : order) {
      int[] s = spans.get(i);
      System.arraycopy(src, base + p, out, o, s[0] - p);
      o += s[0] - p;
      byte[] t = texts.get(i);
      System.arraycopy(t, 0, out, o, t.length);
      o += t.length;
      p = s[1];
    }
    System.arraycopy(src, base + p, out, o, sdp.length() - p);
    return out;
  }
}
