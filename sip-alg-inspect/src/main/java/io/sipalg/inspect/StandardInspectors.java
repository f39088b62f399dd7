package io.sipalg.inspect;

import io.sipalg.api.VoipProfile;
import io.sipalg.api.inspect.InspectionContext;
import io.sipalg.api.inspect.SipInspector;
import io.sipalg.api.inspect.Verdict;
import io.sipalg.parser.SipFrame;
import io.sipalg.parser.SipMessage;
import io.sipalg.parser.SipParseException;
import java.util.List;
import java.util.Objects;

/**
 * The inspector chain that implements a FortiOS VoIP profile's SIP options. The links run in this
 * order; the first that does not forward decides:
 *
 * <ol>
 *   <li><b>validation</b>: {@code max-line-length}/{@code block-long-lines},
 *       {@code max-body-length}, {@code malformed-request-line}, {@code malformed-header-*}
 *       (headers and SDP lines), {@code rfc2543-branch}, {@code unknown-header};
 *   <li><b>method policy</b>: {@code block-<method>}, {@code block-unknown},
 *       {@code block-geo-red-options};
 *   <li><b>rate limits</b>: {@code <method>-rate} / {@code -rate-track} (after the policy, so a
 *       blocked request never takes a token);
 *   <li><b>regexes</b>: {@code call-id-regex}, {@code content-type-regex};
 *   <li><b>dialogs</b>: INVITE/SUBSCRIBE dialogs and registrations, {@code max-dialogs},
 *       {@code max-idle-dialogs}, {@code provisional-invite-expiry-time}, {@code call-keepalive},
 *       call summaries ({@code log-call-summary});
 *   <li><b>NAT</b>: topology and SDP fixup ({@code contact-fixup}, {@code register-contact-trace},
 *       {@code no-sdp-fixup}, {@code nat-trace}, {@code preserve-override},
 *       {@code hosted-nat-traversal});
 *   <li><b>pinholes</b>: {@code rtp}, {@code open-*-pinhole}, {@code strict-register},
 *       {@code hnt-restrict-source-ip}.
 * </ol>
 *
 * Violations are logged where they are found ({@code log-violations}). With {@code status
 * disable} the chain forwards everything untouched, unparseable messages included.
 *
 * <pre>{@code
 * InspectorServices services = InspectorServices.create();      // once per ALG instance
 * SipInspector inspector = StandardInspectors.from(profile, services);
 * }</pre>
 */
public final class StandardInspectors {
  private StandardInspectors() {}

  /**
   * The chain for a profile.
   *
   * @param profile the VoIP profile whose SIP options apply
   * @param services the state shared by every session of the ALG instance
   * @return the inspector; thread-safe, one instance serves all sessions of the profile
   */
  public static SipInspector from(VoipProfile profile, InspectorServices services) {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(services, "services");
    if (!profile.status()) {
      return Disabled.INSTANCE;
    }
    InspectionLog log = services.log;
    return SipInspector.chain(List.of(
        new ValidationInspector(profile, log),
        new MethodPolicyInspector(profile, log),
        new RateLimitInspector(profile, log, services.rateLimiter()),
        new RegexInspector(profile, log),
        new DialogInspector(profile, services, log),
        new NatInspector(profile, services),
        new PinholeInspector(profile, log)));
  }

  /** {@code status disable}: no SIP inspection at all. */
  private static final class Disabled implements SipInspector {
    static final Disabled INSTANCE = new Disabled();

    @Override
    public Verdict inspect(SipMessage message, InspectionContext context) {
      return Verdict.forward();
    }

    @Override
    public Verdict inspectUnparseable(SipFrame frame, SipParseException error,
        InspectionContext context) {
      return Verdict.forward();
    }

    @Override
    public String toString() {
      return "sip inspection disabled (status disable)";
    }
  }
}
