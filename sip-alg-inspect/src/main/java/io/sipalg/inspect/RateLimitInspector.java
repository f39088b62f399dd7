package io.sipalg.inspect;

import io.sipalg.api.RateTrack;
import io.sipalg.api.SipMethodOption;
import io.sipalg.api.VoipProfile;
import io.sipalg.api.inspect.InspectionContext;
import io.sipalg.api.inspect.Verdict;
import io.sipalg.api.session.Direction;
import io.sipalg.api.session.SessionAddresses;
import io.sipalg.parser.SipMessage;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * {@code <method>-rate} with {@code <method>-rate-track}: requests over the rate are dropped
 * silently with one violation. Runs after the method policy, so a blocked request never takes a
 * token. Source and destination are the session's socket addresses for the message's direction
 * (the phone and the SIP server).
 */
final class RateLimitInspector extends Link {
  private final VoipProfile profile;
  private final InspectionLog log;
  private final RateLimiter limiter;

  RateLimitInspector(VoipProfile profile, InspectionLog log, RateLimiter limiter) {
    this.profile = profile;
    this.log = log;
    this.limiter = limiter;
  }

  @Override
  public Verdict inspect(SipMessage message, InspectionContext context) {
    if (!message.isRequest()) {
      return Verdict.forward();
    }
    Optional<SipMethodOption> option = SipMethodOption.forSipMethod(message.method());
    if (option.isEmpty()) {
      return Verdict.forward();
    }
    SipMethodOption m = option.get();
    long rate = profile.rate(m);
    if (rate <= 0) {
      return Verdict.forward();
    }
    RateTrack track = profile.rateTrack(m);
    String scope = scope(track, context);
    if (limiter.tryAcquire(profile.name(), m, rate, scope, context.nanoTime())) {
      return Verdict.forward();
    }
    String detail = m.sipMethod() + " over " + m.fortiOsName() + "-rate " + rate + "/s"
        + (track == RateTrack.NONE ? "" : " for " + track + " " + scope);
    log.violation(context, m.fortiOsName() + "-rate", "drop", detail);
    return Verdict.drop(detail);
  }

  static String scope(RateTrack track, InspectionContext context) {
    if (track == RateTrack.NONE) {
      return "";
    }
    SessionAddresses a = context.addresses();
    boolean fromPhone = context.direction() == Direction.PHONE_TO_SERVER;
    boolean source = track == RateTrack.SRC_IP;
    if (source == fromPhone) {
      return Net.ip(a.phone());
    }
    Optional<InetSocketAddress> server = a.server();
    // Before the upstream connection exists the server is the address the phone dialled.
    return Net.ip(server.orElse(a.algInside()));
  }

  @Override
  public String toString() {
    return "rate-limit";
  }
}
