package io.sipalg.inspect;

import io.sipalg.api.VoipProfile;
import io.sipalg.api.inspect.InspectionContext;
import io.sipalg.api.inspect.Verdict;
import io.sipalg.api.session.Direction;
import io.sipalg.parser.MalformedHeaderException;
import io.sipalg.parser.SipMessage;
import java.net.InetSocketAddress;
import java.util.Optional;

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
  private final NatToServer toServer;

  NatInspector(VoipProfile profile, InspectorServices services) {
    this.profile = profile;
    this.services = services;
    this.toServer = new NatToServer(profile, services);
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
    NatMapping map = new NatMapping(context, state.addressTexts(context.addresses()),
        profile.hostedNatTraversal());
    try {
      if (context.direction() == Direction.PHONE_TO_SERVER) {
        toServer.translate(message, map, state);
      } else {
        NatToPhone.translate(message, map, state);
      }
    } catch (MalformedHeaderException e) {
      // A malformed header the profile let pass: NAT what could be read, leave the rest as is.
      if (context.notesEnabled()) {
        context.note("nat: " + e.getMessage() + " left untranslated");
      }
    }
    return Verdict.forward();
  }

  @Override
  public String toString() {
    return "nat";
  }
}
