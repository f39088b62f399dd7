package io.sipalg.examples.cli;

import io.sipalg.api.config.FortiConfig;
import io.sipalg.api.config.FortiConfigException;
import io.sipalg.api.config.FortiConfigReader;
import io.sipalg.api.config.FortiConfigWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sip-alg show-config --config FILE}: prints the effective configuration with every
 * default (like FortiOS {@code show full-configuration}); exit 0. An invalid configuration prints
 * {@code FILE:LINE:COL: message} and exits 2.
 */
@Command(
    name = "show-config",
    mixinStandardHelpOptions = true,
    description = "Print the effective FortiOS configuration with all defaults.")
final class ShowConfigCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--config", required = true, paramLabel = "FILE", description = "FortiOS-style configuration file.")
  Path config;

  @Override
  public Integer call() {
    FortiConfig parsed;
    try {
      parsed = FortiConfigReader.read(config);
    } catch (FortiConfigException e) {
      spec.commandLine().getErr().println(e.format());
      spec.commandLine().getErr().flush();
      return 2;
    }
    spec.commandLine().getOut().print(FortiConfigWriter.write(parsed));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
