package io.sipalg.benchmarks;

import io.sipalg.parser.SipFramer;
import io.sipalg.parser.SipMessage;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Where {@link ParserBenchmark#sipAlgFrameParseTouched}'s time goes: frame + parse, then exactly
 * one of the six reads it makes (or none, all six, a minimal lower bound of the six, or framing
 * alone). The cost of a read is its score's time per message minus {@code none}'s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(3)
public class ParserBreakdownBenchmark {
  /** Which single read follows frame + parse. */
  public enum Read {
    FRAME_ONLY, NONE, VIA_BRANCH, FROM_TAG, TO_HOST, CALL_ID, CSEQ, CONTACT_HOST, ALL_SIX,
    MINIMAL_SIX,
    /** {@link io.sipalg.parser.OnePassAddress}, an experiment: not in the default params. */
    ONE_PASS_TO_HOST,
    /** The same for the Contact. */
    ONE_PASS_CONTACT_HOST
  }

  @Param({"REGISTER"})
  public SipSamples message;

  @Param({"FRAME_ONLY", "NONE", "VIA_BRANCH", "FROM_TAG", "TO_HOST", "CALL_ID", "CSEQ",
      "CONTACT_HOST", "ALL_SIX", "MINIMAL_SIX"})
  public Read read;

  private byte[] bytes;
  private SipFramer framer;

  @Setup
  public void setUp() {
    bytes = message.bytes();
    framer = new SipFramer();
  }

  @Benchmark
  public void frameParseRead(Blackhole bh) throws Exception {
    framer.feed(bytes, 0, bytes.length);
    if (read == Read.FRAME_ONLY) {
      bh.consume(framer.next());
    } else {
      SipMessage m = framer.next().parse();
      switch (read) {
        case VIA_BRANCH -> bh.consume(m.topVia().branch());
        case FROM_TAG -> bh.consume(m.from().tag());
        case TO_HOST -> bh.consume(m.to().uri().host());
        case CALL_ID -> bh.consume(m.callId());
        case CSEQ -> bh.consume(m.cseq().number());
        case CONTACT_HOST -> bh.consume(m.contacts().get(0).uri().host());
        case ALL_SIX -> {
          bh.consume(m.topVia().branch());
          bh.consume(m.from().tag());
          bh.consume(m.to().uri().host());
          bh.consume(m.callId());
          bh.consume(m.cseq().number());
          bh.consume(m.contacts().get(0).uri().host());
        }
        case MINIMAL_SIX -> bh.consume(io.sipalg.parser.MinimalTouch.touch(m));
        case ONE_PASS_TO_HOST -> bh.consume(io.sipalg.parser.OnePassAddress.toHost(m));
        case ONE_PASS_CONTACT_HOST -> bh.consume(io.sipalg.parser.OnePassAddress.contactHost(m));
        default -> bh.consume(m);
      }
    }
    if (framer.next() != null) {
      throw new IllegalStateException("one message fed, more than one framed");
    }
  }
}
