package io.sipalg.tls.session;

import io.sipalg.api.session.AlgEvent;
import io.sipalg.api.session.AlgSession;
import io.sipalg.api.session.CloseReason;
import io.sipalg.api.session.CloseReason.Cause;
import io.sipalg.api.session.Direction;
import io.sipalg.api.session.Leg;
import io.sipalg.api.session.LegTlsInfo;
import io.sipalg.api.session.SessionAddresses;
import io.sipalg.api.session.SessionCounters;
import io.sipalg.tls.TlsRecords;
import io.sipalg.tls.engine.EndOfStream;
import io.sipalg.tls.engine.HandshakeInfo;
import io.sipalg.tls.engine.LegState;
import io.sipalg.tls.engine.TlsFailure;
import io.sipalg.tls.engine.TlsLeg;
import io.sipalg.tls.engine.TlsLegException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.slf4j.MDC;

/**
 * The ALG session: the phone leg (server mode) and the server leg (client mode) around two
 * {@link MessageRelay}s, one per direction. Implements the seed's sequence: the phone's handshake
 * completes first, then the session asks for the upstream connection, runs the server handshake
 * and forwards what it held meanwhile. Every public method first settles what the host took from
 * the previous {@link #outbound} view. Single-threaded by contract.
 */
final class ProxySession implements AlgSession {
  static final String MDC_KEY = "sipalg.session";

  private final String id;
  private final SessionEnvironment env;
  private final SessionEnvironment.ProfileBinding binding;
  private final SessionContext context;
  private final LegSlot phone;
  private final LegSlot server;
  private final HeldPlaintext held;
  /** Both legs, for the loops over them (one array for the session's life, not one per call). */
  private final LegSlot[] legs;
  private final long handshakeTimeout;
  private State state = State.PHONE_HANDSHAKE;
  private CloseReason closeReason;
  private boolean upstreamWanted;
  private boolean upstreamRequested;
  private String serverLegSni;
  private long closeDeadline = Long.MAX_VALUE;
  private long bufferReleaseAt = Long.MAX_VALUE;
  private boolean finished;

  /** One leg: its TLS driver (absent until it exists), counters, relay and bookkeeping. */
  private static final class LegSlot {
    final Leg leg;
    final MessageCounter counter = new MessageCounter();
    MessageRelay relay;
    TlsLeg tls;
    HandshakeInfo pendingHandshake;
    boolean handshakeReported;
    boolean endOfStream;
    boolean done;
    long handshakeDeadline = Long.MAX_VALUE;
    ByteBuffer outView;
    int outViewStart;

    LegSlot(Leg leg) {
      this.leg = leg;
    }
  }

  ProxySession(
      String id,
      SessionEnvironment env,
      SessionEnvironment.ProfileBinding binding,
      SessionAddresses addresses) {
    this.id = id;
    this.env = env;
    this.binding = binding;
    this.handshakeTimeout = env.limits().handshakeTimeout().toNanos();
    this.context =
        new SessionContext(
            id, binding.tls().profile(), addresses, env.clock(), env.ticker(), env.listener());
    this.phone = new LegSlot(Leg.PHONE);
    this.server = new LegSlot(Leg.SERVER);
    this.legs = new LegSlot[] {phone, server};
    this.held = new HeldPlaintext(env.limits().maxHeldBytes());
    phone.relay = relay(Direction.PHONE_TO_SERVER, phone.counter);
    server.relay = relay(Direction.SERVER_TO_PHONE, server.counter);
    phone.tls = buildLeg(phone, binding.tls().newPhoneEngine(), true);
    phone.handshakeDeadline = now() + handshakeTimeout;
    env.statistics().opened(this);
    if (env.eagerUpstream()) {
      requestUpstream();
    }
  }

  // ------------------------------------------------------------------ AlgSession

  @Override
  public String id() {
    return id;
  }

  @Override
  public State state() {
    return state;
  }

  @Override
  public SessionAddresses addresses() {
    return context.addresses();
  }

  @Override
  public void receive(Leg leg, ByteBuffer ciphertext) {
    settleAll();
    LegSlot slot = slot(leg);
    if (finished || slot.tls == null || slot.done) {
      // Nothing can use these bytes any more (or, for a server leg that does not exist yet, ever).
      ciphertext.position(ciphertext.limit());
      return;
    }
    bufferReleaseAt = now() + env.limits().bufferReleaseDelay().toNanos();
    MDC.put(MDC_KEY, id);
    try {
      while (ciphertext.hasRemaining() && !slot.done && wantsToRead(leg)) {
        int before = ciphertext.remaining();
        // One whole record at a time, so backpressure is checked between records.
        int record = TlsRecords.wholeRecordLength(ciphertext);
        int limit = ciphertext.limit();
        if (record > 0) {
          ciphertext.limit(ciphertext.position() + record); // no view object per record
        }
        try {
          slot.tls.receive(ciphertext);
        } catch (TlsLegException e) {
          legFailed(slot, e.failure());
          break;
        } finally {
          ciphertext.limit(limit);
        }
        afterActivity(slot);
        if (ciphertext.remaining() == before) {
          break; // the leg is waiting for a task, for output to drain or for the upstream
        }
      }
      flushBoth();
      maybeFinish();
    } finally {
      MDC.remove(MDC_KEY);
    }
  }

  @Override
  public void receiveEndOfStream(Leg leg) {
    settleAll();
    LegSlot slot = slot(leg);
    if (finished || slot.endOfStream) {
      return;
    }
    slot.endOfStream = true;
    if (slot.tls == null) {
      slot.done = true;
      maybeFinish();
      return;
    }
    boolean handshaking = !slot.handshakeReported;
    EndOfStream end = slot.tls.receiveEndOfStream();
    slot.done = true;
    if (end == EndOfStream.TRUNCATED) {
      if (handshaking) {
        reportHandshakeFailure(slot, "connection-closed", "the transport ended during the handshake");
      }
      beginClose(
          CloseReason.on(
              slot.leg,
              handshaking ? Cause.HANDSHAKE_FAILED : Cause.TRUNCATED,
              handshaking
                  ? "the connection closed during the TLS handshake"
                  : "the connection closed without close_notify (possible truncation)"));
    } else {
      peerClosed(slot);
    }
    flushBoth();
    maybeFinish();
  }

  @Override
  public boolean upstreamWanted() {
    return upstreamWanted;
  }

  @Override
  public void upstreamConnected(InetSocketAddress algOutside, InetSocketAddress serverAddress) {
    settleAll();
    if (!upstreamWanted || finished) {
      return;
    }
    upstreamWanted = false;
    context.addresses(context.addresses().withServerSide(algOutside, serverAddress));
    String serverName = env.upstreamServerName().orElseGet(this::phoneServerName);
    serverLegSni = serverName;
    server.tls =
        buildLeg(
            server,
            binding.tls().newServerEngine(
                serverName, serverAddress.getHostString(), serverAddress.getPort()),
            false);
    if (state == State.AWAITING_UPSTREAM) {
      state = State.SERVER_HANDSHAKE;
    }
    MDC.put(MDC_KEY, id);
    try {
      server.tls.beginHandshake();
      afterActivity(server);
      deliverPlaintext(phone); // what the phone sent while the upstream connection was being made
      flushBoth();
    } catch (TlsLegException e) {
      legFailed(server, e.failure());
    } finally {
      MDC.remove(MDC_KEY);
    }
    maybeFinish();
  }

  @Override
  public void upstreamFailed(String reason) {
    settleAll();
    if (!upstreamWanted || finished) {
      return;
    }
    upstreamWanted = false;
    server.done = true;
    env.statistics().handshakeFailed();
    env.listener()
        .onEvent(new AlgEvent.HandshakeFailed(id, env.clock().instant(), Leg.SERVER, "connect", reason));
    beginClose(CloseReason.on(Leg.SERVER, Cause.UPSTREAM_UNAVAILABLE, reason));
    flushBoth();
    maybeFinish();
  }

  @Override
  public ByteBuffer outbound(Leg leg) {
    LegSlot slot = slot(leg);
    settle(slot);
    if (slot.tls == null) {
      return ByteBuffer.allocate(0);
    }
    slot.outView = slot.tls.networkOutbound();
    slot.outViewStart = slot.outView.position();
    return slot.outView;
  }

  @Override
  public boolean hasOutbound(Leg leg) {
    LegSlot slot = slot(leg);
    settle(slot);
    return slot.tls != null && slot.tls.pendingNetworkBytes() > 0;
  }

  @Override
  public boolean wantsToRead(Leg leg) {
    settleAll();
    LegSlot slot = slot(leg);
    if (finished || slot.done || slot.tls == null || slot.tls.awaitingTask()) {
      return false;
    }
    LegSlot other = slot(leg.other());
    if (other.tls != null && pending(other) >= env.limits().outboundHighWater()) {
      return false;
    }
    // Keep the phone's bytes in the kernel while its messages already wait for the server leg,
    // or wait, decrypted, for the upstream connection.
    return leg != Leg.PHONE
        || (!held.isFull() && (slot.tls.plaintextAvailable() == 0 || context.addresses().algOutside().isPresent()));
  }

  @Override
  public void tick(long nowNanos) {
    settleAll();
    if (finished) {
      return;
    }
    MDC.put(MDC_KEY, id);
    try {
      for (LegSlot slot : legs) {
        if (slot.tls != null && !slot.done && !slot.tls.awaitingTask()) {
          try {
            slot.tls.resume();
            afterActivity(slot);
          } catch (TlsLegException e) {
            legFailed(slot, e.failure());
          }
        }
        if (!slot.handshakeReported && !slot.done && nowNanos >= slot.handshakeDeadline) {
          handshakeTimedOut(slot);
        }
      }
      flushBoth();
      if (nowNanos >= bufferReleaseAt) {
        phone.relay.trim();
        server.relay.trim();
        bufferReleaseAt = Long.MAX_VALUE;
      }
      if (state == State.CLOSING && nowNanos >= closeDeadline) {
        phone.done = true;
        server.done = true;
      }
      maybeFinish();
    } finally {
      MDC.remove(MDC_KEY);
    }
  }

  @Override
  public long nextDeadlineNanos() {
    if (finished) {
      return Long.MAX_VALUE;
    }
    long next = state == State.ESTABLISHED ? bufferReleaseAt : closeDeadline;
    for (LegSlot slot : legs) {
      if (!slot.handshakeReported && !slot.done) {
        next = Math.min(next, slot.handshakeDeadline);
      }
    }
    return next;
  }

  @Override
  public void close() {
    settleAll();
    if (finished || state == State.CLOSING) {
      return;
    }
    beginClose(CloseReason.of(Cause.CLOSED_BY_HOST, "the host closed the session"));
    flushBoth();
    maybeFinish();
  }

  @Override
  public boolean isClosed() {
    return finished;
  }

  @Override
  public Optional<CloseReason> closeReason() {
    return Optional.ofNullable(closeReason);
  }

  @Override
  public Optional<LegTlsInfo> tls(Leg leg) {
    return context.tls(leg);
  }

  @Override
  public SessionCounters counters() {
    return new SessionCounters(phone.counter.snapshot(), server.counter.snapshot());
  }

  @Override
  public String toString() {
    return id + " " + state;
  }

  /** Buffer bytes this session holds now: both TLS legs, both framers, held plaintext. */
  int retainedBufferBytes() {
    int bytes = phone.relay.capacity() + server.relay.capacity() + held.capacity();
    for (LegSlot slot : legs) {
      if (slot.tls != null) {
        bytes += slot.tls.retainedBufferCapacity();
      }
    }
    return bytes;
  }

  // ------------------------------------------------------------------ legs

  private TlsLeg buildLeg(LegSlot slot, javax.net.ssl.SSLEngine engine, boolean phoneSide) {
    TlsLeg.Builder builder =
        TlsLeg.builder(engine)
            .onHandshake(info -> slot.pendingHandshake = info)
            .sendEmptyFragments(binding.tls().sendEmptyFragments());
    if (phoneSide) {
      builder.recordObserver(binding.tls().newRenegotiationGuard());
    }
    env.taskExecutor().ifPresent(executor -> builder.delegatedTasks(executor, () -> env.wakeUp().accept(this)));
    return builder.build();
  }

  private LegSlot slot(Leg leg) {
    return leg == Leg.PHONE ? phone : server;
  }

  private int pending(LegSlot slot) {
    return slot.tls.pendingOutboundBytes();
  }

  /** Applies what the host wrote from the last outbound view. */
  private void settle(LegSlot slot) {
    if (slot.outView != null) {
      int taken = slot.outView.position() - slot.outViewStart;
      slot.outView = null;
      if (taken > 0) {
        slot.tls.consumeNetworkOutbound(taken);
      }
    }
  }

  private void settleAll() {
    settle(phone);
    settle(server);
  }

  /** Everything that may follow a leg's progress: handshakes, plaintext, the peer's close_notify. */
  private void afterActivity(LegSlot slot) {
    if (slot.pendingHandshake != null) {
      HandshakeInfo info = slot.pendingHandshake;
      slot.pendingHandshake = null;
      handshakeCompleted(slot, info);
    }
    deliverPlaintext(slot);
    if (slot.tls != null && !slot.done && slot.tls.state() == LegState.FAILED) {
      slot.tls.failure().ifPresent(f -> legFailed(slot, f));
    }
    if (slot.tls != null && !slot.done
        && (slot.tls.state() == LegState.CLOSE_RECEIVED || slot.tls.state() == LegState.CLOSED)) {
      peerClosed(slot);
    }
  }

  private void deliverPlaintext(LegSlot slot) {
    if (slot == phone && context.addresses().algOutside().isEmpty()) {
      // Inspect the phone's messages once the upstream connection exists: NAT needs the ALG's
      // outside address. Until then the plaintext stays in the leg, which stops unwrapping.
      return;
    }
    while (slot.tls.plaintextAvailable() > 0 && !finished) {
      ByteBuffer plaintext = slot.tls.plaintext();
      int n = plaintext.remaining();
      slot.relay.receive(plaintext);
      slot.tls.consumePlaintext(n);
      try {
        slot.tls.resume(); // it may have stopped unwrapping while its plaintext was undrained
      } catch (TlsLegException e) {
        legFailed(slot, e.failure());
        return;
      }
    }
  }

  private void handshakeCompleted(LegSlot slot, HandshakeInfo info) {
    if (slot.handshakeReported && "TLSv1.3".equals(info.protocol())) {
      return; // TLS 1.3 has no renegotiation: a repeat is a NewSessionTicket or a KeyUpdate
    }
    LegTlsInfo tls =
        new LegTlsInfo(
            slot.leg,
            binding.tls().provider() == io.sipalg.tls.engine.JsseProvider.BCJSSE ? "BCJSSE" : "SunJSSE",
            info.protocol(),
            info.cipherSuite(),
            slot.leg == Leg.PHONE
                ? info.requestedServerNames().stream().findFirst()
                : java.util.Optional.ofNullable(serverLegSni),
            info.peerCertificates(),
            info.resumed(),
            slot.leg == Leg.PHONE ? binding.tls().phonePolicy() : binding.tls().serverPolicy());
    context.tls(tls);
    env.listener().onEvent(new AlgEvent.HandshakeCompleted(id, env.clock().instant(), tls));
    if (slot.handshakeReported) {
      return; // a renegotiation: facts updated, nothing else changes
    }
    slot.handshakeReported = true;
    if (slot == phone) {
      if (state == State.PHONE_HANDSHAKE) {
        state = server.handshakeReported ? State.ESTABLISHED
            : server.tls != null ? State.SERVER_HANDSHAKE : State.AWAITING_UPSTREAM;
      }
      if (!upstreamRequested) {
        requestUpstream();
      }
    } else {
      if (state != State.CLOSING && phone.handshakeReported) {
        state = State.ESTABLISHED;
      }
      releaseHeld();
    }
  }

  private void requestUpstream() {
    upstreamRequested = true;
    upstreamWanted = true;
    server.handshakeDeadline = now() + handshakeTimeout;
    env.listener().onEvent(new AlgEvent.UpstreamRequested(id, env.clock().instant()));
  }

  private String phoneServerName() {
    return context.tls(Leg.PHONE).flatMap(LegTlsInfo::serverName).orElse(null);
  }

  private void handshakeTimedOut(LegSlot slot) {
    reportHandshakeFailure(slot, "handshake-timeout",
        "no completed TLS handshake within " + env.limits().handshakeTimeout());
    slot.done = true;
    beginClose(CloseReason.on(slot.leg, Cause.HANDSHAKE_TIMEOUT,
        slot.leg + " TLS handshake did not complete within " + env.limits().handshakeTimeout()));
  }

  private void legFailed(LegSlot slot, TlsFailure failure) {
    if (slot.done) {
      return;
    }
    slot.done = true;
    String check = failure.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    String detail = failure.reason().description() + " (" + failure.detail() + ")";
    Cause cause;
    if (!slot.handshakeReported) {
      reportHandshakeFailure(slot, check, detail);
      cause = Cause.HANDSHAKE_FAILED;
    } else {
      cause = switch (failure.reason()) {
        case RENEGOTIATION_DENIED, SECURE_RENEGOTIATION_UNSUPPORTED -> Cause.TLS_POLICY;
        case TRUNCATED -> Cause.TRUNCATED;
        default -> Cause.TLS_ERROR;
      };
      if (cause == Cause.TLS_POLICY) {
        context.beginMessage(Direction.arrivingOn(slot.leg));
        context.reportViolation("ssl-client-renegotiation", "close", detail);
      }
    }
    beginClose(CloseReason.on(slot.leg, cause, check + ": " + detail));
  }

  private void reportHandshakeFailure(LegSlot slot, String check, String detail) {
    env.statistics().handshakeFailed();
    env.listener().onEvent(new AlgEvent.HandshakeFailed(id, env.clock().instant(), slot.leg, check, detail));
  }

  // ------------------------------------------------------------------ closing

  /** A leg's peer sent close_notify (or closed cleanly): answer it and close the other leg too. */
  private void peerClosed(LegSlot slot) {
    if (closeReason == null) {
      closeReason = CloseReason.on(slot.leg, Cause.CLOSED_BY_PEER, slot.leg + " sent close_notify");
    }
    beginClose(closeReason);
  }

  /** Records the first reason and sends close_notify on every leg that can still take it. */
  private void beginClose(CloseReason reason) {
    if (closeReason == null) {
      closeReason = reason;
    }
    if (finished) {
      return;
    }
    if (state != State.CLOSING) {
      state = State.CLOSING;
      closeDeadline = now() + env.limits().closeNotifyTimeout().toNanos();
      upstreamWanted = false;
    }
    closeOutbound(phone);
    closeOutbound(server);
  }

  private void closeOutbound(LegSlot slot) {
    if (slot.tls == null) {
      slot.done = true;
      return;
    }
    if (slot.tls.state().isTerminal()) {
      slot.done = true;
      return;
    }
    try {
      slot.tls.closeOutbound();
    } catch (TlsLegException e) {
      slot.done = true;
    }
    LegState s = slot.tls.state();
    // A leg still in its handshake will not answer close_notify: our alert ends it.
    if (s.isTerminal() || slot.endOfStream || !slot.handshakeReported) {
      slot.done = true;
    }
  }

  private void maybeFinish() {
    if (finished || state != State.CLOSING) {
      return;
    }
    boolean phoneDone = phone.done || phone.tls.state().isTerminal();
    boolean serverDone = server.done || server.tls == null || server.tls.state().isTerminal();
    if (!phoneDone || !serverDone) {
      return;
    }
    finished = true;
    state = State.CLOSED;
    upstreamWanted = false;
    int heldMessages = held.discard();
    phone.counter.dropped += heldMessages;
    binding.inspector().sessionClosed(context);
    SessionCounters counters = counters();
    env.statistics().closed(this, counters.total());
    env.listener().onEvent(new AlgEvent.SessionClosed(id, env.clock().instant(), closeReason, counters));
  }

  // ------------------------------------------------------------------ message flow

  private MessageRelay relay(Direction direction, MessageCounter counter) {
    return new MessageRelay(
        direction,
        env.limits().framing(),
        binding.inspector(),
        context,
        counter,
        new MessageSink() {
          @Override
          public void forwardMessage(ByteBuffer message) {
            if (send(slot(direction.to()), message, counter)) {
              counter.forwarded++;
            }
          }

          @Override
          public void forwardKeepAlive(ByteBuffer keepAlive) {
            send(slot(direction.to()), keepAlive, null);
          }

          @Override
          public void respond(ByteBuffer response) {
            send(slot(direction.from()), response, null);
          }

          @Override
          public void fail(CloseReason reason) {
            beginClose(reason);
          }
        });
  }

  /**
   * Sends plaintext on a leg, or holds it while the server leg is not up. Returns whether the
   * bytes went out now; a message that cannot go (the leg is closing) is counted as dropped.
   */
  private boolean send(LegSlot to, ByteBuffer plaintext, MessageCounter messageCounter) {
    if (to == server && !server.handshakeReported && !finished && state != State.CLOSING) {
      if (!held.add(plaintext, messageCounter != null)) {
        beginClose(CloseReason.on(Leg.PHONE, Cause.BUFFER_LIMIT,
            "more than " + env.limits().maxHeldBytes() + " bytes waited for the server leg"));
        if (messageCounter != null) {
          messageCounter.dropped++;
        }
      }
      return false;
    }
    if (to.tls == null || to.done || state == State.CLOSING || finished) {
      plaintext.position(plaintext.limit());
      if (messageCounter != null) {
        messageCounter.dropped++;
      }
      return false;
    }
    try {
      to.tls.send(plaintext);
      return true;
    } catch (TlsLegException e) {
      legFailed(to, e.failure());
    } catch (IllegalStateException closed) {
      // The leg's outbound side closed between the checks above and now.
    }
    if (messageCounter != null) {
      messageCounter.dropped++;
    }
    return false;
  }

  private void releaseHeld() {
    if (held.isEmpty()) {
      return;
    }
    if (state == State.CLOSING || finished || server.done) {
      // The session began closing while the server handshake ran: nothing held can go out now.
      phone.counter.dropped += held.discard();
      return;
    }
    int messages = held.messages();
    ByteBuffer bytes = held.drain();
    try {
      server.tls.send(bytes);
      phone.counter.forwarded += messages;
    } catch (TlsLegException e) {
      phone.counter.dropped += messages;
      legFailed(server, e.failure());
    } catch (IllegalStateException closed) {
      phone.counter.dropped += messages;
    }
  }

  /** Wraps staged plaintext once per batch: many small messages share records (coalescing). */
  private void flushBoth() {
    for (LegSlot slot : legs) {
      if (slot.tls != null && !slot.tls.state().isTerminal()) {
        try {
          slot.tls.flush();
        } catch (TlsLegException e) {
          legFailed(slot, e.failure());
        }
      }
    }
  }

  private long now() {
    return env.ticker().getAsLong();
  }
}
