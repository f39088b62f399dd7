package io.sipalg.tls;

import static org.assertj.core.api.Assertions.fail;

import io.sipalg.api.SslMode;
import io.sipalg.api.VoipProfile;
import io.sipalg.api.cert.CaCertificate;
import io.sipalg.api.cert.CertificateStore;
import io.sipalg.api.cert.LocalCertificate;
import io.sipalg.api.cert.Peer;
import io.sipalg.api.cert.PeerGroup;
import io.sipalg.api.inspect.SipInspector;
import io.sipalg.api.session.AlgEvent;
import io.sipalg.api.session.AlgEventListener;
import io.sipalg.api.session.AlgSession;
import io.sipalg.api.session.Leg;
import io.sipalg.api.session.SessionAddresses;
import io.sipalg.tls.engine.SharedPki;
import io.sipalg.tls.engine.SharedPki.Credential;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLEngine;

/**
 * One ALG session between a simulated phone and a simulated SIP server, all in memory, with a
 * manual clock. {@link #pump()} moves bytes until nothing moves any more.
 */
public final class AlgHarness {
  static final InetSocketAddress PHONE = new InetSocketAddress("10.0.0.5", 40000);
  static final InetSocketAddress ALG_INSIDE = new InetSocketAddress("10.0.0.1", 5061);
  static final InetSocketAddress ALG_OUTSIDE = new InetSocketAddress("192.0.2.1", 41000);
  static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 5061);

  final List<AlgEvent> events;
  private final Setup setup;
  final SipAlg alg;
  /** The profile "test" the ALG was built with. */
  final VoipProfile profile;
  public final AlgSession session;
  public final EnginePeer phone;
  public final EnginePeer server;
  public long now = 1_000_000_000L;
  boolean connectUpstream = true;
  boolean drainServer = true;
  private ByteBuffer phonePending = ByteBuffer.allocate(0);
  private ByteBuffer serverPending = ByteBuffer.allocate(0);

  /** Everything a test may change. */
  static final class Setup {
    TlsProvider provider = TlsProvider.SUN_JSSE;
    UnaryOperator<VoipProfile.Builder> profile = b -> b;
    SipInspector inspector = SipInspector.passThrough();
    /** When set, builds the inspector from the profile (e.g. the standard chain); else {@link #inspector}. */
    java.util.function.Function<VoipProfile, SipInspector> inspectors;
    SessionLimits limits = SessionLimits.defaults();
    Credential serverCredential = SharedPki.SERVER_EC;
    Credential phoneCredential = null;
    SSLEngine phoneEngine;
    SSLEngine serverEngine;
    boolean wantsForwardVerdicts;
    String upstreamServerName = SharedPki.HOST;
    boolean delegatedTasks;
    boolean eagerUpstream;
  }

  /** Delegated TLS tasks waiting for the simulated executor (when Setup.delegatedTasks). */
  final java.util.ArrayDeque<Runnable> tasks = new java.util.ArrayDeque<>();
  int wakeUps;
  int tasksRun;

  AlgHarness(Setup setup) {
    this.setup = setup;
    this.events = new ArrayList<>();
    CertificateStore store = new CertificateStore();
    store.putLocal(cert("alg-server", SharedPki.SERVER_EC));
    store.putLocal(cert("alg-client", SharedPki.CLIENT));
    store.putLocal(cert("alg-server-rsa", SharedPki.SERVER_RSA));
    store.putCa(new CaCertificate("test-ca", SharedPki.CA));
    store.putPeer(Peer.of("any-phone", "test-ca"));
    store.putPeer(Peer.of("sip-server", "test-ca"));
    store.putPeerGroup(PeerGroup.of("phones", "any-phone"));
    store.putPeer(new Peer("phone-2-only", "test-ca", "", "phone-2"));
    store.putPeerGroup(PeerGroup.of("named-phones", "phone-2-only"));
    store.putPeerGroup(PeerGroup.of("servers", "sip-server"));
    profile =
        setup.profile
            .apply(
                VoipProfile.builder()
                    .name("test")
                    .sslMode(SslMode.FULL)
                    .sslServerCertificate("alg-server")
                    .sslClientCertificate("alg-client")
                    .sslAuthServer("servers"))
            .build();
    Clock clock = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);
    SipAlg.Builder builder = SipAlg.builder();
    if (setup.delegatedTasks) {
      builder.delegatedTasks(tasks::add, session -> wakeUps++);
    }
    alg =
        builder
            .eagerUpstream(setup.eagerUpstream)
            .profile(profile)
            .certificates(store)
            .provider(setup.provider)
            .inspectors(p -> setup.inspectors != null ? setup.inspectors.apply(p) : setup.inspector)
            .limits(setup.limits)
            .clock(clock)
            .ticker(() -> now)
            .upstreamServerName(setup.upstreamServerName)
            .listener(
                new AlgEventListener() {
                  @Override
                  public void onEvent(AlgEvent event) {
                    events.add(event);
                  }

                  @Override
                  public boolean wantsForwardVerdicts() {
                    return setup.wantsForwardVerdicts;
                  }
                })
            .build();
    session = alg.newSession(SessionAddresses.accepted(PHONE, ALG_INSIDE), "test");
    phone = new EnginePeer(setup.phoneEngine != null ? setup.phoneEngine : phoneEngine(setup));
    server = new EnginePeer(setup.serverEngine != null ? setup.serverEngine : serverEngine(setup));
  }

  /** A second session of the same ALG, with new peers; events start afresh. */
  private AlgHarness(AlgHarness first) {
    this.setup = first.setup;
    this.events = first.events;
    this.alg = first.alg;
    this.profile = first.profile;
    this.now = first.now;
    events.clear();
    session = alg.newSession(SessionAddresses.accepted(PHONE, ALG_INSIDE), "test");
    phone = new EnginePeer(phoneEngine(setup));
    server = new EnginePeer(serverEngine(setup));
  }

  /** Another session on the same ALG (e.g. to see the server leg resume its TLS session). */
  AlgHarness nextSession() {
    return new AlgHarness(this);
  }

  private static SSLEngine phoneEngine(Setup setup) {
    return SharedPki.clientEngine(SharedPki.clientContext(setup.phoneCredential), List.of("TLSv1.3", "TLSv1.2"), null);
  }

  private static SSLEngine serverEngine(Setup setup) {
    return SharedPki.serverEngine(SharedPki.serverContext(setup.serverCredential), List.of("TLSv1.3", "TLSv1.2"));
  }

  public static AlgHarness standard() {
    return new AlgHarness(new Setup());
  }

  private static LocalCertificate cert(String name, Credential credential) {
    return LocalCertificate.of(name, credential.chain(), credential.key(), "");
  }

  /** Offers ciphertext from the phone once; what the session does not take waits for {@link #pump}. */
  void offerFromPhone(ByteBuffer ciphertext) {
    phonePending = append(phonePending, ciphertext);
    session.receive(Leg.PHONE, phonePending);
  }

  /** Moves bytes between phone, ALG and server until nothing moves. */
  public AlgHarness pump() {
    for (int round = 0; round < 10_000; round++) {
      if (!step()) {
        return this;
      }
    }
    return fail("the session never went quiet");
  }

  private boolean step() {
    boolean moved = false;
    if (!tasks.isEmpty()) {
      // The executor's thread runs the tasks and wakes the host, which ticks the session.
      while (!tasks.isEmpty()) {
        tasks.poll().run();
        tasksRun++;
      }
      session.tick(now);
      moved = true;
    }
    phonePending = append(phonePending, phone.produce());
    if (phonePending.hasRemaining() && session.wantsToRead(Leg.PHONE)) {
      int before = phonePending.remaining();
      session.receive(Leg.PHONE, phonePending);
      moved |= phonePending.remaining() != before;
    }
    if (session.upstreamWanted() && connectUpstream) {
      session.upstreamConnected(ALG_OUTSIDE, SERVER);
      moved = true;
    }
    if (session.hasOutbound(Leg.PHONE)) {
      phone.consume(session.outbound(Leg.PHONE));
      moved = true;
    }
    if (drainServer && session.hasOutbound(Leg.SERVER)) {
      server.consume(session.outbound(Leg.SERVER));
      moved = true;
    }
    if (session.state() != AlgSession.State.PHONE_HANDSHAKE
        && session.state() != AlgSession.State.AWAITING_UPSTREAM) {
      serverPending = append(serverPending, server.produce());
    }
    if (serverPending.hasRemaining() && session.wantsToRead(Leg.SERVER)) {
      int before = serverPending.remaining();
      session.receive(Leg.SERVER, serverPending);
      moved |= serverPending.remaining() != before;
    }
    return moved;
  }

  private static ByteBuffer append(ByteBuffer pending, ByteBuffer more) {
    if (!more.hasRemaining()) {
      return pending;
    }
    ByteBuffer joined = ByteBuffer.allocate(pending.remaining() + more.remaining());
    return joined.put(pending).put(more).flip();
  }

  /** Advances the manual clock and ticks the session. */
  public AlgHarness advance(java.time.Duration d) {
    now += d.toNanos();
    session.tick(now);
    return this;
  }

  <T extends AlgEvent> List<T> events(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
