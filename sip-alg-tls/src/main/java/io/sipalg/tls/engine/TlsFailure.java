package io.sipalg.tls.engine;

import java.util.Objects;

/**
 * Why a {@link TlsLeg} failed.
 *
 * @param reason the check or event that failed
 * @param detail the specific message (provider text, alert name, certificate subject)
 * @param cause the underlying exception, or {@code null} for policy decisions
 */
public record TlsFailure(FailureReason reason, String detail, Throwable cause) {
  /** Checks the arguments. */
  public TlsFailure {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }

  @Override
  public String toString() {
    return reason + ": " + reason.description() + " (" + detail + ")";
  }
}
