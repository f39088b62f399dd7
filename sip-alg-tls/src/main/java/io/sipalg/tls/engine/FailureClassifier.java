package io.sipalg.tls.engine;

import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;

/**
 * Turns an engine's {@link SSLException} into a {@link TlsFailure} naming the check that failed.
 * Precise sources first (our own {@link PeerVerificationException}, validity errors, the alert
 * received or sent), provider message text last.
 */
final class FailureClassifier {
  private static final int ALERT_HANDSHAKE_FAILURE = 40;
  private static final int ALERT_CERTIFICATE_EXPIRED = 45;
  private static final int ALERT_PROTOCOL_VERSION = 70;
  private static final int ALERT_INSUFFICIENT_SECURITY = 71;
  private static final int ALERT_CERTIFICATE_REQUIRED = 116;

  private FailureClassifier() {}

  /**
   * Classifies a failure.
   *
   * @param e the engine's exception
   * @param sentAlert the description of a plaintext alert this side sent, or -1 when unknown
   */
  static TlsFailure classify(SSLException e, int sentAlert) {
    String message = String.valueOf(e.getMessage());
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof PeerVerificationException p) {
        return new TlsFailure(p.check().reason(), p.getMessage(), e);
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException
          || (t instanceof CertPathValidatorException v
              && (v.getReason() == CertPathValidatorException.BasicReason.EXPIRED
                  || v.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID))) {
        return new TlsFailure(FailureReason.CERTIFICATE_EXPIRED, String.valueOf(t.getMessage()), e);
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TlsFatalAlertReceived r) {
        return new TlsFailure(FailureReason.PEER_ALERT,
            "received fatal alert " + AlertDescription.getText(r.getAlertDescription()), e);
      }
      String m = String.valueOf(t.getMessage());
      if (m.contains("Received fatal alert") || m.contains("received fatal alert")) {
        return new TlsFailure(FailureReason.PEER_ALERT, m, e);
      }
    }
    int alert = sentAlert;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TlsFatalAlert f) {
        alert = f.getAlertDescription();
        break;
      }
    }
    String lower = message.toLowerCase(Locale.ROOT);
    String detail = alert >= 0 ? message + " (alert " + AlertDescription.getText((short) alert) + ")"
        : message;
    if (alert == ALERT_CERTIFICATE_REQUIRED || lower.contains("empty client certificate")
        || lower.contains("certificate_required") || lower.contains("no client certificate")) {
      return new TlsFailure(FailureReason.CLIENT_CERTIFICATE_MISSING, detail, e);
    }
    if (alert == ALERT_PROTOCOL_VERSION || lower.contains("protocol_version")
        || (lower.contains("protocol") && lower.contains("not enabled"))) {
      return new TlsFailure(FailureReason.PROTOCOL_VERSION, detail, e);
    }
    if (alert == ALERT_CERTIFICATE_EXPIRED) {
      return new TlsFailure(FailureReason.CERTIFICATE_EXPIRED, detail, e);
    }
    if (lower.contains("cipher suite") || lower.contains("ciphersuite")
        || alert == ALERT_INSUFFICIENT_SECURITY) {
      return new TlsFailure(FailureReason.NO_SHARED_CIPHER_SUITE, detail, e);
    }
    if (alert == ALERT_HANDSHAKE_FAILURE || alert < 0) {
      return new TlsFailure(FailureReason.HANDSHAKE_FAILED, detail, e);
    }
    return new TlsFailure(FailureReason.HANDSHAKE_FAILED, detail, e);
  }
}
