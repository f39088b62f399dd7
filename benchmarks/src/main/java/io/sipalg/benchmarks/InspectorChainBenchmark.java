package io.sipalg.benchmarks;

import io.sipalg.api.SslMode;
import io.sipalg.api.VoipProfile;
import io.sipalg.api.inspect.InspectionContext;
import io.sipalg.api.inspect.SessionAttributes;
import io.sipalg.api.inspect.SipInspector;
import io.sipalg.api.inspect.Verdict;
import io.sipalg.api.session.Direction;
import io.sipalg.api.session.Leg;
import io.sipalg.api.session.LegTlsInfo;
import io.sipalg.api.session.Pinhole;
import io.sipalg.api.session.SessionAddresses;
import io.sipalg.inspect.InspectorServices;
import io.sipalg.inspect.StandardInspectors;
import io.sipalg.parser.SipEditor;
import io.sipalg.parser.SipFramer;
import io.sipalg.parser.SipMessage;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The standard inspector chain alone, without TLS: what {@code PipelineBenchmark}'s STANDARD
 * relay pays over PASS_THROUGH, measured without the crypto's noise. One operation is one message
 * of a REGISTER / 200 OK round trip on one session (the pipeline's traffic): frame and parse the
 * bytes as the relay does, inspect in the message's direction, serialise (edits into a reused
 * buffer, as the relay does). {@code PASS_THROUGH} is the same with the
 * pass-through inspector, so the difference is the chain's own cost per message.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 6, time = 1) // the chain needs ~4 s of JIT before it runs steadily
@Measurement(iterations = 3, time = 1)
@Fork(2)
public class InspectorChainBenchmark {
  /** Which chain inspects. */
  public enum Chain { STANDARD, PASS_THROUGH }

  @Param({"STANDARD", "PASS_THROUGH"})
  public Chain chain;

  private final byte[] request = SipSamples.REGISTER.bytes();
  private final byte[] response = SipSamples.OK_200.bytes();
  private final BenchCall call = new BenchCall();
  private final SipFramer framer = new SipFramer(); // as the relay frames: the framer's index
  private ByteBuffer scratch = ByteBuffer.allocate(4096);
  private SipInspector inspector;
  private BenchContext context;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    VoipProfile profile = VoipProfile.builder()
        .name("bench")
        .sslMode(SslMode.FULL)
        .sslServerCertificate("alg-server")
        .sslClientCertificate("alg-client")
        .build();
    inspector = chain == Chain.STANDARD
        ? StandardInspectors.from(profile, InspectorServices.create()) : SipInspector.passThrough();
    context = new BenchContext(profile);
    for (int i = 0; i < 1000; i++) {
      if (!roundTrip(null)) {
        throw new IllegalStateException("the chain did not forward round trip " + i);
      }
    }
    int openedBefore = context.opened;
    int openBefore = context.opened - context.closed; // the registration's, which calls keep
    for (int i = 0; i < 200; i++) {
      if (!call(null)) {
        throw new IllegalStateException("the chain did not forward call " + i);
      }
    }
    // the calls must do what calls do: pinholes opened by the call, all closed by its BYE
    int opened = context.opened - openedBefore;
    int open = context.opened - context.closed;
    if (chain == Chain.STANDARD && (opened < 200 || open != openBefore)) {
      throw new IllegalStateException("200 calls opened " + opened + " pinholes and left "
          + (open - openBefore) + " open");
    }
  }

  @Benchmark
  @OperationsPerInvocation(2)
  public boolean registerRoundTrip(Blackhole bh) throws Exception {
    return roundTrip(bh);
  }

  @Benchmark
  @OperationsPerInvocation(5)
  public boolean wholeCall(Blackhole bh) throws Exception {
    return call(bh);
  }

  private boolean call(Blackhole bh) throws Exception {
    call.next();
    boolean forwarded = true;
    for (int m = 0; m < call.messages.length; m++) {
      context.direction = call.fromPhone[m] ? Direction.PHONE_TO_SERVER : Direction.SERVER_TO_PHONE;
      forwarded &= inspectAndSerialize(call.messages[m], bh);
    }
    context.nanos += 1_000_000L;
    return forwarded;
  }

  private boolean roundTrip(Blackhole bh) throws Exception {
    context.direction = Direction.PHONE_TO_SERVER;
    boolean forwarded = inspectAndSerialize(request, bh);
    context.direction = Direction.SERVER_TO_PHONE;
    forwarded &= inspectAndSerialize(response, bh);
    context.nanos += 1_000_000L; // 1 ms per round trip: timers and rate limits see time pass
    return forwarded;
  }

  private boolean inspectAndSerialize(byte[] bytes, Blackhole bh) throws Exception {
    framer.feed(bytes, 0, bytes.length);
    SipMessage message = framer.next().parse();
    Verdict verdict = inspector.inspect(message, context);
    if (!verdict.isForward()) {
      return false;
    }
    ByteBuffer out = serialize(message);
    if (bh != null) {
      bh.consume(out);
    }
    if (framer.next() != null) { // drained, as the framer's Javadoc asks, so it reuses its buffer
      throw new IllegalStateException("one message in, more than one out");
    }
    return true;
  }

  /** As the relay serialises: the original bytes, or the edits spliced into a reused buffer. */
  private ByteBuffer serialize(SipMessage message) {
    if (!message.isEdited()) {
      return message.asByteBuffer();
    }
    SipEditor editor = message.edit();
    int length = editor.serializedLength();
    if (scratch.capacity() < length) {
      scratch = ByteBuffer.allocate(length);
    }
    scratch.clear();
    editor.writeTo(scratch);
    return scratch.flip();
  }

  /** A session as the core presents it to inspectors; reports go nowhere, as with no listener. */
  static final class BenchContext implements InspectionContext {
    private static final Clock CLOCK =
        Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);
    private final VoipProfile profile;
    private final SessionAttributes attributes = new SessionAttributes();
    private final SessionAddresses addresses = SessionAddresses
        .accepted(AlgPipeline.PHONE, AlgPipeline.ALG_INSIDE)
        .withServerSide(AlgPipeline.ALG_OUTSIDE, new InetSocketAddress("198.51.100.10", 5061));
    Direction direction = Direction.PHONE_TO_SERVER;
    long nanos = 1_000_000_000L;
    int opened;
    int closed;

    BenchContext(VoipProfile profile) {
      this.profile = profile;
    }

    @Override
    public String sessionId() {
      return "bench";
    }

    @Override
    public Direction direction() {
      return direction;
    }

    @Override
    public SessionAddresses addresses() {
      return addresses;
    }

    @Override
    public Optional<LegTlsInfo> tls(Leg leg) {
      return Optional.empty();
    }

    @Override
    public VoipProfile profile() {
      return profile;
    }

    @Override
    public SessionAttributes attributes() {
      return attributes;
    }

    @Override
    public Clock clock() {
      return CLOCK;
    }

    @Override
    public long nanoTime() {
      return nanos;
    }

    @Override
    public void reportViolation(String option, String action, String detail) {
    }

    @Override
    public void reportPinhole(Pinhole.Change change, Pinhole pinhole) {
      if (change == Pinhole.Change.OPEN) {
        opened++;
      } else if (change == Pinhole.Change.CLOSE) {
        closed++;
      }
    }

    @Override
    public boolean notesEnabled() {
      return false;
    }

    @Override
    public void note(String note) {
    }
  }
}
