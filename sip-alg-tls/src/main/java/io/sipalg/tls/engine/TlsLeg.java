package io.sipalg.tls.engine;

import io.sipalg.tls.TlsRecords;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * Drives one {@link SSLEngine} for a host that moves bytes: no threads, sockets or blocking.
 *
 * <p>Inbound: {@link #receive} copies ciphertext into a buffer of at most one TLS record, shows
 * each whole record to the {@link RecordObserver} and unwraps it; plaintext collects in a buffer
 * the caller reads with {@link #plaintext()} and releases with {@link #consumePlaintext(int)}.
 * When the caller stops draining plaintext, the leg stops consuming ciphertext (backpressure:
 * {@code receive} returns fewer bytes than offered). Outbound: {@link #send} stages plaintext,
 * {@link #flush()} wraps it (small writes coalesce into one record), the caller writes
 * {@link #networkOutbound()} to the transport and confirms with {@link #consumeNetworkOutbound(int)};
 * {@link #pendingOutboundBytes()} is the backpressure signal.
 *
 * <p>Buffers come from a {@link BufferPool} and go back as soon as they are empty, so an idle
 * established leg holds no buffer. Delegated tasks run inline, or on a caller-supplied executor:
 * then {@link #awaitingTask()} is true until the task is done, the callback fires and the host
 * calls {@link #resume()} on its own thread.
 *
 * <p>Every failure moves the leg to {@link LegState#FAILED} and throws {@link TlsLegException}
 * saying which check failed; any alert the engine produced is in {@link #networkOutbound()} first.
 * Not thread-safe: one thread (or one thread at a time) drives a leg.
 */
public final class TlsLeg {
  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
  private static final int MAX_PLAINTEXT_FRAGMENT = 16384;

  private final SSLEngine engine;
  private final BufferPool pool;
  private final RecordObserver observer;
  private final DelegatedTasks tasks;
  private final Consumer<HandshakeInfo> handshakeListener;
  private final boolean sendEmptyFragments;
  private final JsseProvider provider;
  private final int inboundLimit;
  /** Engine buffer sizes, refreshed after each handshake and on overflow (getSession is not free). */
  private int appSize;
  private int packetSize;
  private int consecutiveOverflows;

  /** Ciphertext not yet unwrapped; read mode; {@code null} when empty. */
  private ByteBuffer netIn;
  /** Plaintext for the caller; read mode; {@code null} when empty. */
  private ByteBuffer plainIn;
  /** Plaintext staged by {@link #send}; read mode; {@code null} when empty. */
  private ByteBuffer plainOut;
  /** Ciphertext for the transport; read mode; {@code null} when empty. */
  private ByteBuffer netOut;

  private LegState state = LegState.NEW;
  private TlsFailure failure;
  private HandshakeInfo handshake;
  private boolean initialHandshakeDone;
  private boolean splitRecords;
  private boolean closeNotifyReceived;
  private boolean closeRequested;
  private boolean clientSentNoCertificate;
  private boolean currentRecordObserved;
  private long handshakeStartedMillis;
  private List<String> capturedSni;
  private long discardedAfterClose;
  private long unsentPlaintext;

  private TlsLeg(Builder b) {
    this.engine = b.engine;
    this.pool = b.pool;
    this.observer = b.observer;
    this.tasks = new DelegatedTasks(b.taskExecutor, b.taskDone);
    this.handshakeListener = b.handshakeListener;
    this.sendEmptyFragments = b.sendEmptyFragments;
    this.provider = providerOf(engine);
    refreshBufferSizes();
    this.inboundLimit = Math.max(TlsRecords.HEADER_LENGTH + TlsRecords.MAX_RECORD_BODY, packetSize);
  }

  /**
   * Starts a leg around an engine whose mode, protocols, suites and trust are already set.
   *
   * @param engine the engine this leg drives exclusively
   */
  public static Builder builder(SSLEngine engine) {
    return new Builder(engine);
  }

  /** Configures a {@link TlsLeg}. */
  public static final class Builder {
    private final SSLEngine engine;
    private BufferPool pool = SHARED_POOL;
    private RecordObserver observer = RecordObserver.NONE;
    private Executor taskExecutor;
    private Runnable taskDone;
    private Consumer<HandshakeInfo> handshakeListener = info -> { };
    private boolean sendEmptyFragments;

    private Builder(SSLEngine engine) {
      this.engine = Objects.requireNonNull(engine, "engine");
    }

    /** The pool buffers come from and go back to (default: one pool shared by all legs). */
    public Builder bufferPool(BufferPool pool) {
      this.pool = Objects.requireNonNull(pool, "pool");
      return this;
    }

    /** Sees every whole inbound record before unwrap and may end the leg. */
    public Builder recordObserver(RecordObserver observer) {
      this.observer = Objects.requireNonNull(observer, "observer");
      return this;
    }

    /**
     * Runs delegated tasks on {@code executor} instead of inline; {@code onTaskDone} is called
     * (on the executor's thread) when they are done, so the host can call {@link #resume()}.
     */
    public Builder delegatedTasks(Executor executor, Runnable onTaskDone) {
      this.taskExecutor = Objects.requireNonNull(executor, "executor");
      this.taskDone = Objects.requireNonNull(onTaskDone, "onTaskDone");
      return this;
    }

    /** Called on the driving thread each time a handshake (initial or renegotiation) completes. */
    public Builder onHandshake(Consumer<HandshakeInfo> listener) {
      this.handshakeListener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * {@code ssl-send-empty-frags}: on SSL 3.0 / TLS 1.0 sessions with a CBC suite, wrap the first
     * byte of each record separately (1/n-1 split). SunJSSE only; BCJSSE always splits itself.
     */
    public Builder sendEmptyFragments(boolean enabled) {
      this.sendEmptyFragments = enabled;
      return this;
    }

    /** Creates the leg. */
    public TlsLeg build() {
      return new TlsLeg(this);
    }
  }

  private static final BufferPool SHARED_POOL = BufferPool.standard();

  // ---------------------------------------------------------------- state

  /** Where the leg is. */
  public LegState state() {
    return state;
  }

  /** Why the leg failed, when it did. */
  public Optional<TlsFailure> failure() {
    return Optional.ofNullable(failure);
  }

  /** What the latest completed handshake negotiated. */
  public Optional<HandshakeInfo> handshake() {
    return Optional.ofNullable(handshake);
  }

  /** The provider of the engine. */
  public JsseProvider provider() {
    return provider;
  }

  /** Whether a delegated task runs on the executor; call {@link #resume()} after its callback. */
  public boolean awaitingTask() {
    return tasks.inFlight();
  }

  /** Total capacity of the buffers this leg holds now (0 when idle). */
  public int retainedBufferCapacity() {
    return capacity(netIn) + capacity(plainIn) + capacity(plainOut) + capacity(netOut);
  }

  /**
   * Staged plaintext that was never sent because the leg failed, or closed before its handshake
   * completed. Counted so the session can report it rather than lose it silently.
   */
  public long unsentPlaintext() {
    return unsentPlaintext;
  }

  /** Inbound bytes thrown away because they arrived after the peer's close_notify. */
  public long discardedAfterClose() {
    return discardedAfterClose;
  }

  // ---------------------------------------------------------------- handshake

  /**
   * Starts the handshake: a client leg puts its ClientHello in {@link #networkOutbound()}. After
   * establishment this starts a renegotiation (TLS 1.2 and below) or a key update (TLS 1.3).
   *
   * @throws TlsLegException when the leg fails
   */
  public void beginHandshake() throws TlsLegException {
    throwIfFailed();
    handshakeStartedMillis = System.currentTimeMillis();
    try {
      engine.beginHandshake();
    } catch (SSLException e) {
      throw failFromEngine(e);
    } catch (RuntimeException e) {
      throw engineBroke(e);
    }
    if (state == LegState.NEW) {
      state = LegState.HANDSHAKING;
    }
    drive();
  }

  /**
   * Re-drives the leg after a delegated task finished or after the caller drained plaintext that
   * was holding back inbound records.
   *
   * @throws TlsLegException when the leg fails
   */
  public void resume() throws TlsLegException {
    throwIfFailed();
    drive();
  }

  // ---------------------------------------------------------------- inbound

  /**
   * Consumes ciphertext from the transport. Copies at most what fits in one record of buffering,
   * unwraps whole records and repeats; stops early (leaving bytes in {@code networkBytes}) while
   * a task is pending or the caller has a record's worth of plaintext undrained.
   *
   * @param networkBytes bytes read from the transport; its position advances by what was consumed
   * @return the number of bytes consumed
   * @throws TlsLegException when the leg fails (the bytes that caused it count as consumed)
   */
  public int receive(ByteBuffer networkBytes) throws TlsLegException {
    throwIfFailed();
    if (state == LegState.NEW) {
      beginHandshake();
    }
    int consumed = 0;
    try {
      while (true) {
        if (closeNotifyReceived || engine.isInboundDone() || state == LegState.CLOSED) {
          // BCJSSE also ends the inbound side when this side closes (no half-close).
          discardedAfterClose += networkBytes.remaining();
          consumed += networkBytes.remaining();
          networkBytes.position(networkBytes.limit());
          break;
        }
        int copied = copyInbound(networkBytes);
        consumed += copied;
        boolean progressed = drive();
        if (!networkBytes.hasRemaining() || tasks.inFlight() || (!progressed && copied == 0)) {
          break;
        }
      }
    } finally {
      releaseIdleBuffers();
    }
    return consumed;
  }

  /**
   * Plaintext received and not yet consumed, as a read-only view (position 0 = oldest byte).
   * Valid until the next call on this leg.
   */
  public ByteBuffer plaintext() {
    return plainIn == null ? EMPTY.asReadOnlyBuffer() : plainIn.asReadOnlyBuffer();
  }

  /** Bytes of plaintext waiting for the caller. */
  public int plaintextAvailable() {
    return plainIn == null ? 0 : plainIn.remaining();
  }

  /**
   * Discards the first {@code count} bytes of {@link #plaintext()} (the caller has used them).
   * Then call {@link #resume()} if {@link #receive} had stopped for backpressure.
   */
  public void consumePlaintext(int count) {
    if (count < 0 || count > plaintextAvailable()) {
      throw new IllegalArgumentException("cannot consume " + count + " of " + plaintextAvailable());
    }
    if (count > 0) {
      plainIn.position(plainIn.position() + count);
    }
    releaseIdleBuffers();
  }

  /** Copies as much plaintext as fits into {@code dst} and consumes it; returns the count. */
  public int readPlaintext(ByteBuffer dst) {
    int n = Math.min(dst.remaining(), plaintextAvailable());
    if (n > 0) {
      ByteBuffer src = plainIn.duplicate();
      src.limit(src.position() + n);
      dst.put(src);
      consumePlaintext(n);
    }
    return n;
  }

  /**
   * The transport ended (read returned -1). A clean end follows the peer's close_notify or this
   * side's {@link #closeOutbound()}; anything else is a truncation and fails the leg with
   * {@link FailureReason#TRUNCATED}.
   *
   * @return how the stream ended
   */
  public EndOfStream receiveEndOfStream() {
    if (closeNotifyReceived || closeRequested) {
      if (state != LegState.FAILED) {
        state = LegState.CLOSED;
      }
      releaseIdleBuffers();
      return EndOfStream.CLEAN;
    }
    if (state != LegState.FAILED) {
      try {
        engine.closeInbound();
      } catch (SSLException expected) {
        // SunJSSE objects to a missing close_notify; the failure below says the same.
      }
      flushAlertsQuietly();
      dropStagedPlaintext();
      failure = new TlsFailure(FailureReason.TRUNCATED,
          state == LegState.NEW || state == LegState.HANDSHAKING
              ? "the transport ended during the handshake" : "the transport ended without close_notify",
          null);
      state = LegState.FAILED;
    }
    releaseIdleBuffers();
    return EndOfStream.TRUNCATED;
  }

  // ---------------------------------------------------------------- outbound

  /**
   * Stages plaintext to send; it is wrapped by {@link #flush()} (or as soon as a full record's
   * worth is staged). Plaintext sent before the handshake completes waits for it.
   *
   * @param plaintext the bytes; its position advances to its limit
   * @throws TlsLegException when the leg has failed
   * @throws IllegalStateException after {@link #closeOutbound()}
   */
  public void send(ByteBuffer plaintext) throws TlsLegException {
    throwIfFailed();
    if (engine.isOutboundDone() || state == LegState.CLOSE_SENT || state == LegState.CLOSED) {
      throw new IllegalStateException("the leg's outbound side is closed");
    }
    plainOut = pool.append(plainOut, plaintext);
    if (plainOut.remaining() >= MAX_PLAINTEXT_FRAGMENT) {
      flush();
    }
  }

  /**
   * Wraps all staged plaintext into {@link #networkOutbound()} (once the handshake is complete).
   * Like every call that drives the engine, it may also unwrap inbound records held back earlier,
   * so check {@link #plaintext()} afterwards.
   *
   * @throws TlsLegException when the leg fails
   */
  public void flush() throws TlsLegException {
    throwIfFailed();
    try {
      drive();
    } finally {
      releaseIdleBuffers();
    }
  }

  /** Ciphertext waiting for the transport, as a read-only view. Valid until the next call. */
  public ByteBuffer networkOutbound() {
    return netOut == null ? EMPTY.asReadOnlyBuffer() : netOut.asReadOnlyBuffer();
  }

  /** Bytes of ciphertext waiting for the transport. */
  public int pendingNetworkBytes() {
    return netOut == null ? 0 : netOut.remaining();
  }

  /** Ciphertext plus staged plaintext: stop calling {@link #send} while this is high. */
  public int pendingOutboundBytes() {
    return pendingNetworkBytes() + (plainOut == null ? 0 : plainOut.remaining());
  }

  /** Confirms that the first {@code count} bytes of {@link #networkOutbound()} were written. */
  public void consumeNetworkOutbound(int count) {
    if (count < 0 || count > pendingNetworkBytes()) {
      throw new IllegalArgumentException("cannot consume " + count + " of " + pendingNetworkBytes());
    }
    if (count > 0) {
      netOut.position(netOut.position() + count);
    }
    releaseIdleBuffers();
  }

  /** Copies as much ciphertext as fits into {@code dst} and consumes it; returns the count. */
  public int drainNetworkOutbound(ByteBuffer dst) {
    int n = Math.min(dst.remaining(), pendingNetworkBytes());
    if (n > 0) {
      ByteBuffer src = netOut.duplicate();
      src.limit(src.position() + n);
      dst.put(src);
      consumeNetworkOutbound(n);
    }
    return n;
  }

  /**
   * Sends close_notify after any staged plaintext. Plaintext that cannot be sent because the
   * handshake has not completed is dropped and counted in {@link #unsentPlaintext()}. The peer may
   * still send until its own close_notify arrives (SunJSSE; BCJSSE has no half-close).
   *
   * @throws TlsLegException when the leg fails
   */
  public void closeOutbound() throws TlsLegException {
    throwIfFailed();
    if (engine.isOutboundDone()) {
      return;
    }
    drive();
    closeRequested = true;
    engine.closeOutbound();
    drive();
    dropStagedPlaintext();
    releaseIdleBuffers();
  }

  // ---------------------------------------------------------------- the engine loop

  /**
   * Runs the engine until it needs input, a task or the caller. Returns whether anything moved.
   * An unchecked exception from the engine or its session (providers throw them on input they did
   * not expect) fails the leg like any other failure: it never reaches the caller as such.
   */
  private boolean drive() throws TlsLegException {
    try {
      return driveEngine();
    } catch (RuntimeException e) {
      throw state == LegState.FAILED ? new TlsLegException(failure) : engineBroke(e);
    }
  }

  private boolean driveEngine() throws TlsLegException {
    boolean progressed = false;
    while (state != LegState.FAILED && !tasks.inFlight()) {
      RuntimeException err = tasks.takeError();
      if (err != null) {
        throw fail(new TlsFailure(FailureReason.INTERNAL, "delegated task failed: " + err, err));
      }
      HandshakeStatus hs = engine.getHandshakeStatus();
      boolean moved;
      if (hs == HandshakeStatus.NEED_TASK) {
        moved = tasks.runAll(engine);
      } else if (hs == HandshakeStatus.NEED_WRAP) {
        moved = wrap(EMPTY);
      } else {
        moved = unwrapOneRecord() || wrapStagedPlaintext();
      }
      if (!moved) {
        break;
      }
      progressed = true;
    }
    updateCloseState();
    return progressed;
  }

  private int copyInbound(ByteBuffer src) {
    int free = inboundLimit - (netIn == null ? 0 : netIn.remaining());
    int n = Math.min(free, src.remaining());
    if (n <= 0) {
      return 0;
    }
    ByteBuffer slice = src.duplicate();
    slice.limit(slice.position() + n);
    netIn = pool.append(netIn, slice);
    src.position(src.position() + n);
    return n;
  }

  private boolean unwrapOneRecord() throws TlsLegException {
    if (netIn == null || !netIn.hasRemaining()) {
      return false;
    }
    if (engine.isInboundDone()) {
      discardedAfterClose += netIn.remaining();
      netIn.position(netIn.limit());
      return false;
    }
    int length = TlsRecords.wholeRecordLength(netIn);
    if (length < 0) {
      throw fail(new TlsFailure(FailureReason.NOT_TLS, String.format(
          "record header %02x %02x %02x", netIn.get(netIn.position()),
          netIn.get(netIn.position() + 1), netIn.get(netIn.position() + 2)), null));
    }
    if (length == 0) {
      return false;
    }
    if (!currentRecordObserved) {
      inspect(length);
      currentRecordObserved = true;
    }
    int pending = plaintextAvailable();
    if (pending >= appSize) {
      return false; // backpressure: the caller has a record's worth to drain first
    }
    plainIn = pool.writable(plainIn, appSize);
    int kept = plainIn.position();
    int limit = netIn.limit();
    netIn.limit(netIn.position() + length);
    SSLEngineResult r;
    try {
      r = engine.unwrap(netIn, plainIn);
    } catch (SSLException e) {
      netIn.limit(limit);
      plainIn.position(kept).flip(); // without what the failed call wrote: the caller may look
      throw failFromEngine(e);
    } catch (RuntimeException e) {
      netIn.limit(limit);
      plainIn.position(kept).flip();
      throw engineBroke(e);
    }
    netIn.limit(limit);
    plainIn.flip();
    if (r.bytesConsumed() > 0) {
      currentRecordObserved = false;
      captureSniDuringHandshake();
    }
    switch (r.getStatus()) {
      case CLOSED -> closeNotifyReceived = closeNotifyReceived || engine.isInboundDone();
      case BUFFER_OVERFLOW -> {
        // The engine wants more room than it announced: grow (bounded by two records), retry.
        if (++consecutiveOverflows > 2) {
          throw fail(new TlsFailure(FailureReason.INTERNAL,
              "the engine keeps asking for a larger plaintext buffer", null));
        }
        refreshBufferSizes();
        plainIn = pool.writable(plainIn, appSize * 2).flip();
        return true;
      }
      default -> consecutiveOverflows = 0;
    }
    afterEngineCall(r);
    HandshakeStatus hs = r.getHandshakeStatus();
    return r.bytesConsumed() > 0 || r.bytesProduced() > 0 || hs == HandshakeStatus.NEED_TASK
        || hs == HandshakeStatus.NEED_WRAP || hs == HandshakeStatus.FINISHED;
  }

  private void refreshBufferSizes() {
    SSLSession session = engine.getSession();
    appSize = Math.max(appSize, session.getApplicationBufferSize());
    packetSize = Math.max(packetSize, session.getPacketBufferSize());
  }

  private void inspect(int length) throws TlsLegException {
    ByteBuffer view = netIn.duplicate();
    view.limit(view.position() + length);
    int p = view.position();
    int type = view.get(p) & 0xff;
    int version = ((view.get(p + 1) & 0xff) << 8) | (view.get(p + 2) & 0xff);
    if (type == WireRecords.HANDSHAKE && !initialHandshakeDone && !engine.getUseClientMode()
        && WireRecords.isEmptyCertificate(view)) {
      // BCJSSE refuses this with a bare handshake_failure: remember why for the failure report.
      clientSentNoCertificate = true;
    }
    if (observer == RecordObserver.NONE) {
      return;
    }
    RecordVerdict verdict;
    try {
      verdict = observer.inspect(new InboundRecord(type, version, view.slice().asReadOnlyBuffer(),
          initialHandshakeDone, initialHandshakeDone ? handshake.protocol() : null));
    } catch (RuntimeException e) {
      throw fail(new TlsFailure(FailureReason.INTERNAL, "record observer failed: " + e, e));
    }
    if (verdict != null && verdict.refused()) {
      throw refuse(verdict);
    }
  }

  private boolean wrapStagedPlaintext() throws TlsLegException {
    if (plainOut == null || !plainOut.hasRemaining() || !initialHandshakeDone
        || engine.isOutboundDone()) {
      return false;
    }
    boolean moved = false;
    while (plainOut.hasRemaining()) {
      int chunk = Math.min(plainOut.remaining(), MAX_PLAINTEXT_FRAGMENT);
      int end = plainOut.position() + chunk;
      if (splitRecords && chunk > 1 && !wrapApplicationData(plainOut.position() + 1)) {
        break;
      }
      if (!wrapApplicationData(end)) {
        break;
      }
      moved = true;
    }
    return moved;
  }

  /** Wraps plaintext up to index {@code end}; false when the engine would not take any. */
  private boolean wrapApplicationData(int end) throws TlsLegException {
    int limit = plainOut.limit();
    try {
      plainOut.limit(end);
      while (plainOut.hasRemaining()) {
        int before = plainOut.position();
        if (!wrap(plainOut) || plainOut.position() == before) {
          return false;
        }
      }
      return true;
    } finally {
      plainOut.limit(limit);
    }
  }

  /** One wrap call into {@link #netOut}; returns whether it produced or consumed anything. */
  private boolean wrap(ByteBuffer src) throws TlsLegException {
    int room = packetSize;
    SSLEngineResult r;
    for (int attempt = 0; ; attempt++) {
      netOut = pool.writable(netOut, room);
      int kept = netOut.position();
      try {
        r = engine.wrap(src, netOut);
      } catch (SSLException e) {
        netOut.flip(); // what it wrote may be the alert that says why
        throw failFromEngine(e);
      } catch (RuntimeException e) {
        netOut.position(kept).flip(); // half a record is worse than none
        throw engineBroke(e);
      }
      netOut.flip();
      if (r.getStatus() != SSLEngineResult.Status.BUFFER_OVERFLOW || attempt == 2) {
        break;
      }
      refreshBufferSizes();
      room = Math.max(room * 2, packetSize);
    }
    afterEngineCall(r);
    return r.bytesProduced() > 0 || r.bytesConsumed() > 0
        || (r.getHandshakeStatus() != HandshakeStatus.NEED_WRAP
            && r.getStatus() == SSLEngineResult.Status.OK);
  }

  private void afterEngineCall(SSLEngineResult r) {
    if (r.getHandshakeStatus() == HandshakeStatus.FINISHED
        || (!initialHandshakeDone && r.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING
            && !engine.isOutboundDone() && !engine.isInboundDone()
            && !"SSL_NULL_WITH_NULL_NULL".equals(engine.getSession().getCipherSuite()))) {
      handshakeFinished();
    }
  }

  private void handshakeFinished() {
    refreshBufferSizes();
    SSLSession session = engine.getSession();
    String protocol = session.getProtocol();
    String suite = session.getCipherSuite();
    splitRecords = sendEmptyFragments && provider.controlsCbcRecordSplitting()
        && (protocol.equals("TLSv1") || protocol.equals("SSLv3")) && suite.contains("_CBC_");
    handshake = new HandshakeInfo(protocol, suite, SessionFacts.peerCertificates(session),
        requestedServerNames(session), session.getCreationTime() < handshakeStartedMillis,
        splitRecords);
    initialHandshakeDone = true;
    if (state == LegState.HANDSHAKING || state == LegState.NEW) {
      state = LegState.ESTABLISHED;
    }
    handshakeListener.accept(handshake);
  }

  private List<String> requestedServerNames(SSLSession session) {
    if (engine.getUseClientMode()) {
      return List.of();
    }
    List<String> names = SessionFacts.sniNames(session);
    return names != null ? names : capturedSni != null ? capturedSni : List.of();
  }

  private void captureSniDuringHandshake() {
    if (capturedSni == null && !initialHandshakeDone && !engine.getUseClientMode()) {
      capturedSni = SessionFacts.sniNames(engine.getHandshakeSession());
    }
  }

  private void updateCloseState() {
    if (state == LegState.FAILED) {
      return;
    }
    boolean outDone = engine.isOutboundDone();
    boolean inDone = closeNotifyReceived || (engine.isInboundDone() && initialHandshakeDone);
    if (inDone && outDone) {
      state = LegState.CLOSED;
    } else if (closeNotifyReceived) {
      state = LegState.CLOSE_RECEIVED;
    } else if (outDone && state != LegState.NEW) {
      state = LegState.CLOSE_SENT;
    }
  }

  // ---------------------------------------------------------------- failures

  private void throwIfFailed() throws TlsLegException {
    if (state == LegState.FAILED) {
      throw new TlsLegException(failure);
    }
  }

  private TlsLegException failFromEngine(SSLException e) {
    int mark = pendingNetworkBytes();
    flushAlertsQuietly();
    TlsFailure f = FailureClassifier.classify(e, WireRecords.plaintextAlert(netOut, mark));
    if (f.reason() == FailureReason.HANDSHAKE_FAILED && clientSentNoCertificate
        && engine.getNeedClientAuth()) {
      f = new TlsFailure(FailureReason.CLIENT_CERTIFICATE_MISSING,
          "the client answered the certificate request with an empty list; " + f.detail(), e);
    }
    return fail(f);
  }

  /** An unchecked exception out of the engine (or its session): an internal failure of the leg. */
  private TlsLegException engineBroke(RuntimeException e) {
    flushAlertsQuietly();
    return fail(new TlsFailure(FailureReason.INTERNAL, "the engine threw " + e, e));
  }

  private TlsLegException refuse(RecordVerdict verdict) {
    if (initialHandshakeDone) {
      engine.closeOutbound(); // keys are in place: the engine sends an encrypted close_notify
      flushAlertsQuietly();
    } else {
      // Before the engine answered anything: a plaintext fatal handshake_failure alert.
      netOut = pool.append(netOut, WireRecords.handshakeFailureAlert());
      engine.closeOutbound();
    }
    return fail(new TlsFailure(verdict.reason(), verdict.detail(), null));
  }

  private TlsLegException fail(TlsFailure f) {
    failure = f;
    state = LegState.FAILED;
    pool.release(netIn);
    netIn = null;
    dropStagedPlaintext();
    releaseIdleBuffers();
    return new TlsLegException(f);
  }

  /** Lets the engine emit whatever alert it has queued; bounded, never throws. */
  private void flushAlertsQuietly() {
    for (int i = 0; i < 4; i++) {
      try {
        netOut = pool.writable(netOut, packetSize);
        SSLEngineResult r;
        try {
          r = engine.wrap(EMPTY, netOut);
        } finally {
          netOut.flip();
        }
        if (r.bytesProduced() == 0) {
          return;
        }
      } catch (SSLException | RuntimeException e) {
        return;
      }
    }
  }

  // ---------------------------------------------------------------- buffers

  private void dropStagedPlaintext() {
    if (plainOut != null) {
      unsentPlaintext += plainOut.remaining();
      pool.release(plainOut);
      plainOut = null;
    }
  }

  private void releaseIdleBuffers() {
    netIn = pool.releaseIfDrained(netIn);
    plainIn = pool.releaseIfDrained(plainIn);
    plainOut = pool.releaseIfDrained(plainOut);
    netOut = pool.releaseIfDrained(netOut);
  }

  private static int capacity(ByteBuffer b) {
    return b == null ? 0 : b.capacity();
  }

  private static JsseProvider providerOf(SSLEngine engine) {
    return engine.getClass().getName().startsWith("org.bouncycastle")
        ? JsseProvider.BCJSSE : JsseProvider.SUN_JSSE;
  }
}
