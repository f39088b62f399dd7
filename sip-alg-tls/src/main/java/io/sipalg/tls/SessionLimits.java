package io.sipalg.tls;

import io.sipalg.parser.SipLimits;
import java.time.Duration;
import java.util.Objects;

/**
 * Time and memory bounds of every session of an ALG instance. Immutable; start from
 * {@link #defaults()}.
 *
 * <pre>{@code
 * SessionLimits limits = SessionLimits.defaults().toBuilder()
 *     .handshakeTimeout(Duration.ofSeconds(5))
 *     .build();
 * }</pre>
 */
public final class SessionLimits {
  private static final SessionLimits DEFAULTS = new Builder().build();

  private final Duration handshakeTimeout;
  private final Duration closeNotifyTimeout;
  private final int maxHeldBytes;
  private final int outboundHighWater;
  private final SipLimits framing;
  private final Duration bufferReleaseDelay;

  private SessionLimits(Builder b) {
    this.handshakeTimeout = b.handshakeTimeout;
    this.closeNotifyTimeout = b.closeNotifyTimeout;
    this.maxHeldBytes = b.maxHeldBytes;
    this.outboundHighWater = b.outboundHighWater;
    this.framing = b.framing;
    this.bufferReleaseDelay = b.bufferReleaseDelay;
  }

  /**
   * Handshake timeout 10 s per leg, close_notify timeout 3 s, 256 KiB held while the server leg
   * comes up, backpressure above 256 KiB of pending output, the parser's default framing limits,
   * framing buffers released after 2 s of quiet.
   */
  public static SessionLimits defaults() {
    return DEFAULTS;
  }

  /** A builder starting from these values. */
  public Builder toBuilder() {
    return new Builder()
        .handshakeTimeout(handshakeTimeout)
        .closeNotifyTimeout(closeNotifyTimeout)
        .maxHeldBytes(maxHeldBytes)
        .outboundHighWater(outboundHighWater)
        .framing(framing)
        .bufferReleaseDelay(bufferReleaseDelay);
  }

  /** How long each leg's TLS handshake may take (the server leg's clock starts when upstream is requested). */
  public Duration handshakeTimeout() {
    return handshakeTimeout;
  }

  /** How long to wait for the peers' close_notify after sending ours before the session is closed anyway. */
  public Duration closeNotifyTimeout() {
    return closeNotifyTimeout;
  }

  /** Plaintext from the phone the session holds while the server leg is not up; more closes the session. */
  public int maxHeldBytes() {
    return maxHeldBytes;
  }

  /** Pending output for one leg above which the session stops reading the other leg. */
  public int outboundHighWater() {
    return outboundHighWater;
  }

  /** Bounds for framing the decrypted SIP stream (header section, line, header count, body). */
  public SipLimits framing() {
    return framing;
  }

  /**
   * How long a session must be quiet before its SIP framing buffers are released. TLS buffers go
   * back to the pool as soon as a leg is idle; framing buffers are kept this long so a busy
   * session does not allocate one per message.
   */
  public Duration bufferReleaseDelay() {
    return bufferReleaseDelay;
  }

  /** Builds {@link SessionLimits}. */
  public static final class Builder {
    private Duration handshakeTimeout = Duration.ofSeconds(10);
    private Duration closeNotifyTimeout = Duration.ofSeconds(3);
    private int maxHeldBytes = 256 * 1024;
    private int outboundHighWater = 256 * 1024;
    private SipLimits framing = SipLimits.DEFAULTS;
    private Duration bufferReleaseDelay = Duration.ofSeconds(2);

    /** Creates a builder with the defaults. */
    public Builder() {}

    /** Sets the handshake timeout (positive). */
    public Builder handshakeTimeout(Duration timeout) {
      this.handshakeTimeout = positive(timeout, "handshakeTimeout");
      return this;
    }

    /** Sets the close_notify timeout (positive). */
    public Builder closeNotifyTimeout(Duration timeout) {
      this.closeNotifyTimeout = positive(timeout, "closeNotifyTimeout");
      return this;
    }

    /** Sets the held-plaintext bound (at least 1 KiB). */
    public Builder maxHeldBytes(int bytes) {
      this.maxHeldBytes = atLeast(bytes, 1024, "maxHeldBytes");
      return this;
    }

    /** Sets the backpressure threshold (at least 1 KiB). */
    public Builder outboundHighWater(int bytes) {
      this.outboundHighWater = atLeast(bytes, 1024, "outboundHighWater");
      return this;
    }

    /** Sets the framing limits. */
    public Builder framing(SipLimits limits) {
      this.framing = Objects.requireNonNull(limits, "framing");
      return this;
    }

    /** Sets how long a session must be quiet before its framing buffers are released (positive). */
    public Builder bufferReleaseDelay(Duration delay) {
      this.bufferReleaseDelay = positive(delay, "bufferReleaseDelay");
      return this;
    }

    /** Creates the limits. */
    public SessionLimits build() {
      return new SessionLimits(this);
    }

    private static Duration positive(Duration d, String name) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + d);
      }
      return d;
    }

    private static int atLeast(int value, int min, String name) {
      if (value < min) {
        throw new IllegalArgumentException(name + " must be at least " + min + ", was " + value);
      }
      return value;
    }
  }
}
