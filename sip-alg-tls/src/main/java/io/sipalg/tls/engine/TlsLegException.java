package io.sipalg.tls.engine;

import java.io.IOException;

/**
 * Thrown by {@link TlsLeg} operations when the leg fails. The leg is then {@link LegState#FAILED}:
 * write out {@link TlsLeg#networkOutbound()} (it may hold the alert telling the peer why), close the
 * transport and end the session.
 */
public final class TlsLegException extends IOException {
  private static final long serialVersionUID = 1L;

  /** The failure; transient because a cause may not be serializable. */
  private final transient TlsFailure failure;

  /**
   * Creates the exception.
   *
   * @param failure why the leg failed
   */
  public TlsLegException(TlsFailure failure) {
    super(failure.toString() + "; " + failure.reason().nextStep(), failure.cause());
    this.failure = failure;
  }

  /** Why the leg failed. */
  public TlsFailure failure() {
    return failure;
  }

  /** Shortcut for {@code failure().reason()}. */
  public FailureReason reason() {
    return failure.reason();
  }
}
