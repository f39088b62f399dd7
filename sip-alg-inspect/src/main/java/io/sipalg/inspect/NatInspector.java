package io.sipalg.inspect;

import io.sipalg.api.VoipProfile;
import io.sipalg.api.inspect.InspectionContext;
import io.sipalg.api.inspect.Verdict;
import io.sipalg.api.session.Direction;
import io.sipalg.parser.CSeq;
import io.sipalg.parser.HeaderNames;
import io.sipalg.parser.MalformedHeaderException;
import io.sipalg.parser.NameAddress;
import io.sipalg.parser.Sdp;
import io.sipalg.parser.SdpConnection;
import io.sipalg.parser.SdpEditor;
import io.sipalg.parser.SdpLine;
import io.sipalg.parser.SdpMedia;
import io.sipalg.parser.SdpOrigin;
import io.sipalg.parser.SipEditor;
import io.sipalg.parser.SipMessage;
import io.sipalg.parser.SipUri;
import io.sipalg.parser.Via;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Source NAT of the phone's addresses, as the FortiGate ALG does: in messages from the phone the
 * phone's address (and, with {@code hosted-nat-traversal}, any private address literal) in From,
 * Call-ID, Via, Contact, Record-Route, Route and the SDP {@code c=}/{@code o=} lines becomes the
 * ALG's outside address; To and the Request-URI are left alone. Messages from the server are
 * translated back from what was recorded: each Via sent-by by transaction, the Call-ID, the
 * phone's From/To and Contact by call, the Request-URI by call, trace parameter or registration,
 * and the phone's bindings in an answer to REGISTER. Every edit goes through the message's editor.
 *
 * <p>Identities the phone did not write are never translated, because the phone must echo them
 * byte for byte (RFC 3261 8.2.6.2, 12.2.1.1): in a call the server side started, the Call-ID, From
 * and To are the caller's, in both directions; in any response of the phone, From is the
 * requester's. A caller whose addresses merely look like the phone's (a private network numbered
 * alike) would otherwise see its own dialog identifiers changed and lose the call.
 */
final class NatInspector extends Link {
  /** {@code register-contact-trace}: the Contact URI parameter carrying the original IP:port. */
  static final String TRACE_PARAM = "x-sipalg-orig";

  private final VoipProfile profile;
  private final InspectorServices services;

  NatInspector(VoipProfile profile, InspectorServices services) {
    this.profile = profile;
    this.services = services;
  }

  /** The outside mapping of one message: the phone's address and the ALG's outside address. */
  private final class Mapping {
    final String insideIp;
    final String outsideHost;
    final String outsideIp;
    final String outsideSdpType;
    final int outsidePort;
    final InspectionContext context;

    Mapping(InspectionContext context, SessionState.AddressTexts texts) {
      this.context = context;
      this.insideIp = texts.insideIp();
      this.outsideHost = texts.outsideHost();
      this.outsideIp = texts.outsideIp();
      this.outsideSdpType = texts.outsideSdpType();
      this.outsidePort = texts.outside().getPort();
    }

    boolean isInside(String host) {
      return host != null && (Net.sameHost(host, insideIp)
          || (profile.hostedNatTraversal() && Net.isPrivateLiteral(host)));
    }

    boolean isOutside(String host) {
      return host != null && Net.sameHost(host, outsideIp);
    }

    int port(int original) {
      return original >= 0 ? outsidePort : -1;
    }

    void note(String what, String from, String to) {
      if (context.notesEnabled()) {
        context.note("nat: " + what + " " + from + " -> " + to);
      }
    }

    /** A note whose new host:port is only formatted when notes are on (most hosts keep them off). */
    void note(String what, String from, String toHost, int toPort) {
      if (context.notesEnabled()) {
        note(what, from, Net.hostPort(toHost, toPort));
      }
    }

    /** A note whose old host:port is only formatted when notes are on. */
    void note(String what, String fromHost, int fromPort, String to) {
      if (context.notesEnabled()) {
        note(what, Net.hostPort(fromHost, fromPort), to);
      }
    }
  }

  @Override
  public Verdict inspect(SipMessage message, InspectionContext context) {
    Optional<InetSocketAddress> outside = context.addresses().algOutside();
    if (outside.isEmpty()) {
      if (context.notesEnabled()) {
        context.note("nat: skipped, the upstream connection does not exist yet");
      }
      return Verdict.forward();
    }
    SessionState state = SessionState.of(context, services);
    Mapping map = new Mapping(context, state.addressTexts(context.addresses()));
    try {
      if (context.direction() == Direction.PHONE_TO_SERVER) {
        toServer(message, map, state);
      } else {
        toPhone(message, map, state);
      }
    } catch (MalformedHeaderException e) {
      // A malformed header the profile let pass: NAT what could be read, leave the rest as is.
      if (context.notesEnabled()) {
        context.note("nat: " + e.getMessage() + " left untranslated");
      }
    }
    return Verdict.forward();
  }

  // ------------------------------------------------------------------ phone -> server

  private void toServer(SipMessage m, Mapping map, SessionState state)
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
        if (map.isInside(via.host())) {
          String key = branchKey(via, callId, m);
          String orig = Net.hostPort(via.host(), via.port());
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
      if (uri == null || !uri.isSip() || uri.hostOffset() < 0 || map.isOutside(uri.host())) {
        continue;
      }
      String orig = Net.hostPort(uri.host(), uri.port());
      if (!map.isInside(uri.host()) && !fixExternal) {
        if (map.context.notesEnabled()) {
          map.context.note("nat: Contact " + orig + " kept (contact-fixup disable, Record-Route present)");
        }
        continue;
      }
      ed.setUriHostPort(uri, map.outsideHost, map.port(uri.port()));
      boolean traced = trace && uri.param(TRACE_PARAM) == null;
      if (traced) {
        ed.setUriParam(uri, TRACE_PARAM, orig); // register-contact-trace: the original IP:port travels along
        state.tracedContact(orig);
      }
      if (map.context.notesEnabled()) {
        map.note("Contact", orig, Net.hostPort(map.outsideHost, map.port(uri.port()))
            + (traced ? ";" + TRACE_PARAM + "=" + orig : ""));
      }
      if (record != null) {
        record.contactHostPort = orig;
        String tag = phoneTag(m, true);
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
      natSdp(m, map, state, callId);
    }
  }

  private static boolean isServerHop(SessionState.NatRecord record, SipUri uri) {
    return record != null && uri != null && uri.isSip()
        && record.serverHops.contains(Net.hostPort(uri.host(), uri.port()));
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

  private static String branchKey(Via via, String callId, SipMessage m) throws MalformedHeaderException {
    if (via.branch() != null && !via.branch().isEmpty()) {
      return via.branch();
    }
    // RFC 2543 transactions (rfc2543-branch): Call-ID, CSeq number and sent-by identify them.
    return "2543:" + callId + " " + (m.cseq() == null ? "" : m.cseq().number());
  }

  private String natNameAddress(SipEditor ed, NameAddress a, Mapping map, String header) {
    return a == null ? null : natUri(ed, a.uri(), map, header);
  }

  /** Rewrites an inside URI host to the outside address; returns the original host:port or null. */
  private String natUri(SipEditor ed, SipUri uri, Mapping map, String header) {
    if (uri == null || !uri.isSip() || !map.isInside(uri.host())) {
      return null;
    }
    String orig = Net.hostPort(uri.host(), uri.port());
    ed.setUriHostPort(uri, map.outsideHost, map.port(uri.port()));
    map.note(header, orig, map.outsideHost, map.port(uri.port()));
    return orig;
  }

  private void natSdp(SipMessage m, Mapping map, SessionState state, String callId) {
    Sdp sdp = m.sdp();
    SdpEditor se = sdp.edit();
    String original = null;
    String originalType = "IP4";
    for (SdpLine line : sdp.lines()) {
      try {
        if (line.type() == 'c') {
          SdpConnection c = line.connection();
          if (map.isInside(c.address())) {
            se.setConnectionAddress(line, map.outsideSdpType, map.outsideIp);
            if (original == null) {
              original = c.address();
              originalType = c.addrType();
            }
            map.note("SDP c=", c.address(), map.outsideIp);
          }
        } else if (line.type() == 'o') {
          SdpOrigin o = line.origin();
          if (map.isInside(o.address())) {
            se.setOriginAddress(line, map.outsideSdpType, map.outsideIp);
            original = o.address();
            originalType = o.addrType();
            map.note("SDP o=", o.address(), map.outsideIp);
          }
        }
      } catch (MalformedHeaderException e) {
        // malformed-header-sdp-* let it pass: leave the line as written
      }
    }
    boolean portsTranslated = natMediaPorts(sdp, se, map, state, callId);
    if (original == null) {
      if (portsTranslated) {
        m.edit().setBody(se.toByteArray());
      }
      return;
    }
    if (profile.natTrace()) {
      String trace = "(o=IN " + originalType + " " + original + ")";
      SdpLine info = sdp.sessionLine('i');
      if (info == null || profile.preserveOverride()) {
        se.setInformation(-1, trace);
      } else if (!info.value().contains(trace)) {
        se.setValue(info, info.value() + " " + trace);
      }
    }
    m.edit().setBody(se.toByteArray());
  }

  /**
   * {@code nat-port-range}: gives each translated media stream of the phone's SDP an outside RTP
   * port (RTCP the next one) from the ALG instance's allocator and rewrites its {@code m=} port.
   * A stream is translated when its connection address is NATed, its port is not 0 and it uses one
   * port; the pair is kept per dialog and media index, so re-offers and the phone's answers reuse
   * it, and goes back when the dialog ends (or when the stream stops being translated). Only
   * tracked INVITE dialogs get ports: their end is what releases them. When the range is
   * exhausted the port is kept as written and a {@code nat-port-range} violation (pass) says so.
   *
   * @return whether an {@code m=} port was rewritten
   */
  private boolean natMediaPorts(Sdp sdp, SdpEditor se, Mapping map, SessionState state,
      String callId) {
    if (sdp.mediaCount() == 0 || callId == null) {
      return false;
    }
    boolean edited = false;
    synchronized (state) { // housekeeping may end the dialog (and free its ports) on another thread
      Dialog d = state.dialog(state.canonicalCallId(callId));
      if (d == null || d.kind != Dialog.Kind.INVITE) {
        if (map.context.notesEnabled()) {
          map.context.note("nat: media ports kept: no INVITE dialog is tracked for Call-ID " + callId);
        }
        return false;
      }
      Set<Integer> translated = new HashSet<>();
      for (int i = 0; i < sdp.mediaCount(); i++) {
        try {
          SdpLine mLine = sdp.mediaLine(i, 'm');
          SdpMedia media = mLine.media();
          SdpLine c = sdp.effectiveConnection(i);
          if (media.port() == 0 || c == null || !map.isInside(c.connection().address())) {
            continue;
          }
          if (media.portCount() > 1) {
            map.note("SDP m=" + media.media() + " port", media.port() + "/" + media.portCount(),
                "kept (only single-port media are translated)");
            continue;
          }
          Integer outside = d.natPorts.get(i);
          if (outside == null) {
            int allocated = services.mediaPorts().allocate(profile.natPortRange());
            if (allocated == 0) {
              String detail = "no free RTP/RTCP port pair in nat-port-range " + profile.natPortRange()
                  + " for " + media.media() + " media " + i + " of dialog " + d.id() + "; port "
                  + media.port() + " kept";
              services.log.violation(map.context, "nat-port-range", "pass", detail);
              map.note("SDP m=" + media.media() + " port", Integer.toString(media.port()),
                  "kept: nat-port-range " + profile.natPortRange() + " exhausted");
              continue;
            }
            outside = allocated;
            d.natPorts.put(i, outside);
          }
          se.setMediaPort(mLine, outside);
          RtcpAttribute rtcp = RtcpAttribute.of(sdp, i);
          // RFC 3605: the far end sends RTCP where a=rtcp says, so it moves with the RTP port
          // (unless it names another host than the phone, which the ALG does not translate)
          if (rtcp != null && (rtcp.address() == null || map.isInside(rtcp.address()))) {
            se.setValue(rtcp.line(), rtcp.valueWith(outside + 1, map.outsideSdpType,
                rtcp.address() == null ? null : map.outsideIp));
            map.note("SDP a=rtcp", Integer.toString(rtcp.port()), Integer.toString(outside + 1));
          }
          translated.add(i);
          edited = true;
          map.note("SDP m=" + media.media() + " port", Integer.toString(media.port()),
              outside + " (rtcp " + (outside + 1) + ")");
        } catch (MalformedHeaderException e) {
          // a malformed m= or c= line the profile let pass: its port stays as written
        }
      }
      for (Iterator<Map.Entry<Integer, Integer>> it = d.natPorts.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<Integer, Integer> e = it.next();
        if (!translated.contains(e.getKey())) {
          services.mediaPorts().release(e.getValue()); // the stream was disabled or moved away
          it.remove();
        }
      }
    }
    return edited;
  }

  // ------------------------------------------------------------------ server -> phone

  private void toPhone(SipMessage m, Mapping map, SessionState state)
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
      if (ruri != null && ruri.isSip() && map.isOutside(ruri.host())) {
        String traced = tracedOriginal(ruri, state);
        String contact = requestTarget(m, record, state, traced);
        if (contact != null) {
          replaceHostPort(ed, ruri, contact);
          if (contact.equals(traced)) {
            ed.removeUriParam(ruri, TRACE_PARAM); // the phone registered its Contact without it
          }
          map.note("Request-URI", ruri.host(), ruri.port(), contact);
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
    String tag = phoneTag(m, false);
    String own = tag == null ? null : record.contactByPhoneTag.get(tag);
    return own != null ? own : record.contactHostPort;
  }

  /**
   * The phone's tag in a message: From's in the phone's requests and the server's responses, To's
   * in the others; null when absent or unreadable (a malformed header the profile let pass must
   * not stop the translation: the call's latest Contact is used then).
   */
  private static String phoneTag(SipMessage m, boolean fromPhone) {
    try {
      NameAddress own = m.isRequest() == fromPhone ? m.from() : m.to();
      return own == null ? null : own.tag();
    } catch (MalformedHeaderException e) {
      return null;
    }
  }

  /** The original host:port in a URI's {@code register-contact-trace} parameter, if the ALG wrote it. */
  private static String tracedOriginal(SipUri uri, SessionState state) {
    String value = uri.param(TRACE_PARAM);
    return state.isTracedContact(value) ? value : null;
  }

  /**
   * The Contacts of an answer to REGISTER list the bindings: the phone's own are translated back
   * (a phone finds its binding, and its expiry, by its Contact as it wrote it). Only this
   * session's bindings are touched: the outside address with this connection's port (another
   * connection's bindings of the same user carry its own port), restored by the trace parameter
   * the ALG wrote, else by the Contact the user part registered over this session.
   */
  private static void restoreRegisteredContacts(SipEditor ed, SipMessage m, Mapping map,
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
      if (uri == null || !uri.isSip() || uri.hostOffset() < 0 || !map.isOutside(uri.host())
          || (uri.port() >= 0 && uri.port() != map.outsidePort)) {
        continue;
      }
      String trace = uri.param(TRACE_PARAM);
      String orig = trace == null ? state.registeredContactOf(uri.user())
          : state.isTracedContact(trace) ? trace : null;
      if (orig != null) {
        replaceHostPort(ed, uri, orig);
        if (trace != null) {
          ed.removeUriParam(uri, TRACE_PARAM);
        }
        map.note("Contact", uri.host(), uri.port(), orig);
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
  private static void restoreVia(SipEditor ed, Via via, String callId, SipMessage m, Mapping map,
      SessionState state) throws MalformedHeaderException {
    if (via == null || !map.isOutside(via.host())) {
      return;
    }
    String orig;
    synchronized (state) {
      orig = state.viaByBranch.get(branchKey(via, callId, m));
    }
    if (orig != null) {
      restore(ed, via, orig, map);
    }
  }

  private static void restore(SipEditor ed, Via via, String orig, Mapping map) {
    HostPort hp = HostPort.parse(orig);
    ed.setViaSentBy(via, hp.host, hp.port);
    map.note("Via", via.host(), via.port(), orig);
  }

  private static void restoreUri(SipEditor ed, NameAddress a, String orig, Mapping map,
      String header) {
    if (a != null && a.uri() != null && a.uri().isSip() && map.isOutside(a.uri().host())) {
      replaceHostPort(ed, a.uri(), orig);
      map.note(header, a.uri().host(), a.uri().port(), orig);
    }
  }

  private static void replaceHostPort(SipEditor ed, SipUri uri, String hostPort) {
    HostPort hp = HostPort.parse(hostPort);
    ed.setUriHostPort(uri, hp.host, hp.port);
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

  @Override
  public String toString() {
    return "nat";
  }
}
