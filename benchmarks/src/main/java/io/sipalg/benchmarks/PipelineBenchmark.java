package io.sipalg.benchmarks;

import io.sipalg.benchmarks.AlgPipeline.Inspection;
import io.sipalg.benchmarks.BenchPki.TlsCase;
import io.sipalg.tls.TlsProvider;
import io.sipalg.tls.engine.JsseProvider;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole ALG pipeline against the crypto limit (issue 8), one thread, all in memory: phone
 * SSLEngine -> ALG session (two SSLEngines of {@code provider} around the inspector) -> SIP server
 * SSLEngine, and back. One invocation = the phone's 600 B REGISTER to the server plus the server's
 * 200 OK to the phone, i.e. two messages, each encrypted and decrypted twice; the score is messages
 * per second ({@code @OperationsPerInvocation(2)}), {@code gc.alloc.rate.norm} bytes per message.
 *
 * <ul>
 *   <li>{@code STANDARD}: the standard inspector chain of the default profile;
 *   <li>{@code PASS_THROUGH}: {@code SipInspector.passThrough()} (framing, parsing, relaying);
 *   <li>{@code RAW}: {@link RawRelay}, the same four engines with no SIP processing: the limit.
 * </ul>
 * The simulated peers are SunJSSE in every case.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PipelineBenchmark {
  /** What sits between the two TLS legs. */
  public enum Relay { STANDARD, PASS_THROUGH, RAW }

  @Param({"SUN_JSSE", "BC_JSSE"})
  public TlsProvider provider;

  @Param({"TLS13_AES128GCM", "TLS12_ECDHE_AES128GCM"})
  public String tls;

  @Param({"STANDARD", "PASS_THROUGH", "RAW"})
  public Relay relay;

  /**
   * Registrations the session carries before measuring: 1 = the measured REGISTER only; N > 1 =
   * N - 1 other AoRs (own Call-IDs) registered first over the same connection, as an SBC or PBX
   * trunk connection carries many users. Default 1; {@code -p registrations=1,1000} shows how the
   * per-message cost grows with the session's state.
   */
  @Param({"1"})
  public int registrations;

  private AlgPipeline.Connected session;
  private RawRelay raw;
  private final ByteBuffer request = ByteBuffer.wrap(SipSamples.REGISTER.bytes());
  private final ByteBuffer response = ByteBuffer.wrap(SipSamples.OK_200.bytes());

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    TlsCase tlsCase = TlsCase.valueOf(tls);
    if (relay == Relay.RAW) {
      JsseProvider jsse = provider == TlsProvider.BC_JSSE ? JsseProvider.BCJSSE : JsseProvider.SUN_JSSE;
      raw = new RawRelay.Contexts(jsse).connect(tlsCase, true);
    } else {
      Inspection inspection = relay == Relay.STANDARD ? Inspection.STANDARD : Inspection.PASS_THROUGH;
      session = new AlgPipeline(provider, inspection, tlsCase).connect(true);
    }
    for (int i = 1; i < registrations; i++) {
      ByteBuffer req = ByteBuffer.wrap(otherUser(SipSamples.REGISTER.bytes(), i));
      ByteBuffer resp = ByteBuffer.wrap(otherUser(SipSamples.OK_200.bytes(), i));
      if (raw != null) {
        raw.roundTrip(req, resp);
      } else {
        session.roundTrip(req, resp);
      }
    }
    // Every message must cross: the standard chain may edit them (its NAT fix-ups change a few
    // bytes), so count messages rather than compare lengths there.
    int rounds = 1000;
    long floor = (request.capacity() + response.capacity()) * 9L / 10;
    for (int i = 0; i < rounds; i++) {
      int got = roundTrip();
      if (got < floor) {
        throw new IllegalStateException("round trip " + i + " delivered " + got + " bytes"
            + (session != null ? ": " + session.session.counters() : ""));
      }
    }
    if (session != null) {
      var c = session.session.counters();
      long want = rounds + registrations - 1L;
      if (c.phoneToServer().forwarded() != want || c.serverToPhone().forwarded() != want) {
        throw new IllegalStateException("not every message was forwarded: " + c);
      }
    }
  }

  /** The sample with AoR user alice -> u{i} and its own Call-ID (same length class, Content-Length 0). */
  private static byte[] otherUser(byte[] sample, int i) {
    String text = new String(sample, java.nio.charset.StandardCharsets.US_ASCII)
        .replace("alice@", "u" + i + "@")
        .replace("Call-ID: NjQ1", "Call-ID: " + i + "-NjQ1");
    return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  @Benchmark
  @OperationsPerInvocation(2)
  public int roundTrip() throws Exception {
    request.clear();
    response.clear();
    return raw != null ? raw.roundTrip(request, response) : session.roundTrip(request, response);
  }
}
