package io.sipalg.parser;

/**
 * A message too broken to answer: {@link ResponseBuilder#toUnparseable} could not find the headers
 * a response must copy (Via, From, To, Call-ID, CSeq), or the message looks like a response or an
 * ACK, which are never answered (RFC 3261 17). The caller drops the message instead.
 */
public final class UnanswerableMessageException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message why no response can be built, e.g. {@code no Call-ID header}
   */
  public UnanswerableMessageException(String message) {
    super(message);
  }
}
