package io.sipalg.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sipalg.api.MalformedAction;
import io.sipalg.api.MalformedHeaderOption;
import io.sipalg.api.VoipProfile;
import io.sipalg.api.inspect.SipInspector;
import io.sipalg.api.inspect.Verdict;
import io.sipalg.api.session.Direction;
import io.sipalg.parser.FramingException;
import io.sipalg.parser.ResponseBuilder;
import io.sipalg.parser.SipFrame;
import io.sipalg.parser.SipFramer;
import io.sipalg.parser.SipLimits;
import io.sipalg.parser.SipMessage;
import io.sipalg.parser.SipParseException;
import io.sipalg.parser.UnanswerableMessageException;
import java.nio.ByteBuffer;

/**
 * Coverage-guided fuzzing of the standard inspector chain over one session: a profile chosen by
 * the input's first three bytes, then a stream of messages in both directions. An inspector must
 * never throw (the core would drop the message, but that is a bug), every forwarded message must
 * serialise, still parse and carry no bare CR or NUL in its head, and every {@code respond} must
 * be buildable (or typed as unanswerable). In a normal build only the seeds in
 * {@code src/test/resources/io/sipalg/inspect/InspectorChainFuzzTestInputs/} are replayed;
 * {@code JAZZER_FUZZ=1} fuzzes for real (see the module README).
 */
class InspectorChainFuzzTest {
  private static final int KNOBS = 3;
  private static final MalformedAction[] ACTIONS = MalformedAction.values();

  @FuzzTest(maxDuration = "30s")
  void sessionOfMessages(byte[] input) {
    if (input.length < KNOBS) {
      return;
    }
    VoipProfile profile = profile(input[0] & 0xFF, input[2] & 0xFF);
    SipInspector chain = new Harness().chain(profile);
    FakeContext context = new FakeContext(profile);
    SipFramer framer = new SipFramer(SipLimits.builder().maxBodyBytes(4096)
        .maxHeaderSectionBytes(8192).maxLineLength(2048).maxHeaderCount(64).build());
    framer.feed(ByteBuffer.wrap(input, KNOBS, input.length - KNOBS));
    int directions = input[1] & 0xFF;
    for (int n = 0; n < 32; n++) {
      SipFrame frame;
      try {
        frame = framer.next();
      } catch (FramingException e) {
        break; // the core closes the session; nothing reaches the inspectors
      }
      if (frame == null) {
        break;
      }
      if (frame.isMessage()) {
        context.direction = (directions >>> (n & 7) & 1) == 0
            ? Direction.PHONE_TO_SERVER : Direction.SERVER_TO_PHONE;
        context.nanos += 1_000_000L;
        inspect(chain, context, frame);
      }
    }
    chain.sessionClosed(context);
  }

  /** Knob byte {@code a}: malformed actions and line limits; {@code b}: NAT and policy switches. */
  private static VoipProfile profile(int a, int b) {
    VoipProfile.Builder p = VoipProfile.builder()
        .unknownHeader(ACTIONS[a / 3 % 3])
        .malformedRequestLine(ACTIONS[a / 9 % 3])
        .rfc2543Branch(a / 27 % 2 == 1)
        .contactFixup((b & 1) != 0)
        .noSdpFixup((b & 2) != 0)
        .natTrace((b & 4) != 0)
        .preserveOverride((b & 8) != 0)
        .registerContactTrace((b & 16) != 0)
        .hostedNatTraversal((b & 32) != 0)
        .strictRegister((b & 64) != 0)
        .blockUnknown((b & 128) != 0);
    for (MalformedHeaderOption option : MalformedHeaderOption.values()) {
      p.malformedAction(option, ACTIONS[a % 3]);
    }
    if (a / 54 % 2 == 1) {
      p.maxLineLength(78);
    }
    return p.build();
  }

  private static void inspect(SipInspector chain, FakeContext context, SipFrame frame) {
    SipMessage message;
    try {
      message = frame.parse();
    } catch (SipParseException error) {
      Verdict v = chain.inspectUnparseable(frame, error, context);
      if (v.isForward()) {
        assertThat(frame.hasUnsafeControls()).as("forwarded unparsed with a bare CR/NUL").isFalse();
      } else if (v.kind() == Verdict.Kind.RESPOND) {
        try {
          assertSafe(ResponseBuilder.toUnparseable(frame.array(), frame.offset(), frame.length())
              .status(v.statusCode()).reason(v.reasonPhrase()).build(), "response");
        } catch (UnanswerableMessageException expected) {
          // the core drops it and says why
        }
      }
      return;
    }
    Verdict v = chain.inspect(message, context);
    if (v.isForward()) {
      assertSafe(message.isEdited() ? message.edit().toByteArray() : message.toByteArray(),
          "forwarded message");
    } else if (v.kind() == Verdict.Kind.RESPOND) {
      assertThat(message.isRequest() && !message.isMethod("ACK"))
          .as("respond only for requests other than ACK").isTrue();
      ResponseBuilder builder = ResponseBuilder.to(message).status(v.statusCode())
          .reason(v.reasonPhrase());
      for (Verdict.Header h : v.headers()) {
        builder.header(h.name(), h.value());
      }
      assertSafe(builder.build(), "response");
    }
  }

  /** What leaves the ALG parses and carries no bare CR or NUL in its head. */
  private static void assertSafe(byte[] out, String what) {
    SipFrame frame = SipFrame.ofMessage(out, 0, out.length);
    assertThat(frame.hasUnsafeControls()).as(what + " with a bare CR/NUL").isFalse();
    try {
      frame.parse();
    } catch (SipParseException e) {
      throw new AssertionError(what + " does not parse: " + e.getMessage(), e);
    }
  }
}
