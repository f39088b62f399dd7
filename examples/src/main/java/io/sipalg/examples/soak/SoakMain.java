package io.sipalg.examples.soak;

import io.sipalg.examples.runner.HostPort;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The load-and-soak peers for {@code examples/soak/soak.sh}, run from the shaded jar (not a
 * {@code sip-alg} subcommand):
 *
 * <pre>
 * java -cp sip-alg.jar io.sipalg.examples.soak.SoakMain registrar --listen 127.0.0.1:25071 --certs DIR
 * java -cp sip-alg.jar io.sipalg.examples.soak.SoakMain fleet --target 127.0.0.1:25061 --certs DIR \
 *     --sessions 10000 --connect-rate 200 --register-rate 200 --duration 600
 * </pre>
 *
 * Exit codes: 0 ok, 1 the fleet lost messages or sessions, 2 bad usage or setup.
 */
@Command(
    name = "soak",
    mixinStandardHelpOptions = true,
    description = "Load-and-soak peers for sip-alg: an NIO TLS registrar and an NIO TLS phone fleet.",
    subcommands = {SoakMain.Registrar.class, SoakMain.Fleet.class})
public final class SoakMain implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: registrar or fleet");
  }

  /**
   * Entry point.
   *
   * @param args {@code registrar ...} or {@code fleet ...}; {@code --help} for the options
   */
  public static void main(String[] args) {
    Locale.setDefault(Locale.ROOT);
    System.exit(new CommandLine(new SoakMain()).execute(args));
  }

  /** {@code registrar}: answers every REGISTER with 200 OK until SIGTERM or {@code --max-life}. */
  @Command(name = "registrar", mixinStandardHelpOptions = true,
      description = "NIO TLS registrar: 200 OK to every REGISTER; counters every few seconds and at exit.")
  static final class Registrar implements Callable<Integer> {
    @Option(names = "--listen", defaultValue = "127.0.0.1:25071", paramLabel = "ADDR:PORT",
        description = "Listening address (default: ${DEFAULT-VALUE}).")
    String listen;

    @Option(names = "--certs", required = true, paramLabel = "DIR",
        description = "make-certs.sh directory: server.crt, server.key, ca.crt.")
    Path certs;

    @Option(names = "--threads", defaultValue = "1", description = "Selector threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--need-client-auth", defaultValue = "true", negatable = true, fallbackValue = "true",
        description = "Require a client certificate from the CA (default: ${DEFAULT-VALUE}).")
    boolean needClientAuth;

    @Option(names = "--stats-interval", defaultValue = "5", paramLabel = "SECONDS",
        description = "Seconds between counter lines (default: ${DEFAULT-VALUE}).")
    int statsInterval;

    @Option(names = "--max-life", defaultValue = "7200", paramLabel = "SECONDS",
        description = "Exit by itself after this long (default: ${DEFAULT-VALUE}).")
    long maxLife;

    @Override
    public Integer call() throws Exception {
      PrintStream out = System.out;
      InetSocketAddress address = loopbackOnly(HostPort.parse(listen, -1));
      SoakRegistrar registrar = new SoakRegistrar(SoakPki.serverContext(certs), needClientAuth, address,
          Math.max(1, threads));
      out.println("registrar: listening on " + registrar.address() + ", client certificate required: "
          + needClientAuth + ", " + threads + " thread(s)");
      out.flush();
      CountDownLatch stop = new CountDownLatch(1);
      Thread hook = new Thread(() -> {
        stop.countDown();
        registrar.print(out, "registrar-result: ");
        registrar.close();
      }, "soak-registrar-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxLife);
      while (!stop.await(statsInterval, TimeUnit.SECONDS)) {
        registrar.print(out, "registrar: ");
        if (System.nanoTime() - deadline >= 0) {
          out.println("registrar: --max-life reached");
          return 0; // the hook prints the final line
        }
      }
      return 0;
    }
  }

  /** {@code fleet}: the phones. */
  @Command(name = "fleet", mixinStandardHelpOptions = true,
      description = "NIO TLS phone fleet: open and hold SESSIONS connections, register each, then a steady "
          + "REGISTER load for the duration; one fleet-result line and a verdict (exit 0 / 1).")
  static final class Fleet implements Callable<Integer> {
    @Option(names = "--target", defaultValue = "127.0.0.1:25061", paramLabel = "ADDR:PORT",
        description = "The runner's phone-facing listener (default: ${DEFAULT-VALUE}).")
    String target;

    @Option(names = "--certs", required = true, paramLabel = "DIR", description = "make-certs.sh directory: ca.crt.")
    Path certs;

    @Option(names = "--sessions", defaultValue = "1000", description = "Connections to hold (default: ${DEFAULT-VALUE}).")
    int sessions;

    @Option(names = "--connect-rate", defaultValue = "200", paramLabel = "PER_SECOND",
        description = "New connections per second during the ramp (default: ${DEFAULT-VALUE}).")
    double connectRate;

    @Option(names = "--warmup", defaultValue = "10", paramLabel = "SECONDS",
        description = "The connect rate climbs from a tenth to all of it over this (default: ${DEFAULT-VALUE}).")
    long warmup;

    @Option(names = "--max-pending", defaultValue = "50", paramLabel = "N",
        description = "Connections at most between connect and first 200 OK (default: ${DEFAULT-VALUE}).")
    int maxPending;

    @Option(names = "--register-rate", defaultValue = "200", paramLabel = "PER_SECOND",
        description = "REGISTERs per second during the load (default: ${DEFAULT-VALUE}).")
    double registerRate;

    @Option(names = "--duration", defaultValue = "600", paramLabel = "SECONDS",
        description = "Length of the load phase (default: ${DEFAULT-VALUE}).")
    long duration;

    @Option(names = "--threads", defaultValue = "1", description = "Selector threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--source", split = ",", paramLabel = "ADDR",
        description = "Loopback source addresses to bind round-robin, e.g. 127.0.0.2,127.0.0.3 (default: kernel's choice).")
    List<String> sources = new ArrayList<>();

    @Option(names = "--resume", description = "Let phones resume TLS sessions (default: a full handshake each).")
    boolean resume;

    @Option(names = "--answer-timeout", defaultValue = "5000", paramLabel = "MS",
        description = "A REGISTER unanswered this long counts as timed out (default: ${DEFAULT-VALUE}).")
    long answerTimeoutMillis;

    @Option(names = "--handshake-timeout", defaultValue = "10000", paramLabel = "MS",
        description = "A connection not through its handshake this long is dropped (default: ${DEFAULT-VALUE}).")
    long handshakeTimeoutMillis;

    @Option(names = "--ramp-timeout", paramLabel = "SECONDS",
        description = "Give up waiting for the ramp after this long (default: 4 x sessions/rate + 60).")
    Long rampTimeout;

    @Option(names = "--control-dir", paramLabel = "DIR",
        description = "Hand-over files with the soak script (ready, go, done, release); none: run straight through.")
    Path controlDir;

    @Option(names = "--hold-timeout", defaultValue = "600", paramLabel = "SECONDS",
        description = "Longest wait for 'go' / 'release' in the control dir (default: ${DEFAULT-VALUE}).")
    long holdTimeout;

    @Override
    public Integer call() throws IOException, GeneralSecurityException, InterruptedException {
      if (sessions < 1 || connectRate <= 0 || registerRate < 0 || duration < 0 || threads < 1) {
        System.err.println("fleet: --sessions, --connect-rate, --threads must be positive; rates and duration not negative");
        return 2;
      }
      List<InetAddress> bind = new ArrayList<>();
      for (String s : sources) {
        InetAddress a = InetAddress.getByName(s.trim());
        if (!a.isLoopbackAddress()) {
          System.err.println("fleet: --source " + s + " is not a loopback address");
          return 2;
        }
        bind.add(a);
      }
      if (controlDir != null) {
        Files.createDirectories(controlDir);
      }
      long ramp = rampTimeout != null ? rampTimeout : (long) (4 * sessions / connectRate) + 60;
      String runId = Long.toString(ThreadLocalRandom.current().nextLong() & 0xffffffffL, 36);
      FleetSettings settings = new FleetSettings(loopbackOnly(HostPort.parse(target, -1)), bind, sessions,
          connectRate, Duration.ofSeconds(Math.max(0, warmup)), Math.max(1, maxPending), registerRate, Duration.ofSeconds(duration), resume,
          handshakeTimeoutMillis, answerTimeoutMillis, Duration.ofSeconds(ramp), controlDir,
          Duration.ofSeconds(holdTimeout), runId, new Problems(System.err, "fleet: ", 30));
      return new PhoneFleet(settings, SoakPki.clientContext(certs), threads, System.out).run();
    }
  }

  /** The soak never sends traffic off this machine. */
  static InetSocketAddress loopbackOnly(InetSocketAddress address) {
    if (address.getAddress() == null || !address.getAddress().isLoopbackAddress()) {
      throw new CommandLine.ParameterException(new CommandLine(new SoakMain()),
          address + " is not a loopback address: the soak stays on 127.0.0.0/8");
    }
    return address;
  }
}
