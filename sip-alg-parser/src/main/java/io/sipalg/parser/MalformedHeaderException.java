package io.sipalg.parser;

/**
 * A typed accessor was asked for a header whose value cannot be tokenised. The other headers are
 * still readable; {@link #error()} says which header, where and why.
 */
public final class MalformedHeaderException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient HeaderError error;

  /**
   * Wraps an error.
   *
   * @param error the header error
   */
  public MalformedHeaderException(HeaderError error) {
    super(error.toString());
    this.error = error;
  }

  /** The header, offset and cause. */
  public HeaderError error() {
    return error;
  }
}
