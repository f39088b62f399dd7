package io.sipalg.parser;

import io.sipalg.benchmarks.SipSamples;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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

/**
 * Benchmark experiment, not library code (in the parser's package to reach {@code Lex} and
 * {@code HotHeaders}): the floor under framing one message on this machine. {@code lineEnds}
 * finds every line end of the header section with the framer's own 8-bytes-at-a-time scan and
 * does nothing else; {@code lineEndsBranchFree} counts the line ends of the whole message with
 * exact zero-byte masks and no early exit; {@code lineEndsAndNames} also classifies each header
 * name as the framer does (the whole {@link SipFramer} is {@code ParserBreakdownBenchmark
 * read=FRAME_ONLY}). No framer can take less than {@code lineEnds}: it must find the end of the
 * header section and the Content-Length line.
 * See docs/benchmarks.md, Gaps 1.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(3)
public class FramingFloorBenchmark {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  @Param({"REGISTER"})
  public SipSamples message;

  private byte[] bytes;

  @Setup
  public void setUp() {
    bytes = message.bytes();
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

  /** Counts the message's LF bytes 8 at a time with no branch but the loop's: no early exit. */
  @Benchmark
  public int lineEndsBranchFree() {
    byte[] b = bytes;
    int count = 0;
    int i = 0;
    for (; i + 8 <= b.length; i += 8) {
      long x = (long) LONGS.get(b, i) ^ 0x0A0A0A0A0A0A0A0AL; // LF bytes become zero
      long nonZero = ((x & 0x7F7F7F7F7F7F7F7FL) + 0x7F7F7F7F7F7F7F7FL | x) & 0x8080808080808080L;
      count += Long.bitCount(~nonZero & 0x8080808080808080L);
    }
    for (; i < b.length; i++) {
      count += b[i] == '\n' ? 1 : 0;
    }
    return count;
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
}
