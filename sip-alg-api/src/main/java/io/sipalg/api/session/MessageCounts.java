package io.sipalg.api.session;

/**
 * Accounting of the SIP messages of one direction. Every message that enters is eventually
 * forwarded, answered by the ALG or dropped: {@code received == forwarded + responded + dropped +
 * held}, where {@code held} counts messages waiting for the server leg's handshake.
 *
 * @param received whole SIP messages decrypted and framed (keep-alives are not messages)
 * @param forwarded messages re-encrypted toward the other leg
 * @param responded requests answered by the ALG itself (a {@code respond} verdict)
 * @param dropped messages discarded: drop and close verdicts, unparseable messages, and messages
 *     still held when the session ended
 * @param keepAlives RFC 5626 CRLF keep-alives (pings and pongs) seen, forwarded as they came
 */
public record MessageCounts(
    long received, long forwarded, long responded, long dropped, long keepAlives) {

  /** All zero. */
  public static final MessageCounts ZERO = new MessageCounts(0, 0, 0, 0, 0);

  /** Messages received but not yet forwarded, answered or dropped. */
  public long held() {
    return received - forwarded - responded - dropped;
  }

  /** The sum of two counts, for totals across sessions. */
  public MessageCounts plus(MessageCounts o) {
    return new MessageCounts(
        received + o.received,
        forwarded + o.forwarded,
        responded + o.responded,
        dropped + o.dropped,
        keepAlives + o.keepAlives);
  }
}
