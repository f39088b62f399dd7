package io.sipalg.inspect;

import io.sipalg.api.VoipProfile;
import io.sipalg.api.inspect.InspectionContext;
import io.sipalg.api.inspect.SessionAttributes;
import io.sipalg.api.session.Direction;
import io.sipalg.api.session.Leg;
import io.sipalg.api.session.LegTlsInfo;
import io.sipalg.api.session.Pinhole;
import io.sipalg.api.session.SessionAddresses;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A session as the core would present it, recording what the inspectors report. */
final class FakeContext implements InspectionContext {
  static final InetSocketAddress PHONE = new InetSocketAddress("10.0.0.5", 50123);
  static final InetSocketAddress ALG_INSIDE = new InetSocketAddress("10.0.0.1", 5061);
  static final InetSocketAddress ALG_OUTSIDE = new InetSocketAddress("192.0.2.1", 40000);
  static final InetSocketAddress SERVER = new InetSocketAddress("198.51.100.10", 5061);

  record Violation(String option, String action, String detail) {}

  record PinholeEvent(Pinhole.Change change, Pinhole pinhole) {}

  final List<Violation> violations = new ArrayList<>();
  final List<PinholeEvent> pinholes = new ArrayList<>();
  final List<String> notes = new ArrayList<>();
  final SessionAttributes attributes = new SessionAttributes();
  final String sessionId;
  VoipProfile profile;
  Direction direction = Direction.PHONE_TO_SERVER;
  SessionAddresses addresses = SessionAddresses.accepted(PHONE, ALG_INSIDE)
      .withServerSide(ALG_OUTSIDE, SERVER);
  long nanos = 1_000_000_000L;
  Instant wall = Instant.parse("2026-11-26T17:00:00Z");

  FakeContext(VoipProfile profile) {
    this("s1", profile);
  }

  FakeContext(String sessionId, VoipProfile profile) {
    this.sessionId = sessionId;
    this.profile = profile;
  }

  FakeContext phoneToServer() {
    direction = Direction.PHONE_TO_SERVER;
    return this;
  }

  FakeContext serverToPhone() {
    direction = Direction.SERVER_TO_PHONE;
    return this;
  }

  /** Advances both clocks. */
  void advanceSeconds(long seconds) {
    nanos += seconds * 1_000_000_000L;
    wall = wall.plusSeconds(seconds);
  }

  void advanceNanos(long n) {
    nanos += n;
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
    return Optional.empty();
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
    return Clock.fixed(wall, ZoneOffset.UTC);
  }

  @Override
  public long nanoTime() {
    return nanos;
  }

  @Override
  public void reportViolation(String option, String action, String detail) {
    violations.add(new Violation(option, action, detail));
  }

  @Override
  public void reportPinhole(Pinhole.Change change, Pinhole pinhole) {
    pinholes.add(new PinholeEvent(change, pinhole));
  }

  @Override
  public boolean notesEnabled() {
    return true;
  }

  @Override
  public void note(String note) {
    notes.add(note);
  }

  List<String> options() {
    return violations.stream().map(Violation::option).toList();
  }

  List<Pinhole> pinholes(Pinhole.Change change) {
    return pinholes.stream().filter(e -> e.change() == change).map(PinholeEvent::pinhole).toList();
  }
}
