package io.sipalg.api.config;

import io.sipalg.api.cert.CertificateImporter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * Reads a FortiOS-style CLI configuration into a {@link FortiConfig}.
 *
 * <p>Sections: {@code config system settings}, {@code config vpn certificate local}, {@code config
 * vpn certificate ca}, {@code config user peer}, {@code config user peergrp} and {@code config voip
 * profile} → {@code edit NAME} → {@code config sip}. Statements: {@code config}, {@code edit},
 * {@code set}, {@code unset} (back to the default), {@code next}, {@code end}; an {@code end} inside
 * an {@code edit} also closes the section, as FortiOS accepts. Quoted strings may span lines
 * (inline PEM); typographic quotes ({@code “ ” ‘ ’}) count as quotes; {@code #} starts a comment;
 * several statements may share a line (an unquoted keyword starts a new one, so a value spelled like
 * a keyword must be quoted). File extension keys ({@code certificate-file}, {@code
 * private-key-file}, {@code pkcs12-file}, {@code ca-file}) are relative to the config file's
 * directory. {@code set password ENC ...} is kept as an opaque string; it only fails if the key
 * actually needs it, because only the FortiGate that wrote it can decrypt it.
 *
 * <p>A few FortiOS keys that do not matter to the ALG are accepted and ignored (e.g. {@code range}
 * and {@code source} of certificates, {@code config sccp} / {@code config msrp} blocks of a
 * profile), so {@code show full-configuration} output reads; any other unknown section or option is
 * an error naming the closest valid one.
 *
 * <pre>{@code
 * try {
 *   FortiConfig config = FortiConfigReader.read(Path.of("alg.conf"));
 *   VoipProfile profile = config.profile("default");
 * } catch (FortiConfigException e) {
 *   System.err.println(e.format()); // alg.conf:7:13: unknown option 'ssl-min-versoin' ...
 * }
 * }</pre>
 */
public final class FortiConfigReader {
  /** The file name used in errors for text read without a file. */
  public static final String TEXT_SOURCE = "<text>";

  /** The largest config file read (16 MiB). */
  public static final int MAX_CONFIG_BYTES = 16 * 1024 * 1024;

  private final CertificateImporter importer;

  /**
   * A reader that checks certificate validity against a clock.
   *
   * @param clock e.g. {@code Clock.systemUTC()}, or a fixed clock in tests
   */
  public FortiConfigReader(Clock clock) {
    this.importer = new CertificateImporter(Objects.requireNonNull(clock, "clock"));
  }

  /**
   * Reads a config file (UTF-8) with the system clock.
   *
   * @param file the file; file keys are relative to its directory
   * @return the resolved configuration
   * @throws FortiConfigException with the file, line and column of the first problem
   */
  public static FortiConfig read(Path file) throws FortiConfigException {
    return new FortiConfigReader(Clock.systemUTC()).readFile(file);
  }

  /**
   * Reads config text with the system clock.
   *
   * @param text the configuration
   * @param baseDirForFiles the directory relative file keys start at
   * @return the resolved configuration
   * @throws FortiConfigException with the line and column ({@code <text>} as file name)
   */
  public static FortiConfig read(String text, Path baseDirForFiles) throws FortiConfigException {
    return new FortiConfigReader(Clock.systemUTC()).readText(text, baseDirForFiles, TEXT_SOURCE);
  }

  /**
   * Reads a config file (UTF-8).
   *
   * @param file the file; file keys are relative to its directory
   * @return the resolved configuration
   * @throws FortiConfigException with the file, line and column of the first problem
   */
  public FortiConfig readFile(Path file) throws FortiConfigException {
    String text;
    try (java.io.InputStream in = Files.newInputStream(file)) {
      byte[] data = in.readNBytes(MAX_CONFIG_BYTES + 1);
      if (data.length > MAX_CONFIG_BYTES) {
        throw new FortiConfigException(file.toString(), 1, 1, "the config file is larger than "
            + MAX_CONFIG_BYTES / (1024 * 1024) + " MiB: check the path", null);
      }
      text = new String(data, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new FortiConfigException(file.toString(), 1, 1, "cannot read the config file ("
          + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
          + ")", e);
    }
    Path dir = file.toAbsolutePath().getParent();
    return readText(text, dir == null ? Path.of("") : dir, file.toString());
  }

  /**
   * Reads config text.
   *
   * @param text the configuration
   * @param baseDirForFiles the directory relative file keys start at
   * @param sourceName the file name shown in errors
   * @return the resolved configuration
   * @throws FortiConfigException with the source name, line and column of the first problem
   */
  public FortiConfig readText(String text, Path baseDirForFiles, String sourceName)
      throws FortiConfigException {
    Parser.Draft draft = Parser.parse(text, sourceName);
    return Resolver.resolve(sourceName, baseDirForFiles, importer, draft);
  }
}
