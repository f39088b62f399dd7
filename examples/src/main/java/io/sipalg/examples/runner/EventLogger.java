package io.sipalg.examples.runner;

import io.sipalg.api.session.AlgEvent;
import io.sipalg.api.session.Pinhole;
import io.sipalg.api.session.AlgEventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs every session event through SLF4J, one line each, under the logger {@code sipalg.events}. */
public final class EventLogger implements AlgEventListener {
  private static final Logger log = LoggerFactory.getLogger("sipalg.events");

  @Override
  public void onEvent(AlgEvent event) {
    if (event instanceof AlgEvent.HandshakeCompleted h) {
      log.info(
          "{}: {} TLS handshake done: {} {}{}{}",
          h.sessionId(),
          h.tls().leg(),
          h.tls().protocol(),
          h.tls().cipherSuite(),
          h.tls().serverName().map(n -> " sni=" + n).orElse(""),
          h.tls().resumed() ? " (resumed)" : "");
    } else if (event instanceof AlgEvent.HandshakeFailed f) {
      log.warn("{}: {} TLS handshake failed: {}: {}", f.sessionId(), f.leg(), f.check(), f.detail());
    } else if (event instanceof AlgEvent.UpstreamRequested u) {
      log.info("{}: connecting upstream", u.sessionId());
    } else if (event instanceof AlgEvent.PolicyViolation v) {
      log.warn(
          "{}: violation {} -> {}: {} ({})", v.sessionId(), v.option(), v.action(), v.detail(), v.direction());
    } else if (event instanceof AlgEvent.VerdictIssued v) {
      if (v.verdict().isForward()) {
        log.info("{}: {} {} forwarded{}", v.sessionId(), v.direction(), v.summary(), notes(v));
      } else {
        log.info("{}: {} {} -> {}{}", v.sessionId(), v.direction(), v.summary(), v.verdict(), notes(v));
      }
    } else if (event instanceof AlgEvent.PinholeChanged p) {
      log.info("{}: pinhole {} {}", p.sessionId(), p.change(), describe(p.pinhole()));
    } else if (event instanceof AlgEvent.SessionClosed c) {
      log.info("{}: closed: {} {}", c.sessionId(), c.reason(), c.counters().total());
    }
  }

  private static String notes(AlgEvent.VerdictIssued v) {
    return v.notes().isEmpty() ? "" : " " + v.notes();
  }

  /**
   * A pinhole in one line: where the media goes (as the SDP gave it), where it arrives when the ALG
   * translated its port ({@code nat-port-range}), who may send it, and whether it goes through IPS.
   */
  static String describe(Pinhole p) {
    StringBuilder line = new StringBuilder()
        .append(p.transport()).append(' ').append(p.address()).append(':').append(p.rtpPort())
        .append(" rtcp ").append(p.rtcpPort());
    if (p.isTranslated()) {
      line.append(" via outside ").append(p.translatedAddress().orElseThrow()).append(':')
          .append(p.translatedRtpPort()).append(" rtcp ").append(p.translatedRtcpPort());
    }
    p.source().ifPresent(s -> line.append(" only from ").append(s));
    if (p.ipsInspect()) {
      line.append(" ips");
    }
    return line.append(" (").append(p.origin()).append(", ").append(p.dialogId()).append(')').toString();
  }
}
