package io.sipalg.parser;

import io.sipalg.benchmarks.SipSamples;
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
 * Benchmark experiment, not library code (in the parser's package to reach {@code Lex} and
 * {@code HotHeaders}): the floor under framing one message on this machine. {@code lineEnds}
 * finds every line end of the header section with the framer's own 8-bytes-at-a-time scan and
 * does nothing else; {@code lineEndsAndNames} also classifies each header name as the framer
 * does; {@code framer} is the whole {@link SipFramer} ({@code feed} + {@code next} until null,
 * as in {@code ParserBreakdownBenchmark read=FRAME_ONLY}). No framer can take less than
 * {@code lineEnds}: it must find the end of the header section and the Content-Length line.
 * See docs/benchmarks.md, Gaps 1.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(3)
public class FramingFloorBenchmark {
  @Param({"REGISTER"})
  public SipSamples message;

  private byte[] bytes;
  private SipFramer framer;

  @Setup
  public void setUp() {
    bytes = message.bytes();
    framer = new SipFramer();
  }

  @Benchmark
  public int lineEnds() {
    byte[] b = bytes;
    int lines = 0;
    for (int p = 0, nl; (nl = Lex.indexOfNewline(b, p, b.length)) >= 0 && nl > p + 1; p = nl + 1) {
      lines++;
    }
    return lines;
  }

  @Benchmark
  public int lineEndsAndNames() {
    byte[] b = bytes;
    int ids = 0;
    for (int p = 0, nl; (nl = Lex.indexOfNewline(b, p, b.length)) >= 0 && nl > p + 1; p = nl + 1) {
      ids += HotHeaders.classify(b, p, nl - 1);
    }
    return ids;
  }

  @Benchmark
  public void framer(Blackhole bh) throws Exception {
    framer.feed(bytes, 0, bytes.length);
    bh.consume(framer.next());
    if (framer.next() != null) {
      throw new IllegalStateException("one message fed, more than one framed");
    }
  }
}
