package io.sipalg.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One header field of a {@link SipMessage}, as a view of the message bytes: name as written, value
 * span (folded continuation lines included), physical line length. Created on demand.
 */
public final class SipHeader {
  /** Headers whose values contain commas that do not separate values (RFC 3261 7.3.1). */
  private static final Set<String> NOT_COMMA_SEPARATED = Set.of(
      "authorization", "proxy-authorization", "www-authenticate", "proxy-authenticate",
      "authentication-info", "date", "retry-after", "warning", "subject", "call-id", "cseq",
      "user-agent", "server", "organization", "identity", "timestamp");

  private final SipMessage message;
  private final int index;

  SipHeader(SipMessage message, int index) {
    this.message = message;
    this.index = index;
  }

  /** Position of this header among all header fields of the message (0-based). */
  public int index() {
    return index;
  }

  /** The name as written (e.g. {@code v}, {@code VIA}); for a line without a colon, the line. */
  public String name() {
    return message.nameAsWritten(index);
  }

  /** The canonical name ({@link HeaderNames#canonical(String)}), e.g. {@code Via} for {@code v}. */
  public String canonicalName() {
    return message.canonicalName(index);
  }

  /** Whether this header has the given name (long or compact form, any case). */
  public boolean is(String name) {
    return message.headerIs(index, name);
  }

  /** Whether the line has a colon after a non-empty token name; if not, it is malformed. */
  public boolean hasValidName() {
    return message.hasValidName(index);
  }

  /** Whether the name is a registered SIP header ({@link HeaderNames#isKnown(String)}). */
  public boolean isKnown() {
    return hasValidName() && HeaderNames.isKnownCanonical(canonicalName());
  }

  /** The value with folding collapsed to single spaces and outer whitespace trimmed. */
  public String value() {
    return message.valueString(index);
  }

  /**
   * The value split at top-level commas (outside quotes and {@code <>}), each trimmed; headers
   * such as Authorization, Date or Warning-like singletons are not split.
   */
  public List<String> values() {
    String v = value();
    List<String> out = new ArrayList<>(2);
    if (NOT_COMMA_SEPARATED.contains(canonicalName().toLowerCase(Locale.ROOT))) {
      out.add(v);
      return out;
    }
    boolean quoted = false;
    boolean angle = false;
    int from = 0;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (quoted) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          quoted = false;
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == '<') {
        angle = true;
      } else if (c == '>') {
        angle = false;
      } else if (c == ',' && !angle) {
        out.add(v.substring(from, i).trim());
        from = i + 1;
      }
    }
    out.add(v.substring(from).trim());
    return out;
  }

  /** Offset of the first byte of the header line in the message. */
  public int offset() {
    return message.lineStart(index);
  }

  /** Offset of the first byte of the value (after the colon and whitespace). */
  public int valueOffset() {
    return message.valueStart(index);
  }

  /** Offset just past the value (before the final CRLF; folded lines included). */
  public int valueEnd() {
    return message.valueEnd(index);
  }

  /** Offset just past the header's final line terminator. */
  public int end() {
    return message.lineEnd(index);
  }

  /** Length in bytes of the longest physical line of this header, without CRLF. */
  public int longestLineLength() {
    return message.longestPhysicalLine(index);
  }

  /** The header as written, including folding, without the final CRLF. */
  public String rawLine() {
    return message.rawLine(index);
  }

  /**
   * Validates this header's syntax if it is one of the headers this module knows how to check
   * (see {@link SipMessage#malformedHeaders()}); unknown headers are only checked for a name.
   *
   * @return the error, or {@code null} when the header is well-formed
   */
  public HeaderError error() {
    return message.checkHeader(index);
  }

  @Override
  public String toString() {
    return rawLine();
  }
}
