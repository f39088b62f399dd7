package io.sipalg.inspect;

import io.sipalg.api.VoipProfile;
import io.sipalg.api.inspect.InspectionContext;
import io.sipalg.api.inspect.Verdict;
import io.sipalg.parser.CSeq;
import io.sipalg.parser.MalformedHeaderException;
import io.sipalg.parser.NameAddress;
import io.sipalg.parser.SipMessage;
import io.sipalg.parser.SipUri;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tracks the session's INVITE and SUBSCRIBE dialogs and REGISTER bindings (Call-ID, tags, CSeq),
 * enforces {@code max-dialogs} (a new INVITE or SUBSCRIBE is answered {@code 503} with
 * {@code Retry-After: 30} when the
 * profile's dialogs across the ALG instance are at the cap; in-dialog requests always pass) and
 * ends dialogs on BYE, CANCEL, a final error, expiry or session close. Expiry is evaluated lazily
 * at every message.
 */
final class DialogInspector extends Link {
  private static final long DEFAULT_SUBSCRIBE_EXPIRES = 3600;
  private static final long DEFAULT_REGISTER_EXPIRES = 3600;
  /**
   * Seconds a caller refused by {@code max-dialogs} is asked to wait (RFC 3261 21.5.4: a 503 may
   * say when to retry; without it some phones retry at once and keep the ALG busy).
   */
  static final int MAX_DIALOGS_RETRY_AFTER = 30;
  private static final Verdict MAX_DIALOGS_REFUSAL = Verdict.respond(503, "Service Unavailable")
      .withHeader("Retry-After", Integer.toString(MAX_DIALOGS_RETRY_AFTER));

  private final VoipProfile profile;
  private final InspectorServices services;
  private final InspectionLog log;

  DialogInspector(VoipProfile profile, InspectorServices services, InspectionLog log) {
    this.profile = profile;
    this.services = services;
    this.log = log;
  }

  @Override
  public Verdict inspect(SipMessage message, InspectionContext context) {
    SessionState state = SessionState.of(context, services);
    long now = context.nanoTime();
    Reporter reporter = Reporter.of(context, log);
    state.expireAtMostEverySecond(now, reporter);
    String callId;
    CSeq cseq;
    try {
      callId = message.callId();
      cseq = message.cseq();
    } catch (MalformedHeaderException e) {
      return Verdict.forward(); // malformed-header-* decided to pass it; nothing to track by
    }
    if (callId == null || cseq == null) {
      return Verdict.forward();
    }
    // Housekeeping may expire this session's dialogs from another thread: hold the state's lock.
    synchronized (state) {
      callId = state.canonicalCallId(callId);
      return message.isRequest()
          ? request(message, context, state, callId, cseq, now, reporter)
          : response(message, state, callId, cseq, now, reporter);
    }
  }

  private Verdict request(SipMessage message, InspectionContext context, SessionState state,
      String callId, CSeq cseq, long now, Reporter reporter) {
    Dialog d = state.dialog(callId);
    if (d != null) {
      d.lastActivityNanos = now;
    }
    String method = message.method();
    switch (method) {
      case "INVITE":
      case "SUBSCRIBE": {
        Dialog.Kind kind = method.equals("INVITE") ? Dialog.Kind.INVITE : Dialog.Kind.SUBSCRIBE;
        if (d != null) {
          if (kind == Dialog.Kind.INVITE) {
            d.inviteCseq = cseq.number(); // re-INVITE or retransmission
          } else if (expires(message, -1) == 0) {
            state.finish(d, "unsubscribed", reporter);
          }
          return Verdict.forward();
        }
        if (toTag(message) != null) {
          return Verdict.forward(); // in-dialog request of a dialog this session never saw
        }
        if (!services.tryReserveDialog(profile.name(), profile.maxDialogs())) {
          String detail = "new " + method + " refused: " + profile.maxDialogs()
              + " dialogs already tracked for profile " + profile.name();
          log.violation(context, "max-dialogs", "respond", detail);
          return MAX_DIALOGS_REFUSAL;
        }
        NameAddress from = nameAddress(message, true);
        NameAddress to = nameAddress(message, false);
        Dialog created = new Dialog(kind, callId, uri(from), uri(to),
            from == null ? null : from.tag(), cseq.number(), context.clock().instant(), now);
        created.requestedExpires = expires(message, -1);
        if (!state.addDialog(created)) {
          services.releaseDialog(profile.name());
          log.violation(context, "max-dialogs", "respond",
              "session already tracks " + SessionState.MAX_DIALOGS_PER_SESSION + " dialogs");
          return MAX_DIALOGS_REFUSAL;
        }
        reporter.note("dialog: " + kind + " " + callId + " started");
        return Verdict.forward();
      }
      case "BYE":
        if (d != null) {
          state.finish(d, d.state == Dialog.State.CONFIRMED ? "completed" : "ended before answer",
              reporter);
        }
        return Verdict.forward();
      case "CANCEL":
        if (d != null && d.state == Dialog.State.EARLY) {
          state.finish(d, "cancelled", reporter);
        }
        return Verdict.forward();
      case "NOTIFY":
        if (d != null && d.kind == Dialog.Kind.SUBSCRIBE) {
          String sub = message.headerValue("Subscription-State");
          if (sub != null && sub.toLowerCase(Locale.ROOT).startsWith("terminated")) {
            state.finish(d, "subscription terminated", reporter);
          } else if (d.state == Dialog.State.EARLY) {
            d.state = Dialog.State.CONFIRMED; // RFC 6665: a NOTIFY may arrive before the 2xx
          }
        }
        return Verdict.forward();
      case "REGISTER":
        register(message, state, callId, cseq);
        return Verdict.forward();
      default:
        return Verdict.forward();
    }
  }

  private void register(SipMessage message, SessionState state, String callId, CSeq cseq) {
    String aor = uri(nameAddress(message, false));
    if (aor == null) {
      return;
    }
    Registration r = state.addRegistration(aor, callId);
    if (r == null) {
      return;
    }
    r.cseq = cseq.number();
    List<Registration.Binding> bindings = new ArrayList<>();
    long expires = expires(message, DEFAULT_REGISTER_EXPIRES);
    try {
      for (NameAddress c : message.contacts()) {
        if (c.isWildcard()) {
          expires = 0;
          continue;
        }
        SipUri uri = c.uri();
        if (uri != null && uri.isSip()) {
          String transport = uri.param("transport");
          bindings.add(new Registration.Binding(PinholeInspector.transportOf(transport, message),
              uri.host(), uri.port() >= 0 ? uri.port() : 5060));
          long contactExpires = c.expires(); // parsed from the parameter on every call
          if (contactExpires >= 0 && contactExpires != Long.MAX_VALUE) {
            expires = contactExpires;
          }
        }
      }
    } catch (MalformedHeaderException e) {
      // malformed-header-contact passed it: keep the bindings we could read
    }
    r.bindings = bindings;
    r.requestedExpires = expires;
  }

  private Verdict response(SipMessage message, SessionState state, String callId, CSeq cseq,
      long now, Reporter reporter) {
    int code = message.statusCode();
    if (cseq.method().equals("REGISTER")) {
      Registration r = state.registrationByCallId(callId);
      if (r != null && r.cseq == cseq.number() && code >= 200) {
        if (code < 300 && r.requestedExpires > 0) {
          long expires = expires(message, r.requestedExpires);
          r.active = true;
          r.expiresAtNanos = now + Math.max(1, expires) * 1_000_000_000L;
        } else if (code < 300 || !r.active) {
          state.removeRegistration(r, reporter);
        }
      }
      return Verdict.forward();
    }
    Dialog d = state.dialog(callId);
    if (d == null) {
      return Verdict.forward();
    }
    d.lastActivityNanos = now;
    boolean creating = (d.kind == Dialog.Kind.INVITE && cseq.method().equals("INVITE")
        && cseq.number() == d.inviteCseq)
        || (d.kind == Dialog.Kind.SUBSCRIBE && cseq.method().equals("SUBSCRIBE"));
    if (!creating) {
      return Verdict.forward();
    }
    if (code > 100 && code < 300 && d.toTag == null) {
      d.toTag = toTag(message);
    }
    if (code >= 200 && code < 300) {
      if (d.state == Dialog.State.EARLY) {
        d.state = Dialog.State.CONFIRMED;
        d.answer = reporter.now();
      }
      if (d.kind == Dialog.Kind.SUBSCRIBE) {
        long expires = expires(message, d.requestedExpires >= 0 ? d.requestedExpires
            : DEFAULT_SUBSCRIBE_EXPIRES);
        d.expiresAtNanos = now + expires * 1_000_000_000L;
      }
    } else if (code >= 300 && d.state == Dialog.State.EARLY) {
      state.finish(d, "failed " + code, reporter);
    }
    return Verdict.forward();
  }

  private static long expires(SipMessage message, long fallback) {
    try {
      long e = message.expires();
      return e >= 0 ? e : fallback;
    } catch (MalformedHeaderException e) {
      return fallback;
    }
  }

  private static NameAddress nameAddress(SipMessage message, boolean from) {
    try {
      return from ? message.from() : message.to();
    } catch (MalformedHeaderException e) {
      return null;
    }
  }

  static String toTag(SipMessage message) {
    NameAddress to = nameAddress(message, false);
    return to == null ? null : to.tag();
  }

  private static String uri(NameAddress a) {
    return a == null || a.uri() == null ? null : a.uri().toString();
  }

  @Override
  public void sessionClosed(InspectionContext context) {
    SessionState state = SessionState.peek(context);
    if (state != null) {
      state.close(Reporter.of(context, log));
    }
  }

  @Override
  public String toString() {
    return "dialogs";
  }
}
