package io.sipalg.examples.demo;

import io.sipalg.api.session.AlgEvent;
import io.sipalg.api.session.AlgEventListener;
import io.sipalg.api.session.Direction;
import io.sipalg.api.session.Leg;
import io.sipalg.api.session.LegTlsInfo;
import io.sipalg.api.session.MessageCounts;
import io.sipalg.api.session.Pinhole;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns sip-alg's session events into the demo's numbered lines: each leg's TLS handshake (protocol,
 * cipher, certificates), the upstream request, every message's verdict with the inspectors' notes
 * (it asks for forward verdicts too), pinholes, violations and the session's end with its counters.
 * Runs on the runner's loop thread; it only prints and records, as listeners must.
 *
 * <p>Pinhole events arrive while a message is being inspected, before its verdict: they are kept
 * and printed under that message's line (or under the close line for pinholes the close ended).
 */
final class DemoNarrator implements AlgEventListener {
  private static final String ACTOR = "sip-alg";
  private static final String VERSION = "SIP/2.0";

  private final DemoPrinter printer;
  private final DemoPacing pacing;
  private final List<String> pendingPinholes = new ArrayList<>();
  private final List<String> held = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private boolean serverLegUp;
  private String lastPhoneRequest = "";
  private AlgEvent.SessionClosed closed;

  DemoNarrator(DemoPrinter printer, DemoPacing pacing) {
    this.printer = printer;
    this.pacing = pacing;
  }

  @Override
  public boolean wantsForwardVerdicts() {
    return true;
  }

  @Override
  public synchronized void onEvent(AlgEvent event) {
    if (event instanceof AlgEvent.HandshakeCompleted h) {
      handshake(h.tls());
    } else if (event instanceof AlgEvent.HandshakeFailed f) {
      problems.add(f.leg() + " TLS handshake failed: " + f.check() + ": " + f.detail());
      printer.step(ACTOR, (f.leg() == Leg.PHONE ? "phone" : "registrar") + " TLS handshake FAILED ("
          + f.check() + "): " + f.detail());
    } else if (event instanceof AlgEvent.UpstreamRequested) {
      printer.step(ACTOR, "phone leg up: asking the runner to connect to the registrar");
    } else if (event instanceof AlgEvent.PolicyViolation v) {
      problems.add("violation " + v.option() + " -> " + v.action() + ": " + v.detail());
      printer.step(ACTOR, "policy violation " + v.option() + " (" + v.direction() + "): " + v.detail()
          + " -> " + v.action());
    } else if (event instanceof AlgEvent.VerdictIssued v) {
      verdict(v);
    } else if (event instanceof AlgEvent.PinholeChanged p) {
      pendingPinholes.add(pinhole(p.change(), p.pinhole()));
    } else if (event instanceof AlgEvent.SessionClosed c) {
      sessionClosed(c);
    }
  }

  /** How the session ended, once it did. */
  synchronized Optional<AlgEvent.SessionClosed> closed() {
    return Optional.ofNullable(closed);
  }

  /** Handshake failures and policy violations seen (empty after a clean run). */
  synchronized List<String> problems() {
    return List.copyOf(problems);
  }

  private void handshake(LegTlsInfo tls) {
    List<String> details = new ArrayList<>();
    if (tls.leg() == Leg.PHONE) {
      details.add(tls.serverName().map(n -> "SNI " + n).orElse("no SNI") + "; sip-alg presented \""
          + DemoAlgConfig.SERVER_CERTIFICATE + "\" (ssl-server-certificate) in the registrar's place");
      details.add(peer(tls, "phone") + " (ssl-auth-client " + DemoAlgConfig.PHONE_GROUP + ")");
      printer.step(ACTOR, "phone <-> sip-alg TLS handshake done: " + negotiated(tls), details);
      return;
    }
    serverLegUp = true;
    details.add(tls.serverName().map(n -> "SNI " + n + "; ").orElse("") + "sip-alg presented \""
        + DemoAlgConfig.CLIENT_CERTIFICATE + "\" (ssl-client-certificate)");
    details.add(peer(tls, "registrar") + " (ssl-auth-server " + DemoAlgConfig.REGISTRAR_PEER + ")");
    printer.step(ACTOR, "sip-alg <-> registrar TLS handshake done: " + negotiated(tls), details);
    if (!held.isEmpty()) {
      printer.step(ACTOR, String.join(", ", held) + " re-encrypted and forwarded to the registrar");
      held.clear();
    }
  }

  private static String negotiated(LegTlsInfo tls) {
    return tls.protocol() + " " + tls.cipherSuite() + " (" + tls.provider() + (tls.resumed() ? ", resumed" : "")
        + ")";
  }

  private static String peer(LegTlsInfo tls, String who) {
    if (tls.peerCertificates().isEmpty()) {
      return who + " sent no certificate";
    }
    X509Certificate leaf = tls.peerCertificates().get(0);
    return who + " certificate " + leaf.getSubjectX500Principal().getName() + " verified against the demo CA";
  }

  private void verdict(AlgEvent.VerdictIssued v) {
    String message = startLine(v.summary());
    String method = message.split(" ", 2)[0];
    List<String> details = new ArrayList<>(v.notes());
    details.addAll(pendingPinholes);
    pendingPinholes.clear();
    if (details.isEmpty()) {
      details.add("(the inspectors changed nothing)");
    }
    String what;
    if (v.direction() == Direction.PHONE_TO_SERVER) {
      if (!v.summary().startsWith(VERSION) && !method.equals("ACK")) {
        lastPhoneRequest = method;
      }
      what = message + " decrypted from the phone, inspected: " + verdictText(v);
      if (v.verdict().isForward()) {
        if (serverLegUp) {
          what += "; re-encrypted and forwarded to the registrar";
        } else {
          what += "; held until the registrar's TLS handshake is done";
          held.add(method);
        }
      }
    } else {
      String about = lastPhoneRequest.isEmpty() ? "" : " (to the " + lastPhoneRequest + ")";
      what = message + about + " decrypted from the registrar, inspected: " + verdictText(v)
          + (v.verdict().isForward() ? "; re-encrypted and forwarded to the phone" : "");
    }
    printer.step(ACTOR, what, details);
    if (v.direction() == Direction.PHONE_TO_SERVER && method.equals("REGISTER")) {
      pacing.registerInspected();
    }
  }

  /** The start line without the protocol version, which says nothing here. */
  private static String startLine(String summary) {
    if (summary.startsWith(VERSION + " ")) {
      return summary.substring(VERSION.length() + 1);
    }
    return summary.endsWith(" " + VERSION)
        ? summary.substring(0, summary.length() - VERSION.length() - 1)
        : summary;
  }

  private static String verdictText(AlgEvent.VerdictIssued v) {
    return v.verdict().isForward() ? "forward" : v.verdict().toString();
  }

  private static String pinhole(Pinhole.Change change, Pinhole p) {
    String text = "pinhole " + change.name().toLowerCase(Locale.ROOT) + ": " + p.transport() + " to "
        + p.address() + ":" + p.rtpPort() + (p.rtcpPort() > 0 ? " (rtcp " + p.rtcpPort() + ")" : "");
    if (p.isTranslated()) {
      text += ", reached at " + p.translatedAddress().orElseThrow() + ":" + p.translatedRtpPort()
          + (p.translatedRtcpPort() > 0 ? " (rtcp " + p.translatedRtcpPort() + ")" : "")
          + " (nat-port-range)";
    }
    text += ", origin " + p.origin() + p.source().map(s -> ", only from " + s).orElse("")
        + (p.ipsInspect() ? ", through IPS (ips-rtp)" : "");
    return text + ", dialog " + p.dialogId();
  }

  private void sessionClosed(AlgEvent.SessionClosed c) {
    closed = c;
    List<String> details = new ArrayList<>();
    details.add("phone -> registrar: " + counts(c.counters().phoneToServer()));
    details.add("registrar -> phone: " + counts(c.counters().serverToPhone()));
    details.addAll(pendingPinholes);
    pendingPinholes.clear();
    printer.step(ACTOR, "session " + c.sessionId() + " closed: " + c.reason(), details);
    pacing.sessionClosed();
  }

  private static String counts(MessageCounts m) {
    return m.received() + " received, " + m.forwarded() + " forwarded, " + m.responded() + " answered by sip-alg, "
        + m.dropped() + " dropped";
  }
}
