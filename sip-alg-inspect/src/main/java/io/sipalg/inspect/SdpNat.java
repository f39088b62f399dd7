package io.sipalg.inspect;

import io.sipalg.api.VoipProfile;
import io.sipalg.parser.MalformedHeaderException;
import io.sipalg.parser.Sdp;
import io.sipalg.parser.SdpConnection;
import io.sipalg.parser.SdpEditor;
import io.sipalg.parser.SdpLine;
import io.sipalg.parser.SdpMedia;
import io.sipalg.parser.SdpOrigin;
import io.sipalg.parser.SipMessage;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** NAT of the phone's SDP (phone to server): addresses, media ports, the nat-trace note. */
final class SdpNat {
  private final VoipProfile profile;
  private final InspectorServices services;

  SdpNat(VoipProfile profile, InspectorServices services) {
    this.profile = profile;
    this.services = services;
  }

  /**
   * Translates the phone's SDP in {@code m}: inside addresses in {@code c=} and {@code o=} lines
   * become the outside address, media ports come from {@code nat-port-range}, and with
   * {@code nat-trace} the original address is noted in {@code i=}. The new body is set through the
   * message's editor.
   */
  void translate(SipMessage m, NatMapping map, SessionState state, String callId) {
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
        m.edit().setBody(se);
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
    m.edit().setBody(se);
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
  private boolean natMediaPorts(Sdp sdp, SdpEditor se, NatMapping map, SessionState state,
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
}
