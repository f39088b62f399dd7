package io.sipalg.parser;

/**
 * The byte stream cannot be cut into a SIP message at this point. {@link #reason()} says which
 * limit or which {@code Content-Length} problem; {@link #resynchronisable()} says what the caller
 * must do next: when {@code true} the framer has skipped the offending message and
 * {@link SipFramer#next()} may be called again; when {@code false} the stream position is lost
 * (for example after a bad {@code Content-Length}) and the connection must be closed.
 */
public final class FramingException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why framing failed. */
  public enum Reason {
    /** The header section exceeded {@link SipLimits#maxHeaderSectionBytes()}. */
    HEADER_SECTION_TOO_LARGE,
    /** A line exceeded {@link SipLimits#maxLineLength()}. */
    LINE_TOO_LONG,
    /** More header fields than {@link SipLimits#maxHeaderCount()}. */
    TOO_MANY_HEADERS,
    /** {@code Content-Length} larger than {@link SipLimits#maxBodyBytes()}. */
    BODY_TOO_LARGE,
    /** No {@code Content-Length} header (mandatory on stream transports, RFC 3261 18.3). */
    CONTENT_LENGTH_MISSING,
    /** More than one {@code Content-Length} header or value. */
    CONTENT_LENGTH_MULTIPLE,
    /** {@code Content-Length} is negative. */
    CONTENT_LENGTH_NEGATIVE,
    /** {@code Content-Length} is not a decimal number. */
    CONTENT_LENGTH_NOT_NUMERIC,
    /** {@code Content-Length} does not fit in a 64-bit integer. */
    CONTENT_LENGTH_OVERFLOW,
    /** The framer already failed unrecoverably; it accepts nothing more. */
    STREAM_CLOSED
  }

  private final Reason reason;
  private final boolean resynchronisable;
  private final transient byte[] headerSection;
  private final String detail;

  FramingException(Reason reason, boolean resynchronisable, String detail, byte[] headerSection) {
    super(reason + ": " + detail);
    this.reason = reason;
    this.resynchronisable = resynchronisable;
    this.headerSection = headerSection;
    this.detail = detail;
  }

  /** Which limit or {@code Content-Length} problem stopped framing. */
  public Reason reason() {
    return reason;
  }

  /** The human-readable detail without the reason prefix, e.g. {@code Content-Length -999}. */
  public String detail() {
    return detail;
  }

  /**
   * Whether the framer skipped the bad message and may be asked for the next frame; {@code false}
   * means the connection must be closed.
   */
  public boolean resynchronisable() {
    return resynchronisable;
  }

  /**
   * A copy of the complete header section of the refused message (start line through the empty
   * line), when it was read in full, so the caller can build an error response (e.g. 413); otherwise
   * {@code null}.
   */
  public byte[] headerSection() {
    return headerSection == null ? null : headerSection.clone();
  }
}
