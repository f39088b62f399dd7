package io.sipalg.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code sip-alg demo}: not implemented in this build yet (see the open issues). */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Run a self-contained demo: registrar, ALG and phone on loopback.")
final class DemoCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("sip-alg demo: not implemented in this build yet");
    return 1;
  }
}
