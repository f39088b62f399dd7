package io.sipalg.benchmarks;

import io.sipalg.benchmarks.ParserBreakdownBenchmark.Read;
import io.sipalg.parser.MinimalTouch;
import io.sipalg.parser.OnePassAddress;
import io.sipalg.parser.SipFramer;
import io.sipalg.parser.SipMessage;

/**
 * The loop {@code benchmarks/instructions.sh} runs under callgrind:
 * {@link ParserBreakdownBenchmark}'s operation (frame + parse one sample message, then the chosen
 * reads), {@code N} times in one thread. Instruction counts, unlike this shared host's clock,
 * repeat from run to run, so two runs of different N give the instructions one message costs
 * once the JIT has settled. Not a JMH benchmark: times from it mean nothing.
 *
 * <p>Usage: {@code InstructionCount READ MESSAGE N}, e.g. {@code ALL_SIX REGISTER 120000}.
 */
public final class InstructionCount {
  /** Keeps every read's result reachable, so the JIT cannot drop the work. */
  private static final Object[] SINK = new Object[8];

  private InstructionCount() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: InstructionCount READ MESSAGE N");
      System.exit(2);
    }
    Read read = Read.valueOf(args[0]);
    byte[] bytes = SipSamples.valueOf(args[1]).bytes();
    int n = Integer.parseInt(args[2]);
    SipFramer framer = new SipFramer();
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += once(read, bytes, framer);
    }
    System.out.println(read + " " + args[1] + " x" + n + ": " + sum);
  }

  private static long once(Read read, byte[] bytes, SipFramer framer) throws Exception {
    framer.feed(bytes, 0, bytes.length);
    long h = 1;
    if (read == Read.FRAME_ONLY) {
      SINK[0] = framer.next();
    } else {
      SipMessage m = framer.next().parse();
      SINK[0] = m;
      switch (read) {
        case VIA_BRANCH -> SINK[1] = m.topVia().branch();
        case FROM_TAG -> SINK[1] = m.from().tag();
        case TO_HOST -> SINK[1] = m.to().uri().host();
        case CALL_ID -> SINK[1] = m.callId();
        case CSEQ -> h += m.cseq().number();
        case CONTACT_HOST -> SINK[1] = m.contacts().get(0).uri().host();
        case ALL_SIX -> {
          SINK[1] = m.topVia().branch();
          SINK[2] = m.from().tag();
          SINK[3] = m.to().uri().host();
          SINK[4] = m.callId();
          h += m.cseq().number();
          SINK[5] = m.contacts().get(0).uri().host();
        }
        case MINIMAL_SIX -> h += MinimalTouch.touch(m);
        case ONE_PASS_TO_HOST -> SINK[1] = OnePassAddress.toHost(m);
        case ONE_PASS_CONTACT_HOST -> SINK[1] = OnePassAddress.contactHost(m);
        default -> { }
      }
    }
    if (framer.next() != null) {
      throw new IllegalStateException("one message fed, more than one framed");
    }
    return h;
  }
}
