package io.sipalg.tls.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sipalg.api.MalformedAction;
import io.sipalg.api.MalformedHeaderOption;
import io.sipalg.api.VoipProfile;
import io.sipalg.api.inspect.SipInspector;
import io.sipalg.api.inspect.Verdict;
import io.sipalg.api.session.AlgEvent;
import io.sipalg.api.session.CloseReason;
import io.sipalg.api.session.Direction;
import io.sipalg.api.session.SessionAddresses;
import io.sipalg.inspect.InspectorServices;
import io.sipalg.inspect.StandardInspectors;
import io.sipalg.parser.SipFrame;
import io.sipalg.parser.SipLimits;
import io.sipalg.parser.SipParseException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Coverage-guided fuzzing of a session's SIP path without the TLS around it: both directions'
 * {@link MessageRelay}s over one {@link SessionContext} and the standard inspector chain, fed the
 * decrypted streams in chunks of any size (as TLS records would cut them). Checks the accounting
 * promise: every message that enters is forwarded, answered or dropped, counted, and every
 * decision other than forward is an event; nothing thrown escapes; nothing that leaves (forwarded
 * or a response) carries a bare CR or NUL in its head, and a response parses. In a normal build
 * only the seeds in {@code src/test/resources/io/sipalg/tls/session/MessageRelayFuzzTestInputs/}
 * are replayed; {@code JAZZER_FUZZ=1} fuzzes for real (see the module README).
 */
class MessageRelayFuzzTest {
  private static final MalformedAction[] ACTIONS = MalformedAction.values();
  private static final InetSocketAddress PHONE = new InetSocketAddress("10.0.0.5", 50123);
  private static final InetSocketAddress ALG_INSIDE = new InetSocketAddress("10.0.0.1", 5061);
  private static final InetSocketAddress ALG_OUTSIDE = new InetSocketAddress("192.0.2.1", 40000);
  private static final InetSocketAddress SERVER = new InetSocketAddress("198.51.100.10", 5061);

  /** What one direction's relay handed out. */
  private static final class RecordingSink implements MessageSink {
    final MessageCounter counter = new MessageCounter();
    final List<byte[]> forwarded = new ArrayList<>();
    final List<byte[]> responses = new ArrayList<>();
    CloseReason failure;

    @Override
    public void forwardMessage(ByteBuffer message) {
      forwarded.add(copy(message));
      counter.forwarded++; // as the session's sink does when the bytes leave
    }

    @Override
    public void forwardKeepAlive(ByteBuffer keepAlive) {
      copy(keepAlive);
    }

    @Override
    public void respond(ByteBuffer response) {
      responses.add(copy(response));
    }

    @Override
    public void fail(CloseReason reason) {
      failure = reason;
    }
  }

  /**
   * Byte 0: the profile's malformed actions and line limit; byte 1: chunk sizes; byte 2: which
   * direction each chunk goes to; the rest: the bytes of both streams, interleaved by chunk.
   */
  @FuzzTest(maxDuration = "30s")
  void bothDirectionsOfOneSession(byte[] input) {
    if (input.length < 3) {
      return;
    }
    VoipProfile profile = profile(input[0] & 0xFF);
    SipInspector chain = StandardInspectors.from(profile, InspectorServices.create());
    List<AlgEvent> events = new ArrayList<>();
    long[] nanos = {1_000_000_000L};
    SessionContext context = new SessionContext("fuzz", profile,
        SessionAddresses.accepted(PHONE, ALG_INSIDE).withServerSide(ALG_OUTSIDE, SERVER),
        Clock.fixed(Instant.parse("2026-11-27T00:00:00Z"), ZoneOffset.UTC), () -> nanos[0],
        events::add);
    SipLimits limits = SipLimits.builder().maxBodyBytes(4096).maxHeaderSectionBytes(8192)
        .maxLineLength(2048).maxHeaderCount(64).build();
    RecordingSink[] sinks = {new RecordingSink(), new RecordingSink()};
    MessageRelay[] relays = {
      new MessageRelay(Direction.PHONE_TO_SERVER, limits, chain, context, sinks[0].counter, sinks[0]),
      new MessageRelay(Direction.SERVER_TO_PHONE, limits, chain, context, sinks[1].counter, sinks[1])
    };
    int sizes = input[1] & 0xFF;
    int directions = input[2] & 0xFF;
    int p = 3;
    for (int k = 0; p < input.length; k++) {
      int chunk = Math.min(input.length - p, 1 + (sizes * (k + 7) + 13 * k) % 600);
      relays[directions >>> (k & 7) & 1].receive(ByteBuffer.wrap(input, p, chunk));
      nanos[0] += 1_000_000L;
      p += chunk;
    }
    long decisions = 0;
    for (RecordingSink sink : sinks) {
      MessageCounter c = sink.counter;
      assertThat(c.received).as("received = forwarded + responded + dropped")
          .isEqualTo(c.forwarded + c.responded + c.dropped);
      assertThat(sink.responses).hasSize((int) c.responded);
      sink.forwarded.forEach(m -> assertThat(hasUnsafeControls(m)).as("forwarded bare CR/NUL").isFalse());
      sink.responses.forEach(MessageRelayFuzzTest::assertCleanResponse);
      decisions += c.responded + c.dropped;
    }
    long evented = events.stream().filter(e -> e instanceof AlgEvent.VerdictIssued v
        && v.verdict().kind() != Verdict.Kind.FORWARD).count();
    assertThat(evented).as("every drop and response is an event").isEqualTo(decisions);
    chain.sessionClosed(context);
  }

  private static VoipProfile profile(int a) {
    VoipProfile.Builder p = VoipProfile.builder()
        .unknownHeader(ACTIONS[a / 3 % 3])
        .malformedRequestLine(ACTIONS[a / 9 % 3])
        .blockUnknown(a / 27 % 2 == 1);
    for (MalformedHeaderOption option : MalformedHeaderOption.values()) {
      p.malformedAction(option, ACTIONS[a % 3]);
    }
    if (a / 54 % 2 == 1) {
      p.maxLineLength(78);
    }
    return p.build();
  }

  private static byte[] copy(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  private static boolean hasUnsafeControls(byte[] message) {
    return SipFrame.ofMessage(message, 0, message.length).hasUnsafeControls();
  }

  private static void assertCleanResponse(byte[] response) {
    assertThat(hasUnsafeControls(response)).as("response with a bare CR/NUL").isFalse();
    try {
      assertThat(SipFrame.ofMessage(response, 0, response.length).parse().isResponse()).isTrue();
    } catch (SipParseException e) {
      throw new AssertionError("a generated response does not parse: " + e.getMessage(), e);
    }
  }
}
