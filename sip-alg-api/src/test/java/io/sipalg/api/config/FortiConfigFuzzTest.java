package io.sipalg.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Coverage-guided fuzzing of the FortiOS configuration reader and writer: whatever the text, the
 * reader returns a configuration or throws {@link FortiConfigException} with a line and column
 * (never another exception, never a hang), and what it returns writes back to text that reads
 * to an equal configuration. The text may name certificate files: {@code gen/} and {@code fix/}
 * hold the config tests' generated and OpenSSL-made certificates. In a normal build only the seeds
 * in {@code src/test/resources/io/sipalg/api/config/FortiConfigFuzzTestInputs/} are replayed;
 * {@code JAZZER_FUZZ=1} fuzzes for real (see the module README).
 */
class FortiConfigFuzzTest {
  private static final Path FILES = certificateFiles();

  @FuzzTest(maxDuration = "30s")
  void readConfigText(byte[] input) throws FortiConfigException {
    String text = new String(input, StandardCharsets.UTF_8);
    FortiConfig config;
    try {
      config = FortiConfigReader.read(text, FILES);
    } catch (FortiConfigException expected) {
      assertThat(expected.file()).isEqualTo(FortiConfigReader.TEXT_SOURCE);
      assertThat(expected.line()).isPositive();
      assertThat(expected.column()).isPositive();
      assertThat(expected.detail()).isNotBlank();
      return;
    }
    String written = FortiConfigWriter.write(config);
    assertThat(FortiConfigReader.read(written, FILES)).as(written).isEqualTo(config);
  }

  private static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is not worth failing the run for
    }
  }

  private static Path certificateFiles() {
    try {
      Path dir = Files.createTempDirectory("sip-alg-config-fuzz");
      ConfigFixtures.generatedCertificates(Files.createDirectory(dir.resolve("gen")));
      ConfigFixtures.fixtureCertificates(Files.createDirectory(dir.resolve("fix")));
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
