package io.sipalg.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar sip-alg.jar}: the command line of the reference runner. Exit codes: 0 ok, 1 a
 * verdict or failure, 2 bad usage or configuration.
 */
@Command(
    name = "sip-alg",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "SIP-over-TLS application-level gateway (FortiGate SIP ALG behaviour, full mode).",
    subcommands = {
      RunCommand.class,
      DemoCommand.class,
      ParseCommand.class,
      ShowConfigCommand.class,
      CommandLine.HelpCommand.class
    })
public final class SipAlgCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
  }

  /** Builds the command line; tests call {@link CommandLine#execute} on it. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new SipAlgCommand());
    cli.setParameterExceptionHandler(SipAlgCommand::usageError);
    return cli;
  }

  /** Says what was wrong in one line, points at --help, and exits 2 (bad usage). */
  private static int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine cli = e.getCommandLine();
    String message = e.getMessage();
    if (e instanceof CommandLine.UnmatchedArgumentException unmatched
        && cli.getCommandSpec().parent() == null
        && !unmatched.getUnmatched().isEmpty()) {
      message = "unknown subcommand '" + unmatched.getUnmatched().get(0) + "'";
    }
    cli.getErr().println("sip-alg: " + message);
    cli.getErr().println("Try 'java -jar sip-alg.jar " + qualifiedName(cli) + "--help'.");
    return CommandLine.ExitCode.USAGE;
  }

  private static String qualifiedName(CommandLine cli) {
    return cli.getParent() == null ? "" : cli.getCommandName() + " ";
  }

  /** Entry point of {@code sip-alg.jar}. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
