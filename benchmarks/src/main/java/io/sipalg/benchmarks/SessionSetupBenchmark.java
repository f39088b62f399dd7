package io.sipalg.benchmarks;

import io.sipalg.benchmarks.AlgPipeline.Inspection;
import io.sipalg.benchmarks.BenchPki.TlsCase;
import io.sipalg.tls.TlsProvider;
import io.sipalg.tls.engine.JsseProvider;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * New sessions per second (issue 8), one thread, in memory, EC P-256 certificates.
 *
 * <ul>
 *   <li>{@code ALG_FULL}: a new ALG session through both handshakes to ESTABLISHED, the server
 *       leg connecting to a new upstream port each time (no resumption possible: two full
 *       handshakes);
 *   <li>{@code ALG_RESUMED}: the same with one upstream address, so the ALG's server leg resumes
 *       its TLS session (phone leg full, server leg abbreviated);
 *   <li>{@code RAW_HANDSHAKE}: one full handshake between a SunJSSE client and a server engine of
 *       {@code provider} (the phone leg alone, no ALG).
 * </ul>
 * Every case includes the simulated peers' side of each handshake (SunJSSE), so a proxied session
 * with two full handshakes ideally scores half of {@code RAW_HANDSHAKE}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SessionSetupBenchmark {
  /** What is set up per operation. */
  public enum Setup { ALG_FULL, ALG_RESUMED, RAW_HANDSHAKE }

  @Param({"SUN_JSSE", "BC_JSSE"})
  public TlsProvider provider;

  @Param({"TLS13_AES128GCM", "TLS12_ECDHE_AES128GCM"})
  public String tls;

  @Param({"ALG_FULL", "ALG_RESUMED", "RAW_HANDSHAKE"})
  public Setup setup;

  private TlsCase tlsCase;
  private AlgPipeline pipeline;
  private SSLContext phoneContext;
  private SSLContext relayServerContext;

  @org.openjdk.jmh.annotations.Setup(Level.Trial)
  public void setUp() {
    tlsCase = TlsCase.valueOf(tls);
    pipeline = new AlgPipeline(provider, Inspection.STANDARD, tlsCase);
    phoneContext = BenchPki.phoneContext();
    relayServerContext = BenchPki.serverContext(
        provider == TlsProvider.BC_JSSE ? JsseProvider.BCJSSE : JsseProvider.SUN_JSSE);
  }

  @Benchmark
  public Object newSession() throws Exception {
    switch (setup) {
      case ALG_FULL:
        return pipeline.connect(false).session;
      case ALG_RESUMED:
        return pipeline.connect(true).session;
      default:
        MemPeer client = new MemPeer(BenchPki.client(phoneContext, tlsCase, 0));
        MemPeer server = new MemPeer(BenchPki.server(relayServerContext, tlsCase));
        MemPeer.handshake(client, server);
        return server.engine;
    }
  }
}
