package io.sipalg.parser;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * An SDP session description (RFC 8866, formerly 4566) over body bytes: its lines, split into the
 * session level and media sections. Lines are tokenised on demand by {@link SdpLine}; a malformed
 * line does not stop reading the others. Offsets are relative to the start of the SDP body.
 * Edits go through {@link #edit()}.
 */
public final class Sdp {
  private static final int[] NO_MEDIA = new int[0];

  private final byte[] b;
  private final int off;
  private final int len;
  // arrays, not lists: every inspector of a call walks these, and views of them would be garbage
  private final SdpLine[] lines; // [0, count) used
  private final int count;
  private final int[] mediaStarts; // [0, mediaCount) used
  private final int mediaCount;
  private List<SdpLine> lineList;

  private Sdp(byte[] b, int off, int len, SdpLine[] lines, int count, int[] mediaStarts,
      int mediaCount) {
    this.b = b;
    this.off = off;
    this.len = len;
    this.lines = lines;
    this.count = count;
    this.mediaStarts = mediaStarts;
    this.mediaCount = mediaCount;
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
    int end = off + len;
    SdpLine[] lines = new SdpLine[16];
    int count = 0;
    int[] mediaStarts = NO_MEDIA;
    int media = -1;
    int p = off;
    while (p < end) {
      int nl = Lex.indexOf(b, p, end, '\n');
      int lineEnd = nl < 0 ? end : nl + 1;
      int ce = nl < 0 ? end : (nl > p && b[nl - 1] == '\r' ? nl - 1 : nl);
      if (ce > p) {
        char type = (char) (b[p] & 0xff);
        if (type == 'm' && ce > p + 1 && b[p + 1] == '=') {
          media++;
          if (media == mediaStarts.length) {
            mediaStarts = Arrays.copyOf(mediaStarts, Math.max(4, 2 * media));
          }
          mediaStarts[media] = count;
        }
        if (count == lines.length) {
          lines = Arrays.copyOf(lines, 2 * count);
        }
        lines[count] = new SdpLine(b, off, p, ce, lineEnd, media, count);
        count++;
      }
      p = lineEnd;
    }
    return new Sdp(b, off, len, lines, count, mediaStarts, media + 1);
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
    List<SdpLine> list = lineList;
    if (list == null) {
      list = new LineList(lines, count);
      lineList = list;
    }
    return list;
  }

  /** Session-level lines (before the first {@code m=}). */
  public List<SdpLine> sessionLines() {
    return lines().subList(0, sessionEnd());
  }

  /** Number of media sections. */
  public int mediaCount() {
    return mediaCount;
  }

  /**
   * The lines of one media section, starting with its {@code m=} line.
   *
   * @param index 0 .. {@link #mediaCount()}-1
   * @return the section's lines
   * @throws IndexOutOfBoundsException when there is no such media section
   */
  public List<SdpLine> mediaLines(int index) {
    Objects.checkIndex(index, mediaCount);
    return lines().subList(mediaStarts[index], mediaEnd(index));
  }

  /**
   * The first session-level line of a type, or {@code null}.
   *
   * @param type line type letter, e.g. {@code 'c'}
   * @return the line or {@code null}
   */
  public SdpLine sessionLine(char type) {
    return first(0, sessionEnd(), type);
  }

  /**
   * The first line of a type in a media section, or {@code null}.
   *
   * @param index media section
   * @param type line type letter
   * @return the line or {@code null}
   * @throws IndexOutOfBoundsException when there is no such media section
   */
  public SdpLine mediaLine(int index, char type) {
    Objects.checkIndex(index, mediaCount);
    return first(mediaStarts[index], mediaEnd(index), type);
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

  private int sessionEnd() {
    return mediaCount == 0 ? count : mediaStarts[0];
  }

  private int mediaEnd(int index) {
    return index + 1 < mediaCount ? mediaStarts[index + 1] : count;
  }

  private SdpLine first(int from, int to, char type) {
    for (int i = from; i < to; i++) {
      if (lines[i].type() == type) {
        return lines[i];
      }
    }
    return null;
  }

  /** Errors of every malformed line (unknown types included), in order. */
  public List<HeaderError> malformedLines() {
    List<HeaderError> out = new ArrayList<>(0);
    for (int i = 0; i < count; i++) {
      HeaderError e = lines[i].error();
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
    return "Sdp[" + count + " lines, " + mediaCount + " media]";
  }

  /** The lines as an unmodifiable list over the parse's own array. */
  private static final class LineList extends AbstractList<SdpLine> implements RandomAccess {
    private final SdpLine[] lines;
    private final int size;

    LineList(SdpLine[] lines, int size) {
      this.lines = lines;
      this.size = size;
    }

    @Override
    public SdpLine get(int index) {
      return lines[Objects.checkIndex(index, size)];
    }

    @Override
    public int size() {
      return size;
    }
  }
}
