package io.sipalg.inspect;

import io.sipalg.api.VoipProfile;
import io.sipalg.api.inspect.InspectionContext;
import io.sipalg.api.inspect.Verdict;
import io.sipalg.api.session.Direction;
import io.sipalg.api.session.Pinhole;
import io.sipalg.api.session.SessionAddresses;
import io.sipalg.parser.CSeq;
import io.sipalg.parser.MalformedHeaderException;
import io.sipalg.parser.NameAddress;
import io.sipalg.parser.Sdp;
import io.sipalg.parser.SdpLine;
import io.sipalg.parser.SdpMedia;
import io.sipalg.parser.SipMessage;
import io.sipalg.parser.SipUri;
import io.sipalg.parser.Via;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Opens, moves and closes pinholes: media from every SDP offer and answer of a tracked INVITE
 * dialog ({@code rtp}: address from the media-level {@code c=}, else the session-level one; port
 * from {@code m=}; RTCP on port+1; a port of 0 closes), and signalling pinholes to the Contact of
 * REGISTER ({@code open-register-pinhole}, restricted to the registrar with
 * {@code strict-register}: {@link Pinhole#source()}) and of dialog-creating messages ({@code open-contact-pinhole}), to the
 * top Via ({@code open-via-pinhole}) and to Record-Route entries
 * ({@code open-record-route-pinhole}). Addresses are as the sender wrote them (before NAT); with
 * {@code hosted-nat-traversal}, a private address written by the phone is replaced by the phone's
 * observed address. The phone's media pinholes carry the outside port the NAT link allocated
 * ({@code nat-port-range}, {@link Pinhole#translatedRtpPort()}); media pinholes carry
 * {@code ips-rtp} as {@link Pinhole#ipsInspect()}. Pinholes close with their dialog or
 * registration.
 */
final class PinholeInspector extends Link {
  private final VoipProfile profile;
  private final InspectionLog log;

  PinholeInspector(VoipProfile profile, InspectionLog log) {
    this.profile = profile;
    this.log = log;
  }

  @Override
  public Verdict inspect(SipMessage message, InspectionContext context) {
    SessionState state = SessionState.peek(context);
    if (state == null) {
      return Verdict.forward();
    }
    try {
      String callId = message.callId();
      CSeq cseq = message.cseq();
      if (callId == null || cseq == null) {
        return Verdict.forward();
      }
      Reporter reporter = Reporter.of(context, log);
      synchronized (state) { // dialogs may be expired by housekeeping on another thread
        callId = state.canonicalCallId(callId);
        if (message.isResponse() && cseq.method().equals("REGISTER")) {
          registerPinholes(message, context, state, callId, cseq, reporter);
          return Verdict.forward();
        }
        Dialog d = state.dialog(callId);
        if (d == null) {
          return Verdict.forward();
        }
        boolean creating = cseq.method().equals("INVITE") || cseq.method().equals("SUBSCRIBE");
        if (creating && (message.isRequest() || message.statusCode() < 300)) {
          signallingPinholes(message, context, state, d, reporter);
        }
        if (profile.rtp() && d.kind == Dialog.Kind.INVITE && message.bodyLength() > 0
            && ValidationInspector.isSdp(message)) {
          mediaPinholes(message.sdp(), context, state, d, reporter);
        }
      }
    } catch (MalformedHeaderException e) {
      // a malformed header the profile let pass: no pinhole from it
    }
    return Verdict.forward();
  }

  private void registerPinholes(SipMessage message, InspectionContext context, SessionState state,
      String callId, CSeq cseq, Reporter reporter) {
    Registration r = state.registrationByCallId(callId);
    if (r == null || !r.active || r.cseq != cseq.number() || !profile.openRegisterPinhole()
        || message.statusCode() >= 300) {
      return;
    }
    for (int i = 0; i < r.bindings.size(); i++) {
      Registration.Binding b = r.bindings.get(i);
      String host = phoneHost(b.host(), context, Direction.PHONE_TO_SERVER);
      Pinhole pinhole = Pinhole.signalling(r.id(), "register-contact", b.transport(), host, b.port());
      if (profile.strictRegister()) {
        pinhole = pinhole.withSource(serverIp(context, state)); // only the registrar may use it
      }
      state.putPinhole(r.pinholes, REGISTER_CONTACT_SLOTS.of(i), pinhole, reporter);
    }
  }

  // Slot names, the first few of each kind made once: every REGISTER refresh, offer, answer and
  // re-INVITE looks its pinholes up by them.
  private static final SlotNames REGISTER_CONTACT_SLOTS = new SlotNames("register-contact:");
  private static final SlotNames[] SDP_SLOTS = SlotNames.byDirection("sdp:");
  private static final SlotNames[] CONTACT_SLOTS = SlotNames.byDirection("contact:");
  private static final SlotNames[] RECORD_ROUTE_SLOTS = SlotNames.byDirection("record-route:");
  private static final String[] VIA_SLOTS = new String[Direction.values().length];

  static {
    for (Direction dir : Direction.values()) {
      VIA_SLOTS[dir.ordinal()] = "via:" + dir;
    }
  }

  /** The slot names {@code prefix + i} of one kind (and direction). */
  private static final class SlotNames {
    final String prefix;
    private final String[] first = new String[8];

    SlotNames(String prefix) {
      this.prefix = prefix;
      for (int i = 0; i < first.length; i++) {
        first[i] = prefix + i;
      }
    }

    String of(int i) {
      return i < first.length ? first[i] : prefix + i;
    }

    static SlotNames[] byDirection(String kind) {
      SlotNames[] names = new SlotNames[Direction.values().length];
      for (Direction dir : Direction.values()) {
        names[dir.ordinal()] = new SlotNames(kind + dir + ":");
      }
      return names;
    }
  }

  private void signallingPinholes(SipMessage message, InspectionContext context,
      SessionState state, Dialog d, Reporter reporter) throws MalformedHeaderException {
    Direction dir = context.direction();
    if (profile.openContactPinhole()) {
      List<NameAddress> contacts = message.contacts();
      for (int i = 0; i < contacts.size(); i++) {
        SipUri uri = contacts.get(i).uri();
        if (uri != null && uri.isSip()) {
          state.putPinhole(d.pinholes, CONTACT_SLOTS[dir.ordinal()].of(i),
              Pinhole.signalling(d.id(), "contact", transportOf(uri.param("transport"), message),
                  phoneHost(uri.host(), context, dir), port(uri)), reporter);
        }
      }
    }
    if (profile.openViaPinhole() && message.isRequest()) {
      Via via = message.topVia();
      if (via != null) {
        state.putPinhole(d.pinholes, VIA_SLOTS[dir.ordinal()], Pinhole.signalling(d.id(), "via",
            transportOf(via.transport(), message), phoneHost(via.host(), context, dir),
            via.port() >= 0 ? via.port() : defaultPort(via.transport())), reporter);
      }
    }
    if (profile.openRecordRoutePinhole()) {
      List<NameAddress> rrs = message.recordRoutes();
      for (int i = 0; i < rrs.size(); i++) {
        SipUri uri = rrs.get(i).uri();
        if (uri != null && uri.isSip()) {
          state.putPinhole(d.pinholes, RECORD_ROUTE_SLOTS[dir.ordinal()].of(i),
              Pinhole.signalling(d.id(), "record-route",
                  transportOf(uri.param("transport"), message), uri.host(), port(uri)), reporter);
        }
      }
    }
  }

  private void mediaPinholes(Sdp sdp, InspectionContext context, SessionState state, Dialog d,
      Reporter reporter) {
    Direction dir = context.direction();
    SlotNames slots = SDP_SLOTS[dir.ordinal()];
    String prefix = slots.prefix;
    // RTP toward the far end may only come from where the phone's SIP comes from
    boolean restrict = profile.hostedNatTraversal() && profile.hntRestrictSourceIp()
        && dir == Direction.SERVER_TO_PHONE;
    // nat-port-range: the phone's media reach it through the outside ports the NAT link allocated
    String outside = context.addresses().algOutside().map(Net::ip).orElse(null);
    int count = sdp.mediaCount();
    for (int i = 0; i < count; i++) {
      String slot = slots.of(i);
      try {
        SdpMedia media = sdp.mediaLine(i, 'm').media();
        SdpLine c = sdp.effectiveConnection(i);
        if (media.port() == 0 || c == null) {
          state.closePinhole(d.pinholes, slot, reporter);
          continue;
        }
        String address = phoneHost(c.connection().address(), context, dir);
        String transport = media.protocol().toUpperCase(Locale.ROOT).contains("TCP") ? "tcp" : "udp";
        Pinhole pinhole = Pinhole.media(d.id(), transport, address, media.port())
            .withIpsInspect(profile.ipsRtp());
        RtcpAttribute rtcp = RtcpAttribute.of(sdp, i);
        if (rtcp != null) { // RFC 3605: RTCP on another port than RTP + 1
          pinhole = pinhole.withRtcpPort(rtcp.port());
        }
        if (restrict) {
          pinhole = pinhole.withSource(Net.ip(context.addresses().phone()));
        }
        Integer natPort = dir == Direction.PHONE_TO_SERVER ? d.natPorts.get(i) : null;
        if (natPort != null && outside != null) {
          pinhole = pinhole.translatedTo(outside, natPort);
        }
        state.putPinhole(d.pinholes, slot, pinhole, reporter);
      } catch (MalformedHeaderException e) {
        // malformed m= or c= passed by malformed-header-sdp-*: no pinhole for this media
      }
    }
    List<String> stale = new ArrayList<>();
    for (Map.Entry<String, Pinhole> e : d.pinholes.entrySet()) {
      String key = e.getKey();
      if (key.startsWith(prefix)
          && Integer.parseInt(key, prefix.length(), key.length(), 10) >= count) {
        stale.add(key);
      }
    }
    for (String slot : stale) {
      state.closePinhole(d.pinholes, slot, reporter);
    }
  }

  /** With hosted NAT traversal, a private address written by the phone means the phone's NAT. */
  private String phoneHost(String host, InspectionContext context, Direction dir) {
    if (dir == Direction.PHONE_TO_SERVER && profile.hostedNatTraversal()
        && Net.isPrivateLiteral(host) && !Net.sameHost(host, Net.ip(context.addresses().phone()))) {
      return Net.ip(context.addresses().phone());
    }
    return Net.bare(host);
  }

  private static String serverIp(InspectionContext context, SessionState state) {
    SessionAddresses addresses = context.addresses();
    if (addresses.algOutside().isPresent()) {
      return state.addressTexts(addresses).serverIp(); // formatted once per session
    }
    return Net.serverIp(addresses);
  }

  private static int port(SipUri uri) {
    return uri.port() >= 0 ? uri.port() : "sips".equals(uri.scheme()) ? 5061 : 5060;
  }

  private static int defaultPort(String transport) {
    return "TLS".equalsIgnoreCase(transport) ? 5061 : 5060;
  }

  /** {@code udp} or {@code tcp} for a transport token (TLS, WS and SCTP ride on TCP-like streams). */
  static String transportOf(String transport, SipMessage message) {
    String t = transport;
    if (t == null) {
      try {
        Via via = message.topVia();
        t = via == null ? null : via.transport();
      } catch (MalformedHeaderException e) {
        t = null;
      }
    }
    return t != null && t.equalsIgnoreCase("UDP") ? "udp" : "tcp";
  }

  @Override
  public String toString() {
    return "pinholes";
  }
}
