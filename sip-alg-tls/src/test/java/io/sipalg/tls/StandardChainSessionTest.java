package io.sipalg.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipalg.api.session.AlgEvent;
import io.sipalg.api.session.MessageCounts;
import io.sipalg.api.session.Pinhole;
import io.sipalg.inspect.InspectorServices;
import io.sipalg.inspect.StandardInspectors;
import org.junit.jupiter.api.Test;

/**
 * Whole sessions through the standard inspector chain: what the phone and the server see on the
 * wire for {@code nat-port-range}, {@code max-dialogs} (503 with Retry-After) and
 * {@code malformed-request-line respond} on a request whose start line does not parse.
 */
class StandardChainSessionTest {
  private final InspectorServices services = InspectorServices.create();

  private AlgHarness harness(java.util.function.UnaryOperator<io.sipalg.api.VoipProfile.Builder> profile) {
    AlgHarness.Setup setup = new AlgHarness.Setup();
    setup.profile = profile;
    setup.inspectors = p -> StandardInspectors.from(p, services);
    return new AlgHarness(setup).pump();
  }

  private static String invite(String callId) {
    return SipMessages.invite().replace("a84b4c76e66710@10.0.0.5", callId + "@10.0.0.5");
  }

  @Test
  void theServerSeesTheOutsideMediaPortAndThePinholeSaysWhereItGoes() {
    AlgHarness h = harness(b -> b);
    h.phone.send(invite("media-1"));
    h.pump();

    assertThat(h.server.received()).contains("c=IN IP4 192.0.2.1\r\n", "m=audio 5118 RTP/AVP 0\r\n")
        .doesNotContain("49170");
    assertThat(h.events(AlgEvent.PinholeChanged.class))
        .filteredOn(e -> e.pinhole().origin().equals("sdp")).singleElement().satisfies(e -> {
      Pinhole p = e.pinhole();
      assertThat(p.address()).isEqualTo("10.0.0.5");
      assertThat(p.rtpPort()).isEqualTo(49170);
      assertThat(p.translatedAddress()).contains("192.0.2.1");
      assertThat(p.translatedRtpPort()).isEqualTo(5118);
      assertThat(p.ipsInspect()).isTrue();
    });
    assertThat(services.mediaPortPairsInUse()).isEqualTo(1);

    h.phone.close(); // the session ends: its dialog, pinholes and ports with it
    h.pump();
    assertThat(h.session.isClosed()).isTrue();
    assertThat(services.mediaPortPairsInUse()).isZero();
    assertThat(h.events(AlgEvent.PinholeChanged.class))
        .filteredOn(e -> e.change() == Pinhole.Change.CLOSE)
        .anySatisfy(e -> assertThat(e.pinhole().translatedRtpPort()).isEqualTo(5118));
  }

  @Test
  void maxDialogsAnswers503WithRetryAfter() {
    AlgHarness h = harness(b -> b.maxDialogs(1));
    h.phone.send(invite("d1"));
    h.pump();
    h.phone.send(invite("d2"));
    h.pump();

    assertThat(h.server.received()).contains("Call-ID: d1@192.0.2.1").doesNotContain("d2@");
    assertThat(h.phone.received()).startsWith("SIP/2.0 503 Service Unavailable\r\n")
        .contains("Call-ID: d2@10.0.0.5\r\nCSeq: 314159 INVITE\r\nRetry-After: 30\r\nContent-Length: 0\r\n\r\n");
    assertThat(h.session.counters().phoneToServer()).isEqualTo(new MessageCounts(2, 1, 1, 0, 0));
  }

  @Test
  void malformedRequestLineRespondAnswersARequestThatDoesNotParse() {
    AlgHarness h = harness(b -> b.malformedRequestLine(io.sipalg.api.MalformedAction.RESPOND));
    h.phone.send(SipMessages.register(1).replace("REGISTER sip:sip.example.test SIP/2.0",
        "REGISTER sip:sip.example.test SIP/2.0 trailing"));
    h.pump();

    assertThat(h.server.received()).isEmpty();
    assertThat(h.phone.received()).startsWith("SIP/2.0 400 Bad Request (malformed request line)\r\n"
        + "Via: SIP/2.0/TLS 10.0.0.5:40000;branch=z9hG4bK-reg-1\r\n")
        .contains("To: <sip:alice@sip.example.test>;tag=", "CSeq: 1 REGISTER\r\n");
    assertThat(h.session.counters().phoneToServer()).isEqualTo(new MessageCounts(1, 0, 1, 0, 0));
    assertThat(h.events(AlgEvent.PolicyViolation.class)).singleElement()
        .satisfies(v -> assertThat(v.option()).isEqualTo("malformed-request-line"));
  }
}
