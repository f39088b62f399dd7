package io.sipalg.parser;

/**
 * The bytes are not a usable SIP message: the start line is missing or malformed (or the input is
 * not SIP at all). Malformed headers never cause this; they are reported as {@link HeaderError}s.
 */
public final class SipParseException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int offset;

  /**
   * Creates the exception.
   *
   * @param message why the message is unusable
   * @param offset byte offset in the message where the problem was found
   */
  public SipParseException(String message, int offset) {
    super(message + " (offset " + offset + ")");
    this.offset = offset;
  }

  /** Byte offset in the message where the problem was found. */
  public int offset() {
    return offset;
  }
}
