package io.sipalg.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code sip-alg show-config}: not implemented in this build yet (see the open issues). */
@Command(name = "show-config", mixinStandardHelpOptions = true, description = "Print the effective FortiOS configuration with all defaults.")
final class ShowConfigCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("sip-alg show-config: not implemented in this build yet");
    return 1;
  }
}
