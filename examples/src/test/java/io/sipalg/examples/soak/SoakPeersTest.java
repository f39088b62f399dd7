package io.sipalg.examples.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The soak peers against each other, without the runner: every REGISTER the fleet sends reaches
 * the registrar and is matched to its 200 OK; a fleet the registrar refuses reports the failure.
 */
@Timeout(60)
class SoakPeersTest {
  @TempDir Path certs;

  @Test
  void everyRegisterIsAnsweredAndCounted() throws Exception {
    TestPemPki.write(certs);
    try (SoakRegistrar registrar = new SoakRegistrar(SoakPki.serverContext(certs), false,
        new InetSocketAddress("127.0.0.1", 0), 1)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int exit = fleet(registrar.address(), 20, 1, out);

      String text = out.toString(StandardCharsets.UTF_8);
      assertThat(exit).as(text).isZero();
      String result = line(text, "fleet-result:");
      long sent = value(result, "registers-sent");
      assertThat(sent).isGreaterThanOrEqualTo(20 + 20); // one per session, then ~40/s for 1 s
      assertThat(value(result, "answered")).isEqualTo(sent);
      assertThat(value(result, "lost")).isZero();
      assertThat(value(result, "held-at-end")).isEqualTo(20);
      assertThat(value(result, "closed-by-us")).isEqualTo(20);
      assertThat(value(result, "unmatched")).isZero();
      assertThat(registrar.registers.sum()).isEqualTo(sent);
      assertThat(registrar.answered.sum()).isEqualTo(sent);
      assertThat(text).contains("fleet-verdict: PASS");
    }
  }

  @Test
  void aRefusedFleetFailsItsVerdict() throws Exception {
    TestPemPki.write(certs);
    // The registrar wants a client certificate; the phones have none, so no handshake completes.
    try (SoakRegistrar registrar = new SoakRegistrar(SoakPki.serverContext(certs), true,
        new InetSocketAddress("127.0.0.1", 0), 1)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int exit = fleet(registrar.address(), 5, 0, out);

      String text = out.toString(StandardCharsets.UTF_8);
      assertThat(exit).as(text).isEqualTo(1);
      String result = line(text, "fleet-result:");
      assertThat(value(result, "registered")).isZero();
      assertThat(value(result, "held-at-end")).isZero();
      assertThat(text).contains("fleet-verdict: FAIL");
    }
  }

  private int fleet(InetSocketAddress target, int sessions, long seconds, ByteArrayOutputStream out)
      throws Exception {
    FleetSettings settings = new FleetSettings(target, List.of(), sessions, 100, Duration.ZERO, 50, 40,
        Duration.ofSeconds(seconds), false, 5000, 5000, Duration.ofSeconds(30), null, Duration.ofSeconds(5),
        "test", new Problems(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), "", 0));
    try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
      return new PhoneFleet(settings, SoakPki.clientContext(certs), 1, print).run();
    }
  }

  private static String line(String text, String prefix) {
    return text.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(
        () -> new AssertionError("no '" + prefix + "' line in:\n" + text));
  }

  private static long value(String line, String key) {
    for (String field : line.split(" ")) {
      if (field.startsWith(key + "=")) {
        return Long.parseLong(field.substring(key.length() + 1));
      }
    }
    throw new AssertionError("no " + key + " in " + line);
  }
}
