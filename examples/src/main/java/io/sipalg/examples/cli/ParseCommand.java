package io.sipalg.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code sip-alg parse}: not implemented in this build yet (see the open issues). */
@Command(name = "parse", mixinStandardHelpOptions = true, description = "Parse SIP messages from files and report OK or INVALID for each.")
final class ParseCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("sip-alg parse: not implemented in this build yet");
    return 1;
  }
}
