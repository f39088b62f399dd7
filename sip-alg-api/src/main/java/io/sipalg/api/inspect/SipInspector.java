package io.sipalg.api.inspect;

import io.sipalg.parser.SipFrame;
import io.sipalg.parser.SipMessage;
import io.sipalg.parser.SipParseException;
import java.util.List;

/**
 * Looks at each decrypted SIP message and decides its fate. Inspectors may edit the message
 * through its editor (the edits are serialised by splicing when it is forwarded) and keep state in
 * {@link InspectionContext#attributes()}. An inspector instance serves every session of an ALG
 * instance, possibly on several threads at once: state shared across sessions (e.g. rate limits)
 * must be thread-safe.
 *
 * <pre>{@code
 * SipInspector noMessages = (message, context) ->
 *     message.isRequest() && message.method().equals("MESSAGE")
 *         ? Verdict.respond(403, "Forbidden")
 *         : Verdict.forward();
 * SipInspector chain = SipInspector.chain(List.of(noMessages, SipInspector.passThrough()));
 * }</pre>
 */
@FunctionalInterface
public interface SipInspector {
  /**
   * Decides what happens to {@code message}. Must not throw: a failure inside an inspector is
   * treated by the core as a drop with the exception as the reason.
   */
  Verdict inspect(SipMessage message, InspectionContext context);

  /**
   * Decides what happens to a message whose start line could not be parsed (so there is no
   * {@link SipMessage}). The default drops it; the FortiOS {@code malformed-request-line} option
   * can choose otherwise. A {@link Verdict#respond} is answered from the raw Via, From, To, Call-ID
   * and CSeq lines ({@code ResponseBuilder.toUnparseable}); when the message lacks them, or looks
   * like a response or an ACK, the core drops it instead and the verdict event says why.
   *
   * @param frame the raw message bytes, valid during the call only
   * @param error why it did not parse
   * @param context the session
   */
  default Verdict inspectUnparseable(SipFrame frame, SipParseException error, InspectionContext context) {
    return Verdict.drop("unparseable message: " + error.getMessage());
  }

  /** Called once when the session ends, to release per-session state (close dialogs and pinholes). */
  default void sessionClosed(InspectionContext context) {}

  /** An inspector that forwards everything untouched. */
  static SipInspector passThrough() {
    return PassThrough.INSTANCE;
  }

  /**
   * Runs {@code inspectors} in order. The first verdict that is not {@code forward} wins and the
   * rest are skipped; a {@code respond} verdict for an ACK or a response becomes a drop.
   */
  static SipInspector chain(List<? extends SipInspector> inspectors) {
    return new InspectorChain(inspectors);
  }
}
