package io.sipalg.tls.session;

import io.sipalg.api.VoipProfile;
import io.sipalg.api.inspect.InspectionContext;
import io.sipalg.api.inspect.SessionAttributes;
import io.sipalg.api.inspect.Verdict;
import io.sipalg.api.session.AlgEvent;
import io.sipalg.api.session.AlgEventListener;
import io.sipalg.api.session.Direction;
import io.sipalg.api.session.Leg;
import io.sipalg.api.session.LegTlsInfo;
import io.sipalg.api.session.Pinhole;
import io.sipalg.api.session.SessionAddresses;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The {@link InspectionContext} of one session, reused for every message: the session fills in
 * the facts, each message sets its direction, and notes collect what the inspectors did.
 */
final class SessionContext implements InspectionContext {
  private final String sessionId;
  private final VoipProfile profile;
  private final Clock clock;
  private final LongSupplier ticker;
  private final AlgEventListener listener;
  private final SessionAttributes attributes = new SessionAttributes();
  private final LegTlsInfo[] tls = new LegTlsInfo[2];
  private final boolean notesEnabled;
  private final List<String> notes;
  private SessionAddresses addresses;
  private Direction direction = Direction.PHONE_TO_SERVER;

  SessionContext(
      String sessionId,
      VoipProfile profile,
      SessionAddresses addresses,
      Clock clock,
      LongSupplier ticker,
      AlgEventListener listener) {
    this.sessionId = sessionId;
    this.profile = profile;
    this.addresses = addresses;
    this.clock = clock;
    this.ticker = ticker;
    this.listener = listener;
    this.notesEnabled = listener.wantsForwardVerdicts();
    this.notes = notesEnabled ? new ArrayList<>(4) : List.of();
  }

  void beginMessage(Direction direction) {
    this.direction = direction;
    if (notesEnabled) {
      notes.clear();
    }
  }

  void addresses(SessionAddresses addresses) {
    this.addresses = addresses;
  }

  void tls(LegTlsInfo info) {
    tls[info.leg().ordinal()] = info;
  }

  /** Emits the verdict event: always for decisions other than forward, for forwards when asked. */
  void verdict(String summary, Verdict verdict) {
    if (!verdict.isForward() || notesEnabled) {
      emit(new AlgEvent.VerdictIssued(sessionId, clock.instant(), direction, summary, verdict, notes));
    }
  }

  void emit(AlgEvent event) {
    listener.onEvent(event);
  }

  @Override
  public String sessionId() {
    return sessionId;
  }

  @Override
  public Direction direction() {
    return direction;
  }

  @Override
  public SessionAddresses addresses() {
    return addresses;
  }

  @Override
  public Optional<LegTlsInfo> tls(Leg leg) {
    return Optional.ofNullable(tls[leg.ordinal()]);
  }

  @Override
  public VoipProfile profile() {
    return profile;
  }

  @Override
  public SessionAttributes attributes() {
    return attributes;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public long nanoTime() {
    return ticker.getAsLong();
  }

  @Override
  public void reportViolation(String option, String action, String detail) {
    emit(new AlgEvent.PolicyViolation(sessionId, clock.instant(), direction, option, action, detail));
  }

  @Override
  public void reportPinhole(Pinhole.Change change, Pinhole pinhole) {
    emit(new AlgEvent.PinholeChanged(sessionId, clock.instant(), change, pinhole));
  }

  @Override
  public boolean notesEnabled() {
    return notesEnabled;
  }

  @Override
  public void note(String note) {
    if (notesEnabled) {
      notes.add(note);
    }
  }
}
