package io.sipalg.examples.soak;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;

/**
 * The soak's phones: ramps up {@code sessions} TLS connections to the runner, registers each once,
 * then holds them all while a steady REGISTER load runs for the duration, and reports. With a
 * control directory it hands over to the soak script between phases: it writes {@code ready} once
 * the sessions are up and waits for {@code go}; after the load it writes {@code done} and holds the
 * sessions until {@code release} appears (so the runner can be measured with every session open),
 * then closes them all with close_notify.
 */
final class PhoneFleet {
  private final FleetSettings settings;
  private final FleetCounters counters = new FleetCounters();
  private final List<FleetShard> shards = new ArrayList<>();
  private final PrintStream out;
  private final long startNanos = System.nanoTime();
  private long lastProgress = startNanos;
  private String phaseName = "ramp";

  PhoneFleet(FleetSettings settings, SSLContext context, int threads, PrintStream out) {
    this.settings = settings;
    this.out = out;
    for (int i = 0; i < threads; i++) {
      shards.add(new FleetShard(settings, context, counters, i, threads));
    }
  }

  /** Runs every phase; returns 0 when nothing was lost and every session held, else 1. */
  int run() throws IOException, InterruptedException {
    out.println("fleet: " + settings.sessions() + " sessions to " + settings.target() + " at "
        + settings.connectRate() + "/s (at most " + settings.maxPending() + " in flight), then "
        + settings.registerRate() + " REGISTER/s for " + settings.duration().toSeconds() + " s, "
        + shards.size() + " thread(s), resume=" + settings.resume());
    shards.forEach(FleetShard::start);
    boolean rampComplete = await(() -> shards.stream().allMatch(FleetShard::rampDone), settings.rampTimeout());
    double rampSeconds = seconds(System.nanoTime() - startNanos);
    String ready = "fleet-ready: sessions-target=" + settings.sessions() + " registered=" + counters.registered.sum()
        + " open=" + openConnections() + " ramp-s=" + String.format(Locale.ROOT, "%.1f", rampSeconds)
        + (rampComplete ? "" : " ramp-timed-out=yes");
    out.println(ready);
    signal("ready", ready);
    if (!awaitFile("go")) {
      out.println("fleet: no 'go' from the script within " + settings.holdTimeout().toSeconds() + " s");
    }

    phaseName = "load";
    shards.forEach(s -> s.phase(FleetShard.Phase.LOAD));
    long loadStart = System.nanoTime();
    long loadEnd = loadStart + settings.duration().toNanos();
    await(() -> System.nanoTime() - loadEnd >= 0, settings.duration().plusSeconds(1));
    phaseName = "drain";
    shards.forEach(s -> s.phase(FleetShard.Phase.DRAIN));
    double loadSeconds = seconds(System.nanoTime() - loadStart);
    await(() -> counters.outstanding.sum() == 0,
        java.time.Duration.ofMillis(settings.answerTimeoutMillis() + 1000));
    long heldAtEnd = openConnections();
    String done = "fleet-done: held=" + heldAtEnd + " " + counters.progress();
    out.println(done);
    signal("done", done);
    if (settings.controlDir() != null) {
      phaseName = "hold";
      shards.forEach(s -> s.phase(FleetShard.Phase.HOLD));
      if (!awaitFile("release")) {
        out.println("fleet: no 'release' from the script within " + settings.holdTimeout().toSeconds() + " s");
      }
    }
    phaseName = "close";
    shards.forEach(s -> s.phase(FleetShard.Phase.CLOSE));
    await(() -> openConnections() == 0, java.time.Duration.ofSeconds(15));
    shards.forEach(s -> s.loop.stop());

    String result = "fleet-result: sessions-target=" + settings.sessions()
        + " started=" + counters.started.sum()
        + " handshakes=" + counters.handshakes.sum()
        + " registered=" + counters.registered.sum()
        + " held-at-end=" + heldAtEnd
        + " connect-failures=" + counters.connectFailures.sum()
        + " handshake-failures=" + counters.handshakeFailures.sum()
        + " unexpected-closes=" + counters.unexpectedCloses.sum()
        + " closed-by-us=" + counters.closedByUs.sum()
        + " registers-sent=" + counters.sent.sum()
        + " load-sent=" + counters.loadSent.sum()
        + " answered=" + counters.answered.sum()
        + " ok=" + counters.ok.sum()
        + " non-200=" + counters.non200.sum()
        + " timed-out=" + counters.timedOut.sum()
        + " load-timed-out=" + counters.loadTimedOut.sum()
        + " late=" + counters.late.sum()
        + " unmatched=" + counters.unmatched.sum()
        + " lost=" + counters.lost()
        + " " + counters.loadLatency.line("load-rtt-ms")
        + " " + counters.rampLatency.line("ramp-rtt-ms")
        + " ramp-s=" + String.format(Locale.ROOT, "%.1f", rampSeconds)
        + " load-s=" + String.format(Locale.ROOT, "%.1f", loadSeconds)
        + " load-rate=" + String.format(Locale.ROOT, "%.1f", counters.loadSent.sum() / Math.max(loadSeconds, 1e-9))
        + " load-skipped-ticks=" + counters.loadSkipped.sum();
    out.println(result);
    List<String> failures = failures(heldAtEnd);
    out.println(failures.isEmpty() ? "fleet-verdict: PASS" : "fleet-verdict: FAIL " + String.join("; ", failures));
    out.flush();
    return failures.isEmpty() ? 0 : 1;
  }

  private List<String> failures(long heldAtEnd) {
    List<String> f = new ArrayList<>();
    check(f, counters.registered.sum() == settings.sessions(), "not every session registered");
    check(f, heldAtEnd == settings.sessions(), "not every session held to the end");
    check(f, counters.connectFailures.sum() + counters.handshakeFailures.sum() == 0, "connections failed");
    check(f, counters.unexpectedCloses.sum() == 0, "connections closed unexpectedly");
    check(f, counters.closedByUs.sum() == heldAtEnd, "not every held session closed cleanly at the end");
    check(f, counters.lost() == 0, counters.lost() + " REGISTER(s) lost");
    check(f, counters.non200.sum() == 0, "non-200 answers");
    check(f, counters.unmatched.sum() == 0, "unmatched responses");
    return f;
  }

  private static void check(List<String> failures, boolean ok, String what) {
    if (!ok) {
      failures.add(what);
    }
  }

  private long openConnections() {
    return shards.stream().mapToLong(FleetShard::openConnections).sum();
  }

  /** Waits (polling, printing progress every 5 s) until {@code done} or the timeout; false on timeout. */
  private boolean await(BooleanSupplier done, java.time.Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      Thread.sleep(20);
      progress();
    }
    return true;
  }

  private boolean awaitFile(String name) throws InterruptedException {
    if (settings.controlDir() == null) {
      return true;
    }
    Path file = settings.controlDir().resolve(name);
    return await(() -> Files.exists(file), settings.holdTimeout());
  }

  private void progress() {
    long now = System.nanoTime();
    if (now - lastProgress >= 5_000_000_000L) {
      lastProgress = now;
      out.println("fleet: t=" + Math.round(seconds(now - startNanos)) + "s phase=" + phaseName + " "
          + counters.progress());
      out.flush();
    }
  }

  private void signal(String name, String content) throws IOException {
    if (settings.controlDir() == null) {
      return;
    }
    Path tmp = settings.controlDir().resolve(name + ".tmp");
    Files.writeString(tmp, content + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, settings.controlDir().resolve(name), StandardCopyOption.ATOMIC_MOVE);
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
