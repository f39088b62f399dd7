package io.sipalg.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code sip-alg run}: not implemented in this build yet (see the open issues). */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the ALG: accept SIP over TLS and relay it, inspected, to the upstream SIP server.")
final class RunCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("sip-alg run: not implemented in this build yet");
    return 1;
  }
}
