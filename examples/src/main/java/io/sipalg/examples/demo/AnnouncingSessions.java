package io.sipalg.examples.demo;

import io.sipalg.api.session.AlgSession;
import io.sipalg.api.session.AlgStatistics;
import io.sipalg.api.session.CloseReason;
import io.sipalg.api.session.Leg;
import io.sipalg.api.session.LegTlsInfo;
import io.sipalg.api.session.SessionAddresses;
import io.sipalg.api.session.SessionCounters;
import io.sipalg.api.session.SessionFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Puts the two TCP steps the session events do not cover into the demo's sequence: the runner
 * accepting the phone's connection ({@link #newSession}) and connecting to the registrar
 * ({@link AlgSession#upstreamConnected}). A pass-through decorator of the ALG for the
 * {@link io.sipalg.examples.runner.AlgRunner}; it prints on the runner's loop thread, before the
 * session acts, so the lines come before whatever the session does next.
 */
final class AnnouncingSessions implements SessionFactory {
  private static final String ACTOR = "sip-alg";

  private final SessionFactory alg;
  private final DemoPrinter printer;
  private final DemoPacing pacing;

  AnnouncingSessions(SessionFactory alg, DemoPrinter printer, DemoPacing pacing) {
    this.alg = alg;
    this.printer = printer;
    this.pacing = pacing;
  }

  @Override
  public AlgSession newSession(SessionAddresses addresses, String profileName) {
    AlgSession session = alg.newSession(addresses, profileName);
    printer.step(ACTOR, "TCP connection accepted from " + DemoRegistrar.hostPort(addresses.phone())
        + " (session " + session.id() + ", profile \"" + profileName + "\")");
    return new Announcing(session);
  }

  @Override
  public AlgStatistics statistics() {
    return alg.statistics();
  }

  /** Delegates everything; announces the upstream connection. */
  private final class Announcing implements AlgSession {
    private final AlgSession session;

    Announcing(AlgSession session) {
      this.session = session;
    }

    @Override
    public void upstreamConnected(InetSocketAddress algOutside, InetSocketAddress server) {
      printer.step(ACTOR, "TCP connection to the registrar " + DemoRegistrar.hostPort(server)
          + " established from " + DemoRegistrar.hostPort(algOutside)
          + " (the outside address NAT will write); TLS handshake started");
      session.upstreamConnected(algOutside, server);
      pacing.upstreamConnected();
    }

    @Override
    public String id() {
      return session.id();
    }

    @Override
    public State state() {
      return session.state();
    }

    @Override
    public SessionAddresses addresses() {
      return session.addresses();
    }

    @Override
    public void receive(Leg leg, ByteBuffer ciphertext) {
      session.receive(leg, ciphertext);
    }

    @Override
    public void receiveEndOfStream(Leg leg) {
      session.receiveEndOfStream(leg);
    }

    @Override
    public boolean upstreamWanted() {
      return session.upstreamWanted();
    }

    @Override
    public void upstreamFailed(String reason) {
      session.upstreamFailed(reason);
    }

    @Override
    public ByteBuffer outbound(Leg leg) {
      return session.outbound(leg);
    }

    @Override
    public boolean hasOutbound(Leg leg) {
      return session.hasOutbound(leg);
    }

    @Override
    public boolean wantsToRead(Leg leg) {
      return session.wantsToRead(leg);
    }

    @Override
    public void tick(long nowNanos) {
      session.tick(nowNanos);
    }

    @Override
    public long nextDeadlineNanos() {
      return session.nextDeadlineNanos();
    }

    @Override
    public void close() {
      session.close();
    }

    @Override
    public boolean isClosed() {
      return session.isClosed();
    }

    @Override
    public Optional<CloseReason> closeReason() {
      return session.closeReason();
    }

    @Override
    public Optional<LegTlsInfo> tls(Leg leg) {
      return session.tls(leg);
    }

    @Override
    public SessionCounters counters() {
      return session.counters();
    }
  }
}
