package io.sipalg.benchmarks;

import io.sipalg.benchmarks.AlgPipeline.Inspection;
import io.sipalg.benchmarks.BenchPki.TlsCase;
import io.sipalg.tls.TlsProvider;
import io.sipalg.tls.engine.JsseProvider;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Retained heap per idle established session (issue 8). Not a JMH benchmark: it creates N
 * established sessions in memory, drops the simulated peers, forces GC and reads used heap via
 * {@link MemoryMXBean}; the difference to the heap used before, divided by N, is the retained
 * heap per session.
 *
 * <pre>
 * java -Xmx3g -cp benchmarks/target/benchmarks.jar io.sipalg.benchmarks.SessionMemory \
 *     alg|raw N [SUN_JSSE|BC_JSSE] [TLS13_AES128GCM|TLS12_ECDHE_AES128GCM]
 * </pre>
 * {@code alg}: N {@code AlgSession}s (standard inspector chain, each having relayed one REGISTER
 * and its 200 OK, then idle), the ALG's server leg resuming upstream as a real deployment with one
 * SIP server would. {@code raw}: N pairs of bare SSLEngines of the same provider (the relay's two
 * engines per connection, established the same way, one message each way relayed), engines only —
 * no buffers, the floor any TLS-terminating relay pays. Run each in its own JVM. With
 * {@code -Dbench.hold=true} it keeps the sessions for 120 s after printing, for
 * {@code jcmd PID GC.class_histogram} (what the retained bytes are). For {@code alg} it then
 * ticks every session past the buffer-release delay and measures again ({@code alg-idle-ticked}):
 * what an idle session holds in a host that runs the session timer.
 */
public final class SessionMemory {
  private SessionMemory() {}

  public static void main(String[] args) throws Exception {
    String what = args.length > 0 ? args[0] : "alg";
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    TlsProvider provider = args.length > 2 ? TlsProvider.valueOf(args[2]) : TlsProvider.SUN_JSSE;
    TlsCase tls = args.length > 3 ? TlsCase.valueOf(args[3]) : TlsCase.TLS13_AES128GCM;
    JsseProvider jsse = provider == TlsProvider.BC_JSSE ? JsseProvider.BCJSSE : JsseProvider.SUN_JSSE;
    java.nio.ByteBuffer request = java.nio.ByteBuffer.wrap(SipSamples.REGISTER.bytes());
    java.nio.ByteBuffer response = java.nio.ByteBuffer.wrap(SipSamples.OK_200.bytes());

    AlgPipeline pipeline = what.equals("alg") ? new AlgPipeline(provider, Inspection.STANDARD, tls) : null;
    RawRelay.Contexts contexts = what.equals("raw") ? new RawRelay.Contexts(jsse) : null;
    if (pipeline == null && contexts == null) {
      throw new IllegalArgumentException("first argument: alg or raw");
    }
    List<Object> kept = new ArrayList<>(n);
    // warm up class loading, caches and the upstream session (kept out of the measurement)
    for (int i = 0; i < 50; i++) {
      Object o = create(pipeline, contexts, tls, request, response);
      if (o == null) {
        throw new IllegalStateException();
      }
    }
    long before = usedAfterGc();
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      kept.add(create(pipeline, contexts, tls, request, response));
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    long after = usedAfterGc();
    System.out.printf(Locale.ROOT,
        "memory what=%s provider=%s tls=%s n=%d heap_before=%d heap_after=%d bytes_per_session=%.0f"
            + " setup_s=%.1f sessions_per_s=%.0f%n",
        what, provider, tls, kept.size(), before, after, (after - before) / (double) n, seconds,
        n / seconds);
    if (pipeline != null) {
      // What an idle session holds once the host's timer has run past the buffer-release delay
      // (SessionLimits.bufferReleaseDelay, 2 s): the framing buffers are dropped at that tick.
      long later = System.nanoTime() + java.time.Duration.ofSeconds(3).toNanos();
      for (Object o : kept) {
        io.sipalg.api.session.AlgSession session = (io.sipalg.api.session.AlgSession) o;
        session.tick(later);
        if (session.isClosed()) {
          throw new IllegalStateException("an idle session closed at the tick");
        }
      }
      long ticked = usedAfterGc();
      System.out.printf(Locale.ROOT,
          "memory what=%s-idle-ticked provider=%s tls=%s n=%d heap_before=%d heap_after=%d"
              + " bytes_per_session=%.0f%n",
          what, provider, tls, kept.size(), before, ticked, (ticked - before) / (double) n);
    }
    if (Boolean.getBoolean("bench.hold")) {
      // keep the sessions reachable while `jcmd PID GC.class_histogram` looks at them
      System.out.println("holding " + kept.size() + " for 120 s, pid " + ProcessHandle.current().pid());
      Thread.sleep(120_000);
      System.out.println(kept.size());
    }
  }

  private static Object create(AlgPipeline pipeline, RawRelay.Contexts contexts, TlsCase tls,
      java.nio.ByteBuffer request, java.nio.ByteBuffer response) throws Exception {
    request.clear();
    response.clear();
    if (pipeline != null) {
      AlgPipeline.Connected c = pipeline.connect(true);
      c.roundTrip(request, response);
      return c.session; // the peers (and their buffers) become garbage
    }
    RawRelay r = contexts.connect(tls, true);
    r.roundTrip(request, response);
    return new Object[] {r.relayIn.engine, r.relayOut.engine};
  }

  private static long usedAfterGc() throws InterruptedException {
    MemoryMXBean bean = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(200);
      used = Math.min(used, bean.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
