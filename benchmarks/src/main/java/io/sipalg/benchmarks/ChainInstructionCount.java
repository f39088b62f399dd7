package io.sipalg.benchmarks;

import io.sipalg.benchmarks.InspectorChainBenchmark.Chain;

/**
 * The loop {@code benchmarks/instructions.sh chain CHAIN} runs under callgrind:
 * {@link InspectorChainBenchmark}'s REGISTER / 200 OK round trip (frame, parse, inspect,
 * serialise; its setup included, which checks that the chain forwards), {@code N / 2} times, so
 * two runs of different N give the instructions one message costs. Like
 * {@link InstructionCount}, not a JMH benchmark: times from it mean nothing.
 *
 * <p>Usage: {@code ChainInstructionCount CHAIN N}, e.g. {@code STANDARD 30000}.
 */
public final class ChainInstructionCount {
  private ChainInstructionCount() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: ChainInstructionCount STANDARD|PASS_THROUGH N");
      System.exit(2);
    }
    InspectorChainBenchmark benchmark = new InspectorChainBenchmark();
    benchmark.chain = Chain.valueOf(args[0]);
    benchmark.setUp();
    int messages = Integer.parseInt(args[1]);
    for (int i = 0; i < messages / 2; i++) {
      if (!benchmark.registerRoundTrip(null)) {
        throw new IllegalStateException("the chain did not forward round trip " + i);
      }
    }
    System.out.println(args[0] + " x" + messages + " messages forwarded");
  }
}
