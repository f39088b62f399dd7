package io.sipalg.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The fixed output lines and exit codes of {@code parse} and {@code show-config}. */
class ParseAndShowConfigTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int execute(String... args) {
    CommandLine cli = SipAlgCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  private Path file(String name, String text) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, text.replace("\n", "\r\n"), StandardCharsets.UTF_8);
    return f;
  }

  private static final String REGISTER =
      "REGISTER sip:example.com SIP/2.0\n"
          + "Via: SIP/2.0/TLS 10.0.0.5:5061;branch=z9hG4bK776asdhds\n"
          + "Max-Forwards: 70\n"
          + "To: <sip:alice@example.com>\n"
          + "From: <sip:alice@example.com>;tag=1928301774\n"
          + "Call-ID: a84b4c76e66710\n"
          + "CSeq: 1 REGISTER\n"
          + "Contact: <sip:alice@10.0.0.5:5061>\n"
          + "Content-Length: 0\n\n";

  @Test
  void parseReportsEachFileOnItsOwnLine() throws Exception {
    Path request = file("register.sip", REGISTER);
    Path response =
        file("ok.sip", REGISTER.replace("REGISTER sip:example.com SIP/2.0", "SIP/2.0 200 OK"));
    assertThat(execute("parse", request.toString(), response.toString())).isZero();
    assertThat(out.toString().split("\\R"))
        .containsExactly(request + ": OK request REGISTER", response + ": OK response 200");
  }

  @Test
  void parseSaysWhichHeaderIsBrokenAndExitsOne() throws Exception {
    Path good = file("good.sip", REGISTER);
    Path bad = file("bad.sip", REGISTER.replace("Via: SIP/2.0/TLS 10.0.0.5:5061;branch", "Via: SIP/2.0/TLS ;branch"));
    Path missing = dir.resolve("missing.sip");
    assertThat(execute("parse", good.toString(), bad.toString(), missing.toString())).isEqualTo(1);
    String[] lines = out.toString().split("\\R");
    assertThat(lines).hasSize(3);
    assertThat(lines[0]).isEqualTo(good + ": OK request REGISTER");
    assertThat(lines[1]).startsWith(bad + ": INVALID ").containsIgnoringCase("via");
    assertThat(lines[2]).startsWith(missing + ": INVALID ");
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  @Timeout(60)
  void parseReadsNoMoreThanItsLimitFromAFileThatNeverEnds() throws Exception {
    Path big = dir.resolve("big.sip");
    try (var channel = Files.newByteChannel(big, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE, StandardOpenOption.SPARSE)) {
      channel.position(16L * 1024 * 1024).write(ByteBuffer.wrap(new byte[] {'x'}));
    }
    assertThat(execute("parse", "/dev/zero", big.toString())).isEqualTo(1);
    assertThat(out.toString().split("\\R")).containsExactly(
        "/dev/zero: INVALID file larger than 16777216 bytes",
        big + ": INVALID file larger than 16777216 bytes");
  }

  @Test
  void parseWithoutFilesIsAUsageError() {
    assertThat(execute("parse")).isEqualTo(2);
  }

  @Test
  void showConfigPrintsTheFullConfigurationWithDefaults() throws Exception {
    Path config =
        file(
            "alg.conf",
            "config system settings\n    set sip-ssl-port 5066\nend\n"
                + "config voip profile\n    edit \"default\"\n        config sip\n"
                + "            set block-invite enable\n        end\n    next\nend\n");
    assertThat(execute("show-config", "--config", config.toString())).isZero();
    assertThat(out.toString())
        .contains("set sip-ssl-port 5066")
        .contains("set block-invite enable")
        .contains("set ssl-mode off")
        .contains("set max-line-length 998");
  }

  @Test
  void showConfigReportsFileLineAndColumnAndExitsTwo() throws Exception {
    Path config = file("bad.conf", "config voip profile\n    edit \"default\"\n        sett x\n");
    assertThat(execute("show-config", "--config", config.toString())).isEqualTo(2);
    assertThat(err.toString().trim()).matches(java.util.regex.Pattern.quote(config.toString()) + ":3:9: .*");
    assertThat(out.toString()).isEmpty();
  }
}
