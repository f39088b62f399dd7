package io.sipalg.parser;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Internal: where each header field of a {@link SipMessage} is — its line, name, colon and trimmed
 * value — over the message's bytes, and the lookups by name built on that. It is the message's
 * base class rather than an object of its own, so the index costs no allocation per message; the
 * typed values and the public API are {@link SipMessage}'s. Positions are absolute (into
 * {@link #b}) unless a method says relative.
 */
abstract class HeaderLines {
  /**
   * Canonical name of each header, computed when first asked (validation and unknown-header checks
   * ask for every header, several times per message): a known name as registered, else as written.
   */
  private String[] canonicalNames;
  /**
   * {@link HotHeaders} id per header: the framer's (see {@link #takeIndex}) or computed by the
   * first lookup of a hot header.
   */
  private byte[] hotIds;
  /** The message is {@code b[off, off + len)}. */
  final byte[] b;
  final int off;
  final int len;
  // Set by the index (takeIndex / indexHeaders) only; the message reads them.
  /** Start of each header field, relative to {@code off}; may be longer than {@code count}. */
  private int[] h;
  int count;
  int headersEnd;
  private int colonFor = -1;
  private int colonAt;
  private int spanFor = -1;
  private int spanStart;
  private int spanEnd;
  int bodyStart;
  boolean headersTerminated;

  HeaderLines(byte[] b, int off, int len) {
    this.b = b;
    this.off = off;
    this.len = len;
  }

  /**
   * Adopts the header lines the framer found while framing, instead of scanning them again. The
   * framer's array itself is kept, not copied: it changes when the framer frames its next message,
   * which is also when this message's bytes stop being valid (see {@link SipFramer#next()}).
   */
  final void takeIndex(SipFrame framed) {
    h = framed.fieldStarts();
    hotIds = framed.fieldIds();
    count = framed.fieldCount();
    headersTerminated = true;
    headersEnd = framed.emptyLineStart();
    bodyStart = framed.bodyStart();
  }

  final void indexHeaders(int p) {
    int end = off + len;
    int[] scratch = SCRATCH.get();
    int n = 0;
    while (p < end) {
      int nl = Lex.indexOfNewline(b, p, end);
      int lineEnd = nl < 0 ? end : nl + 1;
      int contentEnd = nl < 0 ? end : (nl > p && b[nl - 1] == '\r' ? nl - 1 : nl);
      if (contentEnd == p && nl >= 0) {
        headersTerminated = true;
        headersEnd = p;
        bodyStart = lineEnd;
        break;
      }
      byte first = b[p];
      if (!((first == ' ' || first == '\t') && n > 0)) {
        if (n == scratch.length) {
          scratch = Arrays.copyOf(scratch, scratch.length * 2);
          if (scratch.length <= 4096) {
            SCRATCH.set(scratch); // keep a grown scratch only while it stays small
          }
        }
        scratch[n++] = p - off;
      }
      p = lineEnd;
    }
    if (!headersTerminated) {
      headersEnd = end;
      bodyStart = end;
    }
    count = n;
    h = Arrays.copyOf(scratch, n);
  }

  /** Per-thread index scratch so a parse allocates exactly 4 bytes per header. */
  private static final ThreadLocal<int[]> SCRATCH = ThreadLocal.withInitial(() -> new int[128]);

  final int ls(int i) {
    return off + h[i];
  }

  /** The colon of header i (absolute), or -1 when its first line has none; memoised for one i. */
  final int colon(int i) {
    if (i == colonFor) {
      return colonAt;
    }
    colonAt = findColon(i);
    colonFor = i;
    return colonAt;
  }

  private int findColon(int i) {
    int p = ls(i);
    int e = le(i);
    while (p < e) {
      byte c = b[p];
      if (c == ':') {
        return p;
      }
      if (c == '\n') {
        return -1;
      }
      p++;
    }
    return -1;
  }

  final int le(int i) {
    return i + 1 < count ? off + h[i + 1] : headersEnd;
  }

  /** Absolute end of the name (before optional whitespace and ':'), or -1 without colon. */
  final int ne(int i) {
    int c = colon(i);
    return c < 0 ? -1 : Lex.trimEnd(b, ls(i), c);
  }

  final int ve(int i) {
    valueSpan(i);
    return spanEnd;
  }

  final int vs(int i) {
    valueSpan(i);
    return spanStart;
  }

  /** Trims header i's value (absolute span), memoised for one i as accessors ask for both ends. */
  private void valueSpan(int i) {
    if (i == spanFor) {
      return;
    }
    int c = colon(i);
    int from = c < 0 ? ls(i) : c + 1;
    int e = Lex.trimEnd(b, from, le(i));
    spanStart = c < 0 ? ls(i) : Math.min(Lex.skipLws(b, c + 1, e), e);
    spanEnd = e;
    spanFor = i;
  }

  /** {@link #headControls}: not scanned yet. */
  static final byte CONTROLS_UNKNOWN = 0;
  /** {@link #headControls}: no control byte in the head but HT and CR LF pairs. */
  static final byte BENIGN_CONTROLS_ONLY = 1;
  /** {@link #headControls}: some other control byte somewhere in the head. */
  static final byte OTHER_CONTROLS = 2;
  /**
   * What {@link #scanHeadControls()} found in the start line and header section, once per
   * message. Validation checks every header for control bytes; on a clean head (nearly every
   * message) one pass over it answers all those checks, and {@code hasUnsafeControls} too.
   */
  private byte headControls = CONTROLS_UNKNOWN;
  /**
   * {@link #hasValidName}'s answers for the first 16 fields: bit i set when field i was checked,
   * bit 16 + i when its name is a token. One int: it fits the message object's padding, where
   * two longs made every message 16 bytes larger.
   */
  private int nameChecks;

  /**
   * Scans the start line and header section once for control bytes other than HT and CR LF: when
   * there are none, {@link #controls} passes every field without looking at it again.
   *
   * @return {@link #BENIGN_CONTROLS_ONLY} or {@link #OTHER_CONTROLS}
   */
  final byte scanHeadControls() {
    if (headControls == CONTROLS_UNKNOWN) {
      headControls = Lex.onlyHtAndCrLf(b, off, bodyStart) ? BENIGN_CONTROLS_ONLY : OTHER_CONTROLS;
    }
    return headControls;
  }

  /**
   * Rejects a control character in header i's value as written: from the colon to the line break
   * that ends the field, so a bare CR before it (which the value's trimmed span leaves out) counts
   * too. Every check and typed accessor runs this first, so they agree on it; the tokenisers after
   * it may then treat folded line breaks as the whitespace they are.
   */
  final void controls(int i) throws BadSyntax {
    if (headControls == BENIGN_CONTROLS_ONLY) {
      return; // no value can hold a control byte but HT and folds, which every value may hold
    }
    int c = colon(i);
    int end = le(i);
    if (end > ls(i) && b[end - 1] == '\n') {
      end--;
      if (end > ls(i) && b[end - 1] == '\r') {
        end--;
      }
    }
    HeaderChecks.controlCharacters(b, c < 0 ? ls(i) : c + 1, end);
  }

  /**
   * One pass over the hot ids: bit {@code id} of the low word is set when a field with that
   * {@link HotHeaders} id is present, bit {@code id} of the high word when there are several.
   * Validation asks presence and uniqueness of eight names; this answers all sixteen questions.
   */
  final long hotIdCensus() {
    byte[] ids = hotIds();
    long present = 0;
    long repeated = 0;
    for (int i = 0; i < count; i++) {
      long bit = 1L << ids[i];
      repeated |= present & bit;
      present |= bit;
    }
    return present | (repeated << 32);
  }

  final int find(String name, int from) {
    byte id = HotHeaders.idOf(name);
    if (id != HotHeaders.OTHER) {
      return findHot(id, from);
    }
    char compact = HeaderNames.compactFormOf(name);
    String longName = name.length() == 1 ? HeaderNames.canonical(name) : name;
    for (int i = from; i < count; i++) {
      if (nameMatches(i, longName, compact)) {
        return i;
      }
    }
    return -1;
  }

  /** The first field at or after {@code from} with the {@link HotHeaders} id, or -1. */
  final int findHot(byte id, int from) {
    byte[] ids = hotIds();
    for (int i = from; i < count; i++) {
      if (ids[i] == id) {
        return i;
      }
    }
    return -1;
  }

  /** The {@link HotHeaders} id of every header, classified on the first typed lookup. */
  final byte[] hotIds() {
    byte[] ids = hotIds;
    if (ids == null) {
      ids = new byte[count];
      for (int i = 0; i < count; i++) {
        ids[i] = HotHeaders.classify(b, ls(i), le(i));
      }
      hotIds = ids;
    }
    return ids;
  }

  final boolean nameMatches(int i, String longName, char compact) {
    return HeaderNames.lineIs(b, ls(i), le(i), longName, compact);
  }

  final boolean headerIs(int i, String name) {
    return nameMatches(i, HeaderNames.canonical(name), HeaderNames.compactFormOf(name));
  }

  final boolean hasValidName(int i) {
    if (hotIds()[i] != HotHeaders.OTHER) {
      return true; // classified: its name matched a registered name (or compact letter) exactly
    }
    int checked = i < 16 ? 1 << i : 0;
    if ((nameChecks & checked) != 0) {
      return (nameChecks & checked << 16) != 0; // validation and the unknown-header check both ask
    }
    int ne = ne(i);
    boolean valid = ne > ls(i) && Lex.skipToken(b, ls(i), ne) == ne;
    nameChecks |= checked | (valid ? checked << 16 : 0);
    return valid;
  }

  /** The canonical name of header {@code i} (cached); see {@link HeaderNames#canonical(String)}. */
  final String canonicalName(int i) {
    if (canonicalNames == null) {
      canonicalNames = new String[count];
    }
    String name = canonicalNames[i];
    byte id = hotIds()[i];
    if (name == null && id != HotHeaders.OTHER) {
      name = HotHeaders.nameOf(id); // classified already: no need to hash the name
      canonicalNames[i] = name;
    }
    if (name == null) {
      int ne = ne(i);
      int end = ne < 0 ? ve(i) : ne;
      name = HeaderNames.registered(b, ls(i), end);
      if (name == null) {
        name = Lex.str(b, ls(i), end); // unknown names are their own canonical form
      }
      canonicalNames[i] = name;
    }
    return name;
  }

  final String nameAsWritten(int i) {
    int ne = ne(i);
    return ne < 0 ? Lex.str(b, ls(i), ve(i)) : Lex.str(b, ls(i), ne);
  }

  final String valueString(int i) {
    return Lex.unfold(b, vs(i), ve(i));
  }

  final int lineStart(int i) {
    return ls(i) - off;
  }

  final int valueStart(int i) {
    return vs(i) - off;
  }

  final int valueEnd(int i) {
    return ve(i) - off;
  }

  final int lineEnd(int i) {
    return le(i) - off;
  }

  final int absValueStart(int i) {
    return vs(i);
  }

  final int absValueEnd(int i) {
    return ve(i);
  }

  final String rawLine(int i) {
    int s = ls(i);
    int e = le(i);
    while (e > s && (b[e - 1] == '\n' || b[e - 1] == '\r')) {
      e--;
    }
    return Lex.str(b, s, e);
  }

  final int longestPhysicalLine(int i) {
    int e = le(i);
    int longest = 0;
    int ls = ls(i);
    for (int nl; ls < e && (nl = Lex.indexOfNewline(b, ls, e)) >= 0; ls = nl + 1) {
      int le = nl > ls && b[nl - 1] == '\r' ? nl - 1 : nl;
      longest = Math.max(longest, le - ls);
    }
    return Math.max(longest, e - ls);
  }

  final int headersStart() {
    return count > 0 ? ls(0) : bodyStart;
  }

  final int absBodyStart() {
    return bodyStart;
  }

  final int absLineStart(int i) {
    return ls(i);
  }

  final int absLineEnd(int i) {
    return le(i);
  }

  /** End of the header section before the empty line (absolute). */
  final int absHeadersEnd() {
    return headersEnd;
  }

  final List<Integer> indexesOf(String name) {
    List<Integer> out = new ArrayList<>(1);
    for (int i = find(name, 0); i >= 0; i = find(name, i + 1)) {
      out.add(i);
    }
    return Collections.unmodifiableList(out);
  }
}
