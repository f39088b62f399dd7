package io.sipalg.inspect;

import io.sipalg.parser.CSeq;
import io.sipalg.parser.MalformedHeaderException;
import io.sipalg.parser.NameAddress;
import io.sipalg.parser.SipEditor;
import io.sipalg.parser.SipMessage;
import io.sipalg.parser.SipUri;
import io.sipalg.parser.Via;
import java.util.List;

/**
 * NAT of a message from the server to the phone: what {@link NatToServer} replaced is translated
 * back from the {@link SessionState}, and a request to the outside address goes to the phone
 * binding it is for.
 */
final class NatToPhone {
  private NatToPhone() {}

  /** Translates a message from the server back; see {@link NatInspector}. */
  static void translate(SipMessage m, NatMapping map, SessionState state)
      throws MalformedHeaderException {
    SipEditor ed = m.edit();
    String natted = m.callId();
    String callId = natted == null ? null : state.canonicalCallId(natted);
    if (natted != null && !natted.equals(callId)) {
      int at = callId.indexOf('@');
      ed.setCallIdHost(callId.substring(at + 1));
      map.note("Call-ID", natted, callId);
    }
    SessionState.NatRecord record;
    synchronized (state) {
      record = callId == null ? null : state.natRecords.get(callId);
      if (record == null && callId != null && m.isRequest() && natted.equals(callId)) {
        // the first the ALG sees of this call is the server's request: the caller's call
        record = new SessionState.NatRecord();
        record.serverOriginated = true;
        state.natRecords.put(callId, record);
      }
    }
    if (record != null) {
      noteServerHops(m, record);
    }
    if (m.isResponse()) {
      restoreVia(ed, m.topVia(), callId, m, map, state);
      // a proxy behind the ALG has its UA's Via below its own: translated too, so restored too;
      // an unreadable lower Via the profile let pass is left as it is, the top one is done
      List<Via> vias;
      try {
        vias = m.vias();
      } catch (MalformedHeaderException e) {
        vias = List.of();
      }
      for (int i = 1; i < vias.size(); i++) {
        restoreVia(ed, vias.get(i), callId, m, map, state);
      }
    }
    if (record != null && record.fromHostPort != null) {
      restoreUri(ed, m.from(), record.fromHostPort, map, "From");
      restoreUri(ed, m.to(), record.fromHostPort, map, "To");
    }
    if (m.isRequest()) {
      SipUri ruri = m.requestUri();
      String ruriHost = ruri == null ? null : ruri.host(); // null unless SIP; a String per call
      if (map.isOutside(ruriHost)) {
        String traced = tracedOriginal(ruri, state);
        String contact = requestTarget(m, record, state, traced);
        if (contact != null) {
          replaceHostPort(ed, ruri, contact);
          if (contact.equals(traced)) {
            ed.removeUriParam(ruri, NatInspector.TRACE_PARAM); // the phone registered its Contact without it
          }
          map.note("Request-URI", ruriHost, ruri.port(), contact);
        }
      }
    } else {
      restoreRegisteredContacts(ed, m, map, state);
    }
  }

  /**
   * Where a request from the server to the outside address goes: a CANCEL or the ACK of a
   * rejection to where its INVITE went; a request to a binding whose {@code register-contact-trace}
   * parameter the ALG wrote to that binding (exact even for several devices of one user behind one
   * connection, and for each branch of a call forked to them); anything else to the phone's
   * Contact in this call, else to the Contact its user part registered (else the Contact
   * registered last).
   */
  private static String requestTarget(SipMessage m, SessionState.NatRecord record,
      SessionState state, String traced) throws MalformedHeaderException {
    String branch = topBranch(m);
    if (record != null && branch != null && branch.equals(record.inviteBranch)
        && (m.isMethod("CANCEL") || m.isMethod("ACK"))) {
      return record.inviteTarget;
    }
    String target = traced != null ? traced : record != null ? dialogContact(m, record) : null;
    if (target == null) {
      target = state.registeredContact(m.requestUri().user());
    }
    if (record != null && m.isMethod("INVITE")) {
      record.inviteBranch = branch;
      record.inviteTarget = target;
    }
    return target;
  }

  /**
   * The phone's Contact in the dialog a request from the server belongs to (its To tag is the
   * phone's tag), else the phone's latest Contact in the call; null when the call has none.
   */
  private static String dialogContact(SipMessage m, SessionState.NatRecord record) {
    String tag = SessionState.NatRecord.phoneTag(m, false);
    String own = tag == null ? null : record.contactByPhoneTag.get(tag);
    return own != null ? own : record.contactHostPort;
  }

  /** The original host:port in a URI's {@code register-contact-trace} parameter, if the ALG wrote it. */
  private static String tracedOriginal(SipUri uri, SessionState state) {
    String value = uri.param(NatInspector.TRACE_PARAM);
    return state.isTracedContact(value) ? value : null;
  }

  /**
   * The Contacts of an answer to REGISTER list the bindings: the phone's own are translated back
   * (a phone finds its binding, and its expiry, by its Contact as it wrote it). Only this
   * session's bindings are touched: the outside address with this connection's port (another
   * connection's bindings of the same user carry its own port), restored by the trace parameter
   * the ALG wrote, else by the Contact the user part registered over this session.
   */
  private static void restoreRegisteredContacts(SipEditor ed, SipMessage m, NatMapping map,
      SessionState state) {
    List<NameAddress> contacts;
    try {
      CSeq cseq = m.cseq();
      if (cseq == null || !cseq.method().equals("REGISTER")) {
        return;
      }
      contacts = m.contacts();
    } catch (MalformedHeaderException e) {
      return; // malformed-header-cseq/contact let it pass: left as written
    }
    for (NameAddress contact : contacts) {
      SipUri uri = contact.uri();
      String host = uri == null ? null : uri.host(); // null unless SIP; a String per call
      if (host == null || uri.hostOffset() < 0 || !map.isOutside(host)
          || (uri.port() >= 0 && uri.port() != map.outsidePort)) {
        continue;
      }
      String trace = uri.param(NatInspector.TRACE_PARAM);
      String orig = trace == null ? state.registeredContactOf(uri.user())
          : state.isTracedContact(trace) ? trace : null;
      if (orig != null) {
        replaceHostPort(ed, uri, orig);
        if (trace != null) {
          ed.removeUriParam(uri, NatInspector.TRACE_PARAM);
        }
        map.note("Contact", host, uri.port(), orig);
      }
    }
  }

  /** The top Via's branch, or null when there is none or the Via is malformed (profile: pass). */
  private static String topBranch(SipMessage m) {
    try {
      Via top = m.topVia();
      return top == null ? null : top.branch();
    } catch (MalformedHeaderException e) {
      return null;
    }
  }

  /** Restores one Via of a response that the phone side's request had translated. */
  private static void restoreVia(SipEditor ed, Via via, String callId, SipMessage m, NatMapping map,
      SessionState state) throws MalformedHeaderException {
    String host = via == null ? null : via.host();
    if (!map.isOutside(host)) {
      return;
    }
    String orig;
    synchronized (state) {
      orig = state.viaByBranch.get(SessionState.viaKey(via, callId, m));
    }
    if (orig != null) {
      restore(ed, via, host, orig, map);
    }
  }

  private static void restore(SipEditor ed, Via via, String host, String orig, NatMapping map) {
    HostPort hp = HostPort.parse(orig);
    ed.setViaSentBy(via, hp.host, hp.port);
    map.note("Via", host, via.port(), orig);
  }

  private static void restoreUri(SipEditor ed, NameAddress a, String orig, NatMapping map,
      String header) {
    String host = a == null || a.uri() == null ? null : a.uri().host(); // null unless SIP
    if (map.isOutside(host)) {
      replaceHostPort(ed, a.uri(), orig);
      map.note(header, host, a.uri().port(), orig);
    }
  }

  private static void replaceHostPort(SipEditor ed, SipUri uri, String hostPort) {
    HostPort hp = HostPort.parse(hostPort);
    ed.setUriHostPort(uri, hp.host, hp.port);
  }

  /**
   * Remembers the server side's Record-Route hops of a call (see {@code NatRecord.serverHops}). A
   * malformed Record-Route the profile let pass is not remembered; it must not stop the rest of
   * the message's translation (the Via above all).
   */
  private static void noteServerHops(SipMessage m, SessionState.NatRecord record) {
    List<NameAddress> hops;
    try {
      hops = m.recordRoutes();
    } catch (MalformedHeaderException e) {
      return;
    }
    for (NameAddress rr : hops) {
      SipUri uri = rr.uri();
      if (uri != null && uri.isSip() && record.serverHops.size() < SessionState.MAX_SERVER_HOPS) {
        record.serverHops.add(Net.hostPort(uri.host(), uri.port()));
      }
    }
  }

  /** host[:port] text split, IPv6 brackets kept. */
  private record HostPort(String host, int port) {
    static HostPort parse(String text) {
      int colon = text.lastIndexOf(':');
      int bracket = text.lastIndexOf(']');
      if (colon < 0 || colon < bracket || (bracket < 0 && text.indexOf(':') != colon)) {
        return new HostPort(text, -1);
      }
      return new HostPort(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
    }
  }
}
