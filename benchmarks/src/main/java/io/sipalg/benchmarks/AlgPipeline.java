package io.sipalg.benchmarks;

import io.sipalg.api.SslMode;
import io.sipalg.api.VoipProfile;
import io.sipalg.api.inspect.SipInspector;
import io.sipalg.api.session.AlgSession;
import io.sipalg.api.session.Leg;
import io.sipalg.api.session.SessionAddresses;
import io.sipalg.benchmarks.BenchPki.TlsCase;
import io.sipalg.inspect.InspectorServices;
import io.sipalg.inspect.StandardInspectors;
import io.sipalg.tls.SipAlg;
import io.sipalg.tls.TlsProvider;
import io.sipalg.tls.engine.JsseProvider;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * An ALG instance with simulated peers (SunJSSE engines) in memory: builds sessions, runs their
 * handshakes and relays messages through them. Everything the benchmarks need about the ALG, in
 * one place, so all of them drive it the same way.
 */
final class AlgPipeline {
  /** What inspects the SIP messages. */
  enum Inspection {
    /** {@code StandardInspectors.from(profile, InspectorServices.create())} on the default profile. */
    STANDARD,
    /** {@link SipInspector#passThrough()}: framing, parsing and relaying, no inspection. */
    PASS_THROUGH
  }

  static final InetSocketAddress PHONE = new InetSocketAddress("10.0.0.5", 40000);
  static final InetSocketAddress ALG_INSIDE = new InetSocketAddress("10.0.0.1", 5061);
  static final InetSocketAddress ALG_OUTSIDE = new InetSocketAddress("192.0.2.1", 41000);
  private static final AtomicInteger UPSTREAM_PORTS = new AtomicInteger(30000);

  private static final boolean TRACE = Boolean.getBoolean("bench.trace");
  final SipAlg alg;
  final TlsCase tls;
  final SSLContext phoneContext = BenchPki.phoneContext();
  final SSLContext serverContext = BenchPki.serverContext(JsseProvider.SUN_JSSE);

  AlgPipeline(TlsProvider provider, Inspection inspection, TlsCase tls) {
    this.tls = tls;
    VoipProfile profile = VoipProfile.builder()
        .name("bench")
        .sslMode(SslMode.FULL)
        .sslServerCertificate("alg-server")
        .sslClientCertificate("alg-client")
        .sslAuthServer("servers")
        .build();
    InspectorServices services = InspectorServices.create();
    this.alg = SipAlg.builder()
        .profile(profile)
        .certificates(BenchPki.store())
        .provider(provider)
        .inspectors(p -> inspection == Inspection.STANDARD
            ? StandardInspectors.from(p, services) : SipInspector.passThrough())
        .upstreamServerName(BenchPki.HOST)
        .build();
  }

  /** One established session with its two simulated peers. */
  static final class Connected {
    final AlgSession session;
    final MemPeer phone;
    final MemPeer server;

    Connected(AlgSession session, MemPeer phone, MemPeer server) {
      this.session = session;
      this.phone = phone;
      this.server = server;
    }

    /**
     * Phone sends {@code request}, the server receives it; the server sends {@code response}, the
     * phone receives it. Returns the plaintext bytes both received (to be consumed).
     */
    int roundTrip(ByteBuffer request, ByteBuffer response) throws SSLException {
      phone.wrap(request);
      session.receive(Leg.PHONE, phone.netOut);
      while (session.hasOutbound(Leg.SERVER)) {
        server.unwrap(session.outbound(Leg.SERVER));
      }
      server.wrap(response);
      session.receive(Leg.SERVER, server.netOut);
      while (session.hasOutbound(Leg.PHONE)) {
        phone.unwrap(session.outbound(Leg.PHONE));
      }
      int got = server.appIn.position() + phone.appIn.position();
      server.clearApp();
      phone.clearApp();
      return got;
    }
  }

  /**
   * A new session, both handshakes run to completion. With {@code resumeUpstream}, the server leg
   * connects to the same upstream address every time (the ALG's client session cache can resume);
   * otherwise to a new port each time (a full handshake on both legs).
   */
  Connected connect(boolean resumeUpstream) throws SSLException {
    AlgSession session = alg.newSession(SessionAddresses.accepted(PHONE, ALG_INSIDE), "bench");
    MemPeer phone = new MemPeer(BenchPki.client(phoneContext, tls, 0));
    MemPeer server = new MemPeer(BenchPki.server(serverContext, tls));
    InetSocketAddress upstream = new InetSocketAddress("127.0.0.1",
        resumeUpstream ? 5061 : UPSTREAM_PORTS.incrementAndGet());
    for (int round = 0; round < 200; round++) {
      boolean moved = false;
      phone.flushHandshake();
      if (phone.netOut.hasRemaining() && session.wantsToRead(Leg.PHONE)) {
        int before = phone.netOut.remaining();
        session.receive(Leg.PHONE, phone.netOut);
        moved |= phone.netOut.remaining() != before;
      }
      if (session.upstreamWanted()) {
        session.upstreamConnected(ALG_OUTSIDE, upstream);
        moved = true;
      }
      if (session.hasOutbound(Leg.PHONE)) {
        phone.unwrap(session.outbound(Leg.PHONE));
        moved = true;
      }
      if (session.hasOutbound(Leg.SERVER)) {
        server.unwrap(session.outbound(Leg.SERVER));
        moved = true;
      }
      server.flushHandshake();
      if (server.netOut.hasRemaining() && session.wantsToRead(Leg.SERVER)) {
        int before = server.netOut.remaining();
        session.receive(Leg.SERVER, server.netOut);
        moved |= server.netOut.remaining() != before;
      }
      if (TRACE) {
        System.err.printf(java.util.Locale.ROOT, "round %d moved=%s state=%s phone=%s/%d server=%s/%d%n", round, moved,
            session.state(), phone.engine.getHandshakeStatus(), phone.netOut.remaining(),
            server.engine.getHandshakeStatus(), server.netOut.remaining());
      }
      if (!moved && session.state() == AlgSession.State.ESTABLISHED && !phone.handshaking()
          && !server.handshaking()) {
        return new Connected(session, phone, server);
      }
    }
    throw new IllegalStateException("session not established: " + session.state() + " "
        + session.closeReason());
  }
}
