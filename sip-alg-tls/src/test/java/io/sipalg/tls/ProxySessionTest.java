package io.sipalg.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipalg.api.inspect.InspectionContext;
import io.sipalg.api.inspect.SipInspector;
import io.sipalg.api.inspect.Verdict;
import io.sipalg.api.session.AlgEvent;
import io.sipalg.api.session.AlgSession;
import io.sipalg.api.session.CloseReason;
import io.sipalg.api.session.Leg;
import io.sipalg.api.session.MessageCounts;
import io.sipalg.parser.SipFrame;
import io.sipalg.parser.SipParseException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ProxySessionTest {

  private static AlgHarness harness(TlsProvider provider) {
    AlgHarness.Setup setup = new AlgHarness.Setup();
    setup.provider = provider;
    return new AlgHarness(setup);
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void registerAndItsOkGoThroughByteForByte(TlsProvider provider) {
    AlgHarness h = harness(provider).pump();
    assertThat(h.session.state()).isEqualTo(AlgSession.State.ESTABLISHED);

    String register = SipMessages.register(1);
    h.phone.send(register);
    h.pump();
    assertThat(h.server.received()).isEqualTo(register);

    String ok = SipMessages.ok(register);
    h.server.send(ok);
    h.pump();
    assertThat(h.phone.received()).isEqualTo(ok);

    assertThat(h.session.counters().phoneToServer()).isEqualTo(new MessageCounts(1, 1, 0, 0, 0));
    assertThat(h.session.counters().serverToPhone()).isEqualTo(new MessageCounts(1, 1, 0, 0, 0));
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void followsTheSeedSequenceAndReportsBothHandshakes(TlsProvider provider) {
    AlgHarness.Setup setup = new AlgHarness.Setup();
    setup.provider = provider;
    List<String> seenAtInspection = new java.util.ArrayList<>();
    setup.inspector =
        (message, context) -> {
          seenAtInspection.add(
              message.startLine() + " outside=" + context.addresses().algOutside().isPresent()
                  + " serverTls=" + context.tls(Leg.SERVER).isPresent());
          return Verdict.forward();
        };
    AlgHarness h = new AlgHarness(setup);
    h.connectUpstream = false;
    h.pump();
    assertThat(h.session.state()).isEqualTo(AlgSession.State.AWAITING_UPSTREAM);
    assertThat(h.session.upstreamWanted()).isTrue();
    List<AlgEvent.HandshakeCompleted> handshakes = h.events(AlgEvent.HandshakeCompleted.class);
    assertThat(handshakes).hasSize(1);
    assertThat(handshakes.get(0).tls().leg()).isEqualTo(Leg.PHONE);
    assertThat(handshakes.get(0).tls().serverName()).contains("sip.example.test");
    assertThat(handshakes.get(0).tls().effectivePolicy()).anyMatch(l -> l.startsWith("protocols: "));
    assertThat(h.events(AlgEvent.UpstreamRequested.class)).hasSize(1);

    // A REGISTER sent before the upstream connection exists waits, decrypted, in the phone leg:
    // NAT needs the ALG's outside address, so it is inspected once the host has connected.
    String register = SipMessages.register(1);
    h.phone.send(register);
    h.pump();
    assertThat(seenAtInspection).isEmpty();
    assertThat(h.session.wantsToRead(Leg.PHONE)).isFalse();

    h.connectUpstream = true;
    h.pump();
    assertThat(seenAtInspection)
        .containsExactly("REGISTER sip:sip.example.test SIP/2.0 outside=true serverTls=false");
    assertThat(h.session.state()).isEqualTo(AlgSession.State.ESTABLISHED);
    assertThat(h.server.received()).isEqualTo(register);
    assertThat(h.session.counters().phoneToServer().forwarded()).isEqualTo(1);
    assertThat(h.events(AlgEvent.HandshakeCompleted.class)).extracting(e -> e.tls().leg())
        .containsExactly(Leg.PHONE, Leg.SERVER);
    assertThat(h.events(AlgEvent.HandshakeCompleted.class).get(1).tls().serverName())
        .as("the SNI the ALG sent upstream")
        .contains("sip.example.test");
    assertThat(h.session.addresses().algOutside()).contains(AlgHarness.ALG_OUTSIDE);
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void anInviteDialogPassesUnchanged(TlsProvider provider) {
    AlgHarness h = harness(provider).pump();
    String invite = SipMessages.invite();
    h.phone.send(invite);
    h.pump();
    String ringing = SipMessages.ok(invite).replace("200 OK", "180 Ringing");
    String ok = SipMessages.ok(invite);
    h.server.send(ringing);
    h.server.send(ok);
    h.pump();
    String ack = invite.replace("INVITE sip", "ACK sip").replace("314159 INVITE", "314159 ACK");
    String bye = SipMessages.register(2).replace("REGISTER", "BYE");
    h.phone.send(ack);
    h.phone.send(bye);
    h.pump();
    assertThat(h.server.received()).isEqualTo(invite + ack + bye);
    assertThat(h.phone.received()).isEqualTo(ringing + ok);
    assertThat(h.session.counters().total().forwarded()).isEqualTo(5);
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void aMessageSplitOverManyRecordsAndManyMessagesInOneRecordBothWork(TlsProvider provider) {
    AlgHarness h = harness(provider).pump();
    String register = SipMessages.register(7);
    h.phone.send(register);
    h.offerFromPhone(h.phone.produce(7)); // 7 plaintext bytes per record
    h.pump();
    assertThat(h.server.received()).isEqualTo(register);

    h.server.clearReceived();
    StringBuilder many = new StringBuilder();
    for (int i = 10; i < 30; i++) {
      many.append(SipMessages.register(i));
    }
    h.phone.send(many.toString());
    h.pump();
    assertThat(h.server.received()).isEqualTo(many.toString());
    assertThat(h.session.counters().phoneToServer().forwarded()).isEqualTo(21);
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void keepAlivesPassTransparently(TlsProvider provider) {
    AlgHarness h = harness(provider).pump();
    h.phone.send("\r\n\r\n");
    h.pump();
    h.server.send("\r\n");
    h.pump();
    assertThat(h.server.received()).isEqualTo("\r\n\r\n");
    assertThat(h.phone.received()).isEqualTo("\r\n");
    assertThat(h.session.counters().phoneToServer().keepAlives()).isEqualTo(1);
    assertThat(h.session.counters().phoneToServer().received()).isZero();
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void respondVerdictAnswersThePhoneAndForwardsNothing(TlsProvider provider) {
    AlgHarness.Setup setup = new AlgHarness.Setup();
    setup.provider = provider;
    setup.inspector =
        (message, context) ->
            message.isRequest() && message.method().equals("REGISTER")
                ? Verdict.respond(403, "Forbidden")
                : Verdict.forward();
    AlgHarness h = new AlgHarness(setup).pump();
    h.phone.send(SipMessages.register(1));
    h.pump();
    assertThat(h.server.received()).isEmpty();
    assertThat(h.phone.received()).startsWith("SIP/2.0 403 Forbidden\r\n").contains("CSeq: 1 REGISTER");
    assertThat(h.session.counters().phoneToServer()).isEqualTo(new MessageCounts(1, 0, 1, 0, 0));
    assertThat(h.events(AlgEvent.VerdictIssued.class)).singleElement()
        .satisfies(v -> assertThat(v.verdict().statusCode()).isEqualTo(403));
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void respondVerdictHeadersReachTheResponse(TlsProvider provider) {
    AlgHarness.Setup setup = new AlgHarness.Setup();
    setup.provider = provider;
    setup.inspector = (message, context) -> message.isRequest() && message.method().equals("INVITE")
        ? Verdict.respond(503, "Service Unavailable").withHeader("Retry-After", "30")
        : Verdict.forward();
    AlgHarness h = new AlgHarness(setup).pump();
    h.phone.send(SipMessages.invite());
    h.pump();
    assertThat(h.server.received()).isEmpty();
    assertThat(h.phone.received()).startsWith("SIP/2.0 503 Service Unavailable\r\n")
        .contains("CSeq: 314159 INVITE\r\nRetry-After: 30\r\nContent-Length: 0\r\n\r\n");
    assertThat(h.session.counters().phoneToServer()).isEqualTo(new MessageCounts(1, 0, 1, 0, 0));
  }

  /** Answers every unparseable message 400, as malformed-request-line respond does. */
  private static final SipInspector RESPOND_TO_UNPARSEABLE = new SipInspector() {
    @Override
    public Verdict inspect(io.sipalg.parser.SipMessage message, InspectionContext context) {
      return Verdict.forward();
    }

    @Override
    public Verdict inspectUnparseable(SipFrame frame, SipParseException error, InspectionContext context) {
      return Verdict.respond(400, "Bad Request (malformed request line)");
    }
  };

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void anUnparseableRequestIsAnsweredFromItsRawHeaders(TlsProvider provider) {
    AlgHarness.Setup setup = new AlgHarness.Setup();
    setup.provider = provider;
    setup.inspector = RESPOND_TO_UNPARSEABLE;
    AlgHarness h = new AlgHarness(setup).pump();
    String broken = SipMessages.register(1).replace("REGISTER sip:sip.example.test SIP/2.0",
        "REGISTER  sip:sip.example.test SIP/2.0");
    h.phone.send(broken);
    h.pump();

    assertThat(h.server.received()).isEmpty();
    String answer = h.phone.received();
    assertThat(answer).startsWith("SIP/2.0 400 Bad Request (malformed request line)\r\n"
            + "Via: SIP/2.0/TLS 10.0.0.5:40000;branch=z9hG4bK-reg-1\r\n"
            + "From: <sip:alice@sip.example.test>;tag=a73kszlfl\r\n"
            + "To: <sip:alice@sip.example.test>;tag=")
        .contains("Call-ID: 1j9FpLxk3uxtm8tn@10.0.0.5\r\nCSeq: 1 REGISTER\r\nContent-Length: 0\r\n\r\n");
    assertThat(h.session.counters().phoneToServer()).isEqualTo(new MessageCounts(1, 0, 1, 0, 0));
    assertThat(h.events(AlgEvent.VerdictIssued.class)).singleElement().satisfies(v -> {
      assertThat(v.verdict().kind()).isEqualTo(Verdict.Kind.RESPOND);
      assertThat(v.summary()).isEqualTo("REGISTER  sip:sip.example.test SIP/2.0");
    });

    // without a Call-ID nothing can be answered: dropped, and the event says why
    h.phone.send(broken.replace("Call-ID: 1j9FpLxk3uxtm8tn@10.0.0.5\r\n", ""));
    h.pump();
    assertThat(h.session.counters().phoneToServer()).isEqualTo(new MessageCounts(2, 0, 1, 1, 0));
    assertThat(h.events(AlgEvent.VerdictIssued.class)).last().satisfies(v -> {
      assertThat(v.verdict().kind()).isEqualTo(Verdict.Kind.DROP);
      assertThat(v.verdict().reason()).isEqualTo("400 Bad Request (malformed request line);"
          + " not answered: no Call-ID header to copy into a response");
    });
    assertThat(h.server.received()).isEmpty();
    assertThat(h.session.isClosed()).isFalse();
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void dropIsCountedAndEventedAndCloseEndsTheSession(TlsProvider provider) {
    AlgHarness.Setup setup = new AlgHarness.Setup();
    setup.provider = provider;
    setup.inspector =
        (message, context) ->
            message.method().equals("MESSAGE")
                ? Verdict.drop("block-message")
                : message.method().equals("BYE") ? Verdict.close("enough") : Verdict.forward();
    AlgHarness h = new AlgHarness(setup).pump();
    h.phone.send(SipMessages.register(1).replace("REGISTER", "MESSAGE"));
    h.pump();
    assertThat(h.server.received()).isEmpty();
    assertThat(h.session.counters().phoneToServer().dropped()).isEqualTo(1);
    assertThat(h.events(AlgEvent.VerdictIssued.class)).singleElement()
        .satisfies(v -> assertThat(v.verdict().reason()).isEqualTo("block-message"));

    h.phone.send(SipMessages.register(2).replace("REGISTER", "BYE"));
    h.pump();
    assertThat(h.session.isClosed()).isTrue();
    assertThat(h.session.closeReason()).get().extracting(CloseReason::cause)
        .isEqualTo(CloseReason.Cause.INSPECTOR);
    assertThat(h.phone.closeNotifyReceived()).isTrue();
    assertThat(h.server.closeNotifyReceived()).isTrue();
    assertThat(h.session.counters().phoneToServer()).isEqualTo(new MessageCounts(2, 0, 0, 2, 0));
    assertThat(h.events(AlgEvent.SessionClosed.class)).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void anInspectorThatThrowsOrLeavesUnserialisableEditsCostsOneMessageNotTheSession(
      TlsProvider provider) {
    AlgHarness.Setup setup = new AlgHarness.Setup();
    setup.provider = provider;
    setup.inspector = (message, context) -> {
      switch (message.method()) {
        case "MESSAGE" -> throw new IllegalArgumentException("inspector bug");
        case "OPTIONS" -> message.edit().replace(0, 4, "X").replace(2, 6, "Y"); // overlapping
        default -> { }
      }
      return Verdict.forward();
    };
    AlgHarness h = new AlgHarness(setup).pump();
    h.phone.send(SipMessages.register(1).replace("REGISTER", "MESSAGE"));
    h.phone.send(SipMessages.register(2).replace("REGISTER", "OPTIONS"));
    h.phone.send(SipMessages.register(3));
    h.pump();

    assertThat(h.server.received()).isEqualTo(SipMessages.register(3));
    assertThat(h.session.isClosed()).isFalse();
    assertThat(h.session.counters().phoneToServer()).isEqualTo(new MessageCounts(3, 1, 0, 2, 0));
    assertThat(h.events(AlgEvent.VerdictIssued.class)).extracting(v -> v.verdict().reason())
        .satisfiesExactly(
            r -> assertThat(r).startsWith("inspector failed: java.lang.IllegalArgumentException"),
            r -> assertThat(r).startsWith("inspector edits cannot be serialised: overlapping edits"));
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void closeNotifyFromThePhoneIsPropagatedToTheServer(TlsProvider provider) {
    AlgHarness h = harness(provider).pump();
    h.phone.close();
    h.pump();
    assertThat(h.server.closeNotifyReceived()).isTrue();
    h.server.close();
    h.pump();
    assertThat(h.session.isClosed()).isTrue();
    assertThat(h.session.closeReason().orElseThrow().cause()).isEqualTo(CloseReason.Cause.CLOSED_BY_PEER);
    assertThat(h.session.closeReason().orElseThrow().leg()).contains(Leg.PHONE);
  }

  /** SunJSSE only: a BCJSSE engine ends its inbound side together with its outbound side. */
  @ParameterizedTest
  @EnumSource(value = TlsProvider.class, names = "SUN_JSSE")
  void closeNotifyTimeoutEndsASessionWhosePeerNeverAnswers(TlsProvider provider) {
    AlgHarness h = harness(provider).pump();
    h.phone.answerCloseNotify(false);
    h.server.answerCloseNotify(false);
    h.session.close();
    h.pump();
    assertThat(h.session.state()).isEqualTo(AlgSession.State.CLOSING);
    assertThat(h.session.nextDeadlineNanos()).isEqualTo(h.now + Duration.ofSeconds(3).toNanos());
    h.advance(Duration.ofSeconds(3));
    assertThat(h.session.isClosed()).isTrue();
    assertThat(h.session.closeReason().orElseThrow().cause()).isEqualTo(CloseReason.Cause.CLOSED_BY_HOST);
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void endOfStreamWithoutCloseNotifyIsTruncation(TlsProvider provider) {
    AlgHarness h = harness(provider).pump();
    h.session.receiveEndOfStream(Leg.PHONE);
    h.pump();
    assertThat(h.server.closeNotifyReceived()).isTrue();
    h.server.close();
    h.pump();
    assertThat(h.session.isClosed()).isTrue();
    assertThat(h.session.closeReason().orElseThrow().cause()).isEqualTo(CloseReason.Cause.TRUNCATED);
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void aPhoneThatNeverFinishesItsHandshakeTimesOut(TlsProvider provider) {
    AlgHarness h = harness(provider);
    h.session.receive(Leg.PHONE, h.phone.produce()); // ClientHello only
    assertThat(h.session.nextDeadlineNanos()).isEqualTo(h.now + Duration.ofSeconds(10).toNanos());
    h.advance(Duration.ofSeconds(10));
    assertThat(h.events(AlgEvent.HandshakeFailed.class)).singleElement()
        .satisfies(f -> assertThat(f.check()).isEqualTo("handshake-timeout"));
    assertThat(h.session.isClosed()).isTrue();
    assertThat(h.session.closeReason().orElseThrow().cause()).isEqualTo(CloseReason.Cause.HANDSHAKE_TIMEOUT);
    assertThat(h.alg.statistics().handshakeFailures()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void aBadContentLengthClosesTheSessionAsAFramingError(TlsProvider provider) {
    AlgHarness h = harness(provider).pump();
    h.phone.send(SipMessages.register(1).replace("Content-Length: 0", "Content-Length: -5"));
    h.pump();
    assertThat(h.session.isClosed() || h.session.state() == AlgSession.State.CLOSING).isTrue();
    assertThat(h.session.closeReason().orElseThrow().cause()).isEqualTo(CloseReason.Cause.FRAMING_ERROR);
    assertThat(h.server.received()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void garbageInsteadOfTlsFailsThePhoneHandshakeCleanly(TlsProvider provider) {
    AlgHarness h = harness(provider);
    h.session.receive(Leg.PHONE, ByteBuffer.wrap(SipMessages.register(1).getBytes()));
    assertThat(h.events(AlgEvent.HandshakeFailed.class)).singleElement()
        .satisfies(f -> assertThat(f.leg()).isEqualTo(Leg.PHONE));
    assertThat(h.session.isClosed()).isTrue();
    assertThat(h.session.upstreamWanted()).isFalse();
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void backpressureStopsReadingThePhoneWhileTheServerDoesNotDrain(TlsProvider provider) {
    AlgHarness.Setup setup = new AlgHarness.Setup();
    setup.provider = provider;
    setup.limits = SessionLimits.defaults().toBuilder().outboundHighWater(4096).build();
    AlgHarness h = new AlgHarness(setup).pump();
    h.drainServer = false;
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      many.append(SipMessages.register(i));
    }
    h.phone.send(many.toString());
    h.offerFromPhone(h.phone.produce(500)); // about one message per record
    assertThat(h.session.wantsToRead(Leg.PHONE)).isFalse();
    assertThat(h.session.counters().phoneToServer().received()).isLessThan(40);
    h.drainServer = true;
    h.pump();
    assertThat(h.session.wantsToRead(Leg.PHONE)).isTrue();
    assertThat(h.server.received()).isEqualTo(many.toString());
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void aPhoneThatLeavesWhileTheServerHandshakeRunsLosesItsHeldMessageCountedAsDropped(
      TlsProvider provider) {
    AlgHarness h = harness(provider);
    h.connectUpstream = false;
    h.pump();
    h.phone.send(SipMessages.register(1));
    h.pump();
    h.session.upstreamConnected(AlgHarness.ALG_OUTSIDE, AlgHarness.SERVER);
    assertThat(h.session.counters().phoneToServer().held()).isEqualTo(1);
    h.server.consume(h.session.outbound(Leg.SERVER)); // ClientHello
    ByteBuffer serverFlight = h.server.produce();
    h.phone.close();
    h.session.receive(Leg.PHONE, h.phone.produce()); // close_notify while the server leg handshakes
    h.session.receive(Leg.SERVER, serverFlight);
    h.pump();
    assertThat(h.server.received()).isEmpty();
    assertThat(h.session.counters().phoneToServer()).isEqualTo(new MessageCounts(1, 0, 0, 1, 0));
    assertThat(h.session.isClosed()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void delegatedTasksRunOnTheHostsExecutorAndWakeTheHost(TlsProvider provider) {
    AlgHarness.Setup setup = new AlgHarness.Setup();
    setup.provider = provider;
    setup.delegatedTasks = true;
    AlgHarness h = new AlgHarness(setup).pump();
    assertThat(h.session.state()).isEqualTo(AlgSession.State.ESTABLISHED);
    if (provider == TlsProvider.SUN_JSSE) { // BCJSSE runs everything inline: it has no tasks
      assertThat(h.tasksRun).isPositive();
      assertThat(h.wakeUps).isPositive();
    }
    String register = SipMessages.register(1);
    h.phone.send(register);
    h.pump();
    assertThat(h.server.received()).isEqualTo(register);
  }
}
