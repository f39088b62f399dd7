package io.sipalg.parser;

import java.util.Arrays;

/**
 * Records edits over an {@link Sdp} and splices them into a new body; bytes not edited are kept.
 * Hand the editor to {@link SipEditor#setBody(SdpEditor)}, which fixes Content-Length.
 *
 * <pre>{@code
 * Sdp sdp = msg.sdp();
 * SdpEditor ed = sdp.edit();
 * ed.setConnectionAddress(sdp.sessionLine('c'), "IP4", "203.0.113.9");
 * ed.setMediaPort(sdp.mediaLine(0, 'm'), 40000);
 * ed.setInformation(-1, "rewritten by sip-alg");
 * msg.edit().setBody(ed);
 * }</pre>
 */
public final class SdpEditor {
  private final Sdp sdp;
  // edit i replaces body bytes [from[i], to[i]) with texts[i]; a call's SDP gets a handful
  private int[] from = new int[4];
  private int[] to = new int[4];
  private byte[][] texts = new byte[4][];
  private int edits;

  SdpEditor(Sdp sdp) {
    this.sdp = sdp;
  }

  private SdpEditor replace(int start, int end, String text) {
    if (edits == from.length) {
      from = Arrays.copyOf(from, 2 * edits);
      to = Arrays.copyOf(to, 2 * edits);
      texts = Arrays.copyOf(texts, 2 * edits);
    }
    from[edits] = start;
    to[edits] = end;
    texts[edits] = Lex.ascii(text);
    edits++;
    return this;
  }

  /**
   * Where the address type of a validated {@code c=} or {@code o=} line starts: it is {@code IP4}
   * or {@code IP6} and one space separates it from the address, so only those two fields are
   * rewritten and every other byte of the line is kept as written.
   */
  private static int addrTypeOffset(int addressOffset) {
    return addressOffset - "IP4 ".length();
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
    return replace(addrTypeOffset(c.addressOffset()), c.addressEnd(), addrType + " " + address);
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
    return replace(addrTypeOffset(o.addressOffset()), o.addressEnd(), addrType + " " + address);
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
    return edits > 0;
  }

  /**
   * The edited SDP body.
   *
   * @return new body bytes
   */
  public byte[] toByteArray() {
    int[] order = order();
    int size = sdp.length();
    int prev = 0;
    for (int i : order) {
      if (from[i] < prev) {
        throw new IllegalStateException("overlapping SDP edits at offset " + from[i]);
      }
      prev = to[i];
      size += texts[i].length - (to[i] - from[i]);
    }
    byte[] src = sdp.array();
    int base = sdp.offset();
    byte[] out = new byte[size];
    int o = 0;
    int p = 0;
    for (int i : order) {
      System.arraycopy(src, base + p, out, o, from[i] - p);
      o += from[i] - p;
      System.arraycopy(texts[i], 0, out, o, texts[i].length);
      o += texts[i].length;
      p = to[i];
    }
    System.arraycopy(src, base + p, out, o, sdp.length() - p);
    return out;
  }

  /** Edit indexes by start offset, in recording order where they start together (stable). */
  private int[] order() {
    int[] order = new int[edits];
    for (int i = 0; i < edits; i++) {
      int j = i;
      while (j > 0 && from[order[j - 1]] > from[i]) { // insertion sort: a handful of edits
        order[j] = order[j - 1];
        j--;
      }
      order[j] = i;
    }
    return order;
  }
}
