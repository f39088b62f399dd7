package io.sipalg.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SipAlgCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int execute(String... args) {
    CommandLine cli = SipAlgCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void helpListsEverySubcommand() {
    assertThat(execute("--help")).isZero();
    assertThat(out.toString()).contains("run", "demo", "parse", "show-config");
  }

  @Test
  void versionNamesTheProduct() {
    assertThat(execute("--version")).isZero();
    assertThat(out.toString()).startsWith("sip-alg ");
  }

  @Test
  void unknownSubcommandIsAUsageError() {
    assertThat(execute("frobnicate")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown subcommand 'frobnicate'", "--help");
  }

  @Test
  void missingSubcommandIsAUsageError() {
    assertThat(execute()).isEqualTo(2);
    assertThat(err.toString()).contains("Missing subcommand");
  }

  @Test
  void runRefusesNonPositiveThreadsAndStatsIntervalBeforeListening() {
    assertThat(execute("run", "--config", "alg.conf", "--upstream", "127.0.0.1:5061",
        "--threads", "0")).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("--threads must be at least 1, was 0" + System.lineSeparator());
    assertThat(execute("run", "--config", "alg.conf", "--upstream", "127.0.0.1:5061",
        "--stats-interval", "-3")).isEqualTo(2);
    assertThat(err.toString()).endsWith("--stats-interval must be at least 1 second, was -3"
        + System.lineSeparator());
    assertThat(out.toString()).doesNotContain("listening");
  }

  @Test
  void runRefusesAnUpstreamSourceThatIsNotALocalAddress() {
    // 192.0.2.0/24 is TEST-NET-1: never an address of this host
    assertThat(execute("run", "--config", "alg.conf", "--upstream", "127.0.0.1:5061",
        "--upstream-source", "192.0.2.77")).isEqualTo(2);
    assertThat(err.toString()).startsWith("--upstream-source cannot bind upstream connections to"
        + " 192.0.2.77: ").endsWith(System.lineSeparator()).hasLineCount(1);
    assertThat(execute("run", "--config", "alg.conf", "--upstream", "127.0.0.1:5061",
        "--upstream-source", "127.0.0.1:5060")).isEqualTo(2);
    assertThat(err.toString()).endsWith("--upstream-source '127.0.0.1:5060': an address without a"
        + " port is expected" + System.lineSeparator());
    assertThat(out.toString()).doesNotContain("listening");
  }
}
