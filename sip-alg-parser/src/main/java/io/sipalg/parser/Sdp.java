package io.sipalg.parser;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An SDP session description (RFC 8866, formerly 4566) over body bytes: its lines, split into the
 * session level and media sections. Lines are tokenised on demand by {@link SdpLine}; a malformed
 * line does not stop reading the others. Offsets are relative to the start of the SDP body.
 * Edits go through {@link #edit()}.
 */
public final class Sdp {
  private final byte[] b;
  private final int off;
  private final int len;
  private final List<SdpLine> lines;
  private final List<Integer> mediaStarts;

  private Sdp(byte[] b, int off, int len, List<SdpLine> lines, List<Integer> mediaStarts) {
    this.b = b;
    this.off = off;
    this.len = len;
    this.lines = lines;
    this.mediaStarts = mediaStarts;
  }

  /**
   * Parses an SDP body.
   *
   * @param body the body bytes (not copied)
   * @return the session description
   */
  public static Sdp parse(byte[] body) {
    return parse(body, 0, body.length);
  }

  static Sdp parse(byte[] b, int off, int len) {
    List<SdpLine> lines = new ArrayList<>();
    List<Integer> mediaStarts = new ArrayList<>();
    int end = off + len;
    int p = off;
    int media = -1;
    while (p < end) {
      int nl = Lex.indexOf(b, p, end, '\n');
      int lineEnd = nl < 0 ? end : nl + 1;
      int ce = nl < 0 ? end : (nl > p && b[nl - 1] == '\r' ? nl - 1 : nl);
      if (ce > p) {
        char type = (char) (b[p] & 0xff);
        if (type == 'm' && ce > p + 1 && b[p + 1] == '=') {
          media++;
          mediaStarts.add(lines.size());
        }
        lines.add(new SdpLine(b, off, p, ce, lineEnd, media, lines.size()));
      }
      p = lineEnd;
    }
    return new Sdp(b, off, len, Collections.unmodifiableList(lines),
        Collections.unmodifiableList(mediaStarts));
  }

  byte[] array() {
    return b;
  }

  int offset() {
    return off;
  }

  int length() {
    return len;
  }

  /** All lines in order (empty lines skipped). */
  public List<SdpLine> lines() {
    return lines;
  }

  /** Session-level lines (before the first {@code m=}). */
  public List<SdpLine> sessionLines() {
    int n = mediaStarts.isEmpty() ? lines.size() : mediaStarts.get(0);
    return lines.subList(0, n);
  }

  /** Number of media sections. */
  public int mediaCount() {
    return mediaStarts.size();
  }

  /**
   * The lines of one media section, starting with its {@code m=} line.
   *
   * @param index 0 .. {@link #mediaCount()}-1
   * @return the section's lines
   */
  public List<SdpLine> mediaLines(int index) {
    int s = mediaStarts.get(index);
    int e = index + 1 < mediaStarts.size() ? mediaStarts.get(index + 1) : lines.size();
    return lines.subList(s, e);
  }

  /**
   * The first session-level line of a type, or {@code null}.
   *
   * @param type line type letter, e.g. {@code 'c'}
   * @return the line or {@code null}
   */
  public SdpLine sessionLine(char type) {
    return first(sessionLines(), type);
  }

  /**
   * The first line of a type in a media section, or {@code null}.
   *
   * @param index media section
   * @param type line type letter
   * @return the line or {@code null}
   */
  public SdpLine mediaLine(int index, char type) {
    return first(mediaLines(index), type);
  }

  /**
   * The connection line that applies to a media section: its own {@code c=} or the session's.
   *
   * @param index media section
   * @return the line or {@code null}
   */
  public SdpLine effectiveConnection(int index) {
    SdpLine c = mediaLine(index, 'c');
    return c != null ? c : sessionLine('c');
  }

  private static SdpLine first(List<SdpLine> in, char type) {
    for (SdpLine l : in) {
      if (l.type() == type) {
        return l;
      }
    }
    return null;
  }

  /** Errors of every malformed line (unknown types included), in order. */
  public List<HeaderError> malformedLines() {
    List<HeaderError> out = new ArrayList<>(0);
    for (SdpLine l : lines) {
      HeaderError e = l.error();
      if (e != null) {
        out.add(e);
      }
    }
    return out;
  }

  /** Starts recording edits; see {@link SdpEditor}. */
  public SdpEditor edit() {
    return new SdpEditor(this);
  }

  @Override
  public String toString() {
    return "Sdp[" + lines.size() + " lines, " + mediaStarts.size() + " media]";
  }
}
