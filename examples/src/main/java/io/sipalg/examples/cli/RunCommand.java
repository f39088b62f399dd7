package io.sipalg.examples.cli;

import io.sipalg.api.config.FortiConfig;
import io.sipalg.api.config.FortiConfigException;
import io.sipalg.api.config.FortiConfigReader;
import io.sipalg.examples.runner.AlgRunner;
import io.sipalg.examples.runner.ConfigReload;
import io.sipalg.examples.runner.Counters;
import io.sipalg.examples.runner.EventLogger;
import io.sipalg.examples.runner.HostPort;
import io.sipalg.inspect.InspectorServices;
import io.sipalg.inspect.StandardInspectors;
import io.sipalg.tls.AlgConfigurationException;
import io.sipalg.tls.SipAlg;
import io.sipalg.tls.TlsProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sip-alg run}: the reference runner. Reads a FortiOS-style configuration, listens for
 * phones on {@code sip-ssl-port} and relays each connection, inspected, to the upstream SIP server.
 * Exit codes: 0 after a drain on SIGTERM/SIGINT, 1 when the listener cannot start, 2 for bad usage
 * or an invalid configuration ({@code FILE:LINE:COL: message}). SIGHUP re-reads the file's
 * profiles and certificates for new connections ({@link ConfigReload}).
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Run the ALG: accept SIP over TLS and relay it, inspected, to the upstream SIP server."
        + " SIGHUP re-reads --config (profiles, certificates) for new connections.")
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--config", required = true, paramLabel = "FILE", description = "FortiOS-style configuration file.")
  Path config;

  @Option(names = "--upstream", required = true, paramLabel = "HOST:PORT", description = "The SIP server (TLS).")
  String upstream;

  @Option(
      names = "--listen",
      paramLabel = "ADDR[:PORT]",
      defaultValue = "0.0.0.0",
      description = "Listening address; the port defaults to sip-ssl-port (default: ${DEFAULT-VALUE}).")
  String listen;

  @Option(names = "--profile", paramLabel = "NAME", defaultValue = "default", description = "VoIP profile (default: ${DEFAULT-VALUE}).")
  String profile;

  @Option(names = "--threads", paramLabel = "N", description = "Event-loop threads (default: number of CPUs).")
  Integer threads;

  @Option(
      names = "--provider",
      paramLabel = "NAME",
      defaultValue = "SUN_JSSE",
      description = "TLS provider: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  TlsProvider provider;

  @Option(
      names = "--upstream-name",
      paramLabel = "NAME",
      description = "SNI and certificate name of the SIP server (default: the phone's SNI).")
  String upstreamName;

  @Option(
      names = "--upstream-source",
      paramLabel = "ADDR",
      description = "Local address of the upstream connections: the ALG's outside address, written"
          + " into the phones' Contact, Via and SDP (default: the one the routing table picks).")
  String upstreamSource;

  @Option(names = "--stats-interval", paramLabel = "SECONDS", defaultValue = "5", description = "Seconds between counter lines (default: ${DEFAULT-VALUE}).")
  int statsInterval;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (threads != null && threads < 1) {
      return usageError(err, "--threads must be at least 1, was " + threads);
    }
    if (statsInterval < 1) {
      return usageError(err, "--stats-interval must be at least 1 second, was " + statsInterval);
    }
    InetAddress sourceAddress = null;
    if (upstreamSource != null) {
      try {
        sourceAddress = HostPort.address(upstreamSource);
        AlgRunner.checkUpstreamSource(sourceAddress);
      } catch (IllegalArgumentException | AlgRunner.UnusableSourceException e) {
        return usageError(err, "--upstream-source " + e.getMessage());
      }
    }
    FortiConfig parsed;
    try {
      parsed = FortiConfigReader.read(config);
    } catch (FortiConfigException e) {
      return usageError(err, e.format());
    }
    if (parsed.findProfile(profile).isEmpty()) {
      return usageError(err, config + ": no voip profile named '" + profile + "'");
    }
    if (!parsed.profile(profile).tlsInterception()) {
      return usageError(err, config + ": voip profile '" + profile
          + "' has ssl-mode off, so it does not intercept SIP over TLS: set ssl-mode full");
    }
    InetSocketAddress upstreamAddress;
    InetSocketAddress listenAddress;
    try {
      upstreamAddress = HostPort.parse(upstream, -1);
      listenAddress = HostPort.parse(listen, parsed.systemSettings().sipSslPort());
    } catch (IllegalArgumentException e) {
      return usageError(err, e.getMessage());
    }
    InspectorServices services = InspectorServices.create();
    SipAlg.Builder builder =
        SipAlg.builder()
            .config(parsed)
            .provider(provider)
            .inspectors(p -> StandardInspectors.from(p, services))
            .listener(new EventLogger());
    if (upstreamName != null) {
      builder.upstreamServerName(upstreamName);
    }
    SipAlg alg;
    try {
      alg = builder.build();
    } catch (AlgConfigurationException e) {
      return usageError(err, config + ": " + e.getMessage());
    }
    int loops = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    AlgRunner runner;
    try {
      runner = AlgRunner.start(alg, profile, listenAddress, upstreamAddress, sourceAddress, loops);
    } catch (AlgRunner.UnusableSourceException e) {
      return usageError(err, "--upstream-source " + e.getMessage()); // it went away since the check
    } catch (IOException e) {
      err.println("sip-alg run: cannot listen on " + listenAddress + ": " + e.getMessage());
      err.flush();
      return 1;
    }
    out.println("sip-alg: listening on " + text(runner.listenAddress()) + ", upstream "
        + text(upstreamAddress) + ", profile " + profile + ", " + provider + ", " + loops + " thread(s)");
    out.flush();
    ScheduledExecutorService stats = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "sip-alg-stats");
      t.setDaemon(true);
      return t;
    });
    stats.scheduleAtFixedRate(() -> {
      out.println("counters: " + Counters.line(alg.statistics()));
      out.flush();
    }, statsInterval, statsInterval, TimeUnit.SECONDS);
    // kill -HUP: the edited file (profiles, certificates) for new connections, none dropped
    ConfigReload reload = new ConfigReload(config, alg, profile, parsed);
    ConfigReload.onHangup(() -> {
      ConfigReload.Outcome outcome = reload.reload();
      PrintWriter to = outcome.applied() ? out : err;
      to.println(outcome.line());
      to.flush();
    });
    CountDownLatch stopped = new CountDownLatch(1);
    // SIGTERM/SIGINT run shutdown hooks: drain there, print the final counters, and exit 0
    // (halt keeps the JVM from reporting 143 for the signal).
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stats.shutdownNow();
      boolean drained = runner.drain(Duration.ofSeconds(5));
      out.println("sip-alg: stopped (" + (drained ? "drained" : "drain timed out") + ")");
      out.println("counters: " + Counters.line(alg.statistics()));
      out.flush();
      stopped.countDown();
      Runtime.getRuntime().halt(0);
    }, "sip-alg-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  private static String text(InetSocketAddress address) {
    String host = address.getHostString();
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
  }

  private static int usageError(PrintWriter err, String message) {
    err.println(message);
    err.flush();
    return 2;
  }
}
