package io.sipalg.examples.cli;

import io.sipalg.parser.MessageCheck;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sip-alg parse FILE...}: one line per file, {@code FILE: OK request METHOD},
 * {@code FILE: OK response CODE} or {@code FILE: INVALID <reason>}; exit 0 when all are OK, 1
 * otherwise. Each file holds one message in wire form.
 */
@Command(
    name = "parse",
    mixinStandardHelpOptions = true,
    description = "Parse SIP messages from files and report OK or INVALID for each.")
final class ParseCommand implements Callable<Integer> {
  /** Files larger than this cannot be one SIP message over TLS worth reading. */
  private static final int MAX_FILE_BYTES = 16 * 1024 * 1024;

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files with one SIP message each.")
  List<Path> files;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    boolean allOk = true;
    for (Path file : files) {
      String verdict = verdictOf(file);
      allOk &= MessageCheck.isOk(verdict);
      out.println(file + ": " + verdict);
    }
    out.flush();
    return allOk ? 0 : 1;
  }

  private static String verdictOf(Path file) {
    // Read at most one byte past the limit instead of trusting the size the file system reports:
    // a device or a pipe (/dev/zero, <(yes)) reports 0 and never ends.
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
      if (bytes.length > MAX_FILE_BYTES) {
        return "INVALID file larger than " + MAX_FILE_BYTES + " bytes";
      }
      return MessageCheck.verdict(bytes);
    } catch (IOException e) {
      return "INVALID cannot read file: " + e.getMessage();
    }
  }
}
