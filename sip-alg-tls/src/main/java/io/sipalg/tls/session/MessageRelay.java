package io.sipalg.tls.session;

import io.sipalg.api.inspect.SipInspector;
import io.sipalg.api.inspect.Verdict;
import io.sipalg.api.session.CloseReason;
import io.sipalg.api.session.Direction;
import io.sipalg.parser.FramingException;
import io.sipalg.parser.SipFrame;
import io.sipalg.parser.SipEditor;
import io.sipalg.parser.SipFramer;
import io.sipalg.parser.SipLimits;
import io.sipalg.parser.SipMessage;
import io.sipalg.parser.SipParseException;
import io.sipalg.parser.UnanswerableMessageException;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One direction's SIP path: frames the decrypted byte stream, parses each message, runs the
 * inspector chain and carries out its verdict through a {@link MessageSink}. Counts every message
 * it receives as responded or dropped here; forwarded messages are counted by the sink when they
 * actually leave (they may be held until the server leg is up).
 */
final class MessageRelay {
  private static final Logger log = LoggerFactory.getLogger(MessageRelay.class);

  private final Direction direction;
  private final SipFramer framer;
  private final SipInspector inspector;
  private final SessionContext context;
  private final MessageCounter counter;
  private final MessageSink sink;
  /**
   * Edited messages are serialised here rather than into a new array each: the sink encrypts or
   * copies a buffer before returning (see {@link MessageSink}). Released with the framer's buffer.
   */
  private ByteBuffer scratch;
  private boolean failed;

  MessageRelay(
      Direction direction,
      SipLimits limits,
      SipInspector inspector,
      SessionContext context,
      MessageCounter counter,
      MessageSink sink) {
    this.direction = direction;
    this.framer = new SipFramer(limits);
    this.inspector = inspector;
    this.context = context;
    this.counter = counter;
    this.sink = sink;
  }

  /** Whether a message has started but not fully arrived (a close now would cut it). */
  boolean inMessage() {
    return framer.inMessage();
  }

  /** Releases the framer's buffer if no partial message is pending (for idle sessions). */
  void trim() {
    framer.trim();
    scratch = null;
  }

  /** Bytes of buffer held by the framer and for serialising edited messages. */
  int capacity() {
    return framer.capacity() + (scratch == null ? 0 : scratch.capacity());
  }

  /** Consumes decrypted bytes and handles every whole message or keep-alive they complete. */
  void receive(ByteBuffer plaintext) {
    if (failed) {
      plaintext.position(plaintext.limit());
      return;
    }
    framer.feed(plaintext);
    while (!failed) {
      SipFrame frame;
      try {
        frame = framer.next();
      } catch (FramingException e) {
        failed = true;
        sink.fail(
            CloseReason.on(
                direction.from(),
                CloseReason.Cause.FRAMING_ERROR,
                "SIP stream cannot be framed (" + e.reason() + "): " + e.getMessage()));
        return;
      }
      if (frame == null) {
        return;
      }
      if (frame.isMessage()) {
        counter.received++;
        handle(frame);
      } else {
        counter.keepAlives++;
        sink.forwardKeepAlive(frame.asByteBuffer());
      }
    }
  }

  private void handle(SipFrame frame) {
    SipMessage message;
    try {
      message = frame.parse(); // adopts the framer's header index instead of re-scanning
    } catch (SipParseException e) {
      Verdict verdict = inspectUnparseable(frame, e);
      if (verdict.kind() == Verdict.Kind.RESPOND) {
        respondUnparseable(frame, verdict);
        return;
      }
      context.verdict(summaryOf(frame), verdict);
      if (verdict.isForward()) {
        sink.forwardMessage(frame.asByteBuffer());
      } else {
        finish(verdict);
      }
      return;
    }
    Verdict verdict = inspect(message);
    if (verdict.kind() == Verdict.Kind.RESPOND) {
      respond(message, verdict);
      return;
    }
    ByteBuffer out = null;
    if (verdict.isForward()) {
      try {
        out = serialize(message);
      } catch (RuntimeException e) {
        // e.g. overlapping edits: an inspector bug, handled like one (see inspect)
        log.error("{}: edits of {} cannot be serialised", context.sessionId(), message.startLine(), e);
        verdict = Verdict.drop("inspector edits cannot be serialised: " + e.getMessage());
      }
    }
    context.verdict(message.startLine(), verdict);
    switch (verdict.kind()) {
      case FORWARD -> sink.forwardMessage(out);
      case DROP, CLOSE -> finish(verdict);
      default -> throw new IllegalStateException("unhandled verdict " + verdict);
    }
  }

  /** The message's bytes as forwarded: the original ones, or the edits spliced into scratch. */
  private ByteBuffer serialize(SipMessage message) {
    if (!message.isEdited()) {
      return message.asByteBuffer();
    }
    SipEditor editor = message.edit();
    int length = editor.serializedLength();
    if (scratch == null || scratch.capacity() < length) {
      scratch = ByteBuffer.allocate(Math.max(length, 4096));
    }
    scratch.clear();
    editor.writeTo(scratch);
    return scratch.flip();
  }

  private void respond(SipMessage request, Verdict verdict) {
    byte[] response;
    try {
      response = Responses.build(request, verdict);
    } catch (RuntimeException e) {
      // A request too broken to answer (e.g. no usable Via) is dropped instead.
      cannotAnswer(request.startLine(), verdict, e.getMessage());
      return;
    }
    answered(request.startLine(), verdict, response);
  }

  /**
   * {@code respond} for a message whose start line did not parse (e.g. {@code malformed-request-line
   * respond}): answered from its raw Via, From, To, Call-ID and CSeq lines when it has them.
   */
  private void respondUnparseable(SipFrame frame, Verdict verdict) {
    byte[] response;
    try {
      response = Responses.buildUnparseable(frame, verdict);
    } catch (UnanswerableMessageException | RuntimeException e) {
      cannotAnswer(summaryOf(frame), verdict, e.getMessage());
      return;
    }
    answered(summaryOf(frame), verdict, response);
  }

  private void answered(String summary, Verdict verdict, byte[] response) {
    context.verdict(summary, verdict);
    counter.responded++;
    sink.respond(ByteBuffer.wrap(response));
  }

  /** The verdict asked for a response that cannot be built: the message is dropped, saying why. */
  private void cannotAnswer(String summary, Verdict verdict, String why) {
    context.verdict(summary, Verdict.drop(verdict.reason() + "; not answered: " + why));
    counter.dropped++;
  }

  private void finish(Verdict verdict) {
    counter.dropped++;
    if (verdict.kind() == Verdict.Kind.CLOSE) {
      failed = true;
      sink.fail(CloseReason.of(CloseReason.Cause.INSPECTOR, verdict.reason()));
    }
  }

  private Verdict inspect(SipMessage message) {
    context.beginMessage(direction);
    try {
      return inspector.inspect(message, context);
    } catch (RuntimeException e) {
      // An inspector bug must not forward an uninspected message nor kill the session.
      log.error("{}: inspector failed on {}", context.sessionId(), message.startLine(), e);
      return Verdict.drop("inspector failed: " + e);
    }
  }

  private Verdict inspectUnparseable(SipFrame frame, SipParseException error) {
    context.beginMessage(direction);
    try {
      return inspector.inspectUnparseable(frame, error, context);
    } catch (RuntimeException e) {
      log.error("{}: inspector failed on an unparseable message", context.sessionId(), e);
      return Verdict.drop("inspector failed: " + e);
    }
  }

  /** The first line of a message that did not parse, for events (bounded, printable). */
  private static String summaryOf(SipFrame frame) {
    byte[] b = frame.array();
    int end = frame.offset();
    int limit = frame.offset() + Math.min(frame.length(), 120);
    while (end < limit && b[end] != '\r' && b[end] != '\n') {
      end++;
    }
    StringBuilder s = new StringBuilder(end - frame.offset());
    for (int i = frame.offset(); i < end; i++) {
      char c = (char) (b[i] & 0xff);
      s.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return s.toString();
  }
}
