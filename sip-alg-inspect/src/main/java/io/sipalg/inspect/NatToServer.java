package io.sipalg.inspect;

import io.sipalg.api.VoipProfile;
import io.sipalg.parser.HeaderNames;
import io.sipalg.parser.MalformedHeaderException;
import io.sipalg.parser.NameAddress;
import io.sipalg.parser.SipEditor;
import io.sipalg.parser.SipMessage;
import io.sipalg.parser.SipUri;
import io.sipalg.parser.Via;

/**
 * NAT of a message from the phone to the server: the phone's addresses become the ALG's outside
 * address, and what was replaced is recorded in the {@link SessionState} for {@link NatToPhone}.
 */
final class NatToServer {
  private final VoipProfile profile;
  private final SdpNat sdp;

  NatToServer(VoipProfile profile, InspectorServices services) {
    this.profile = profile;
    this.sdp = new SdpNat(profile, services);
  }

  /** Translates a message from the phone; see {@link NatInspector}. */
  void translate(SipMessage m, NatMapping map, SessionState state)
      throws MalformedHeaderException {
    SipEditor ed = m.edit();
    String callId = m.callId();
    SessionState.NatRecord record = null;
    if (callId != null) {
      synchronized (state) {
        record = state.natRecords.computeIfAbsent(callId, k -> new SessionState.NatRecord());
      }
    }
    if (m.isRequest()) {
      for (Via via : m.vias()) {
        String host = via.host(); // each call makes a String: once per Via
        if (map.isInside(host)) {
          String key = SessionState.viaKey(via, callId, m);
          String orig = Net.hostPort(host, via.port());
          synchronized (state) {
            state.viaByBranch.put(key, orig);
          }
          ed.setViaSentBy(via, map.outsideHost, map.port(via.port()));
          map.note("Via", orig, map.outsideHost, map.port(via.port()));
        }
      }
    }
    boolean callersIdentity = record != null && record.serverOriginated;
    if (m.isRequest() && !callersIdentity) {
      String fromOrig = natNameAddress(ed, m.from(), map, "From");
      if (fromOrig != null && record != null) {
        record.fromHostPort = fromOrig;
      }
    }
    if (m.isResponse() && !callersIdentity) {
      natNameAddress(ed, m.to(), map, "To"); // the phone's own To, translated back on the way in
    }
    if (callId != null && !callersIdentity) {
      int at = callId.indexOf('@');
      if (at >= 0 && map.isInside(callId.substring(at + 1))) {
        String natted = callId.substring(0, at + 1) + map.outsideHost;
        synchronized (state) {
          state.callIdAlias.put(natted, callId);
        }
        ed.setCallIdHost(map.outsideHost);
        map.note("Call-ID", callId, natted);
      }
    }
    // contact-fixup enable: the phone's Contact is NATed even when it does not name the phone's
    // address (a phone behind another NAT, a stale address); disable: such an external Contact is
    // left alone when Record-Route is present (the proxy route reaches the phone anyway).
    boolean fixExternal = profile.contactFixup() || !m.hasHeader(HeaderNames.RECORD_ROUTE);
    boolean trace = profile.registerContactTrace() && m.isMethod("REGISTER");
    for (NameAddress contact : m.contacts()) {
      SipUri uri = contact.uri();
      String host = uri == null ? null : uri.host(); // null unless SIP; a String per call
      if (host == null || uri.hostOffset() < 0 || map.isOutside(host)) {
        continue;
      }
      String orig = Net.hostPort(host, uri.port());
      if (!map.isInside(host) && !fixExternal) {
        if (map.context.notesEnabled()) {
          map.context.note("nat: Contact " + orig + " kept (contact-fixup disable, Record-Route present)");
        }
        continue;
      }
      ed.setUriHostPort(uri, map.outsideHost, map.port(uri.port()));
      boolean traced = trace && uri.param(NatInspector.TRACE_PARAM) == null;
      if (traced) {
        ed.setUriParam(uri, NatInspector.TRACE_PARAM, orig); // register-contact-trace: the original IP:port travels along
        state.tracedContact(orig);
      }
      if (map.context.notesEnabled()) {
        map.note("Contact", orig, Net.hostPort(map.outsideHost, map.port(uri.port()))
            + (traced ? ";" + NatInspector.TRACE_PARAM + "=" + orig : ""));
      }
      if (record != null) {
        record.contactHostPort = orig;
        String tag = SessionState.NatRecord.phoneTag(m, true);
        if (tag != null) {
          record.contactByPhoneTag.put(tag, orig);
        }
      }
      if (m.isMethod("REGISTER")) {
        state.registeredContact(uri.user(), orig);
      }
    }
    for (NameAddress rr : m.recordRoutes()) {
      if (!isServerHop(record, rr.uri())) {
        natUri(ed, rr.uri(), map, "Record-Route");
      }
    }
    if (m.isRequest() && !callersIdentity) { // a callee's route set is the caller side's proxies
      for (NameAddress route : m.routes()) {
        if (!isServerHop(record, route.uri())) {
          natUri(ed, route.uri(), map, "Route");
        }
      }
    }
    if (!profile.noSdpFixup() && m.bodyLength() > 0 && ValidationInspector.isSdp(m)) {
      sdp.translate(m, map, state, callId);
    }
  }

  private static boolean isServerHop(SessionState.NatRecord record, SipUri uri) {
    return record != null && uri != null && uri.isSip()
        && record.serverHops.contains(Net.hostPort(uri.host(), uri.port()));
  }

  private String natNameAddress(SipEditor ed, NameAddress a, NatMapping map, String header) {
    return a == null ? null : natUri(ed, a.uri(), map, header);
  }

  /** Rewrites an inside URI host to the outside address; returns the original host:port or null. */
  private String natUri(SipEditor ed, SipUri uri, NatMapping map, String header) {
    String host = uri == null ? null : uri.host(); // null unless SIP; a String per call
    if (host == null || !map.isInside(host)) {
      return null;
    }
    String orig = Net.hostPort(host, uri.port());
    ed.setUriHostPort(uri, map.outsideHost, map.port(uri.port()));
    map.note(header, orig, map.outsideHost, map.port(uri.port()));
    return orig;
  }
}
