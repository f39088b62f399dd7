package io.sipalg.api.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipalg.parser.SipMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InspectorChainTest {
  private static SipMessage parse(String text) throws Exception {
    return SipMessage.parse(text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
  }

  private static final String INVITE =
      "INVITE sip:bob@example.com SIP/2.0\n"
          + "Via: SIP/2.0/TLS 10.0.0.5:5061;branch=z9hG4bK776asdhds\n"
          + "Max-Forwards: 70\n"
          + "To: <sip:bob@example.com>\n"
          + "From: <sip:alice@example.com>;tag=1928301774\n"
          + "Call-ID: a84b4c76e66710\n"
          + "CSeq: 314159 INVITE\n"
          + "Content-Length: 0\n\n";

  private static final String ACK = INVITE.replace("INVITE", "ACK");

  private static final String OK =
      "SIP/2.0 200 OK\n"
          + "Via: SIP/2.0/TLS 10.0.0.5:5061;branch=z9hG4bK776asdhds\n"
          + "To: <sip:bob@example.com>;tag=x\n"
          + "From: <sip:alice@example.com>;tag=1928301774\n"
          + "Call-ID: a84b4c76e66710\n"
          + "CSeq: 314159 INVITE\n"
          + "Content-Length: 0\n\n";

  @Test
  void passThroughForwardsEverything() throws Exception {
    assertThat(SipInspector.passThrough().inspect(parse(INVITE), null).isForward()).isTrue();
  }

  @Test
  void firstNonForwardVerdictWinsAndLaterInspectorsDoNotRun() throws Exception {
    List<String> ran = new ArrayList<>();
    SipInspector chain =
        SipInspector.chain(
            List.of(
                (m, c) -> {
                  ran.add("first");
                  return Verdict.forward();
                },
                (m, c) -> {
                  ran.add("second");
                  return Verdict.drop("block-invite");
                },
                (m, c) -> {
                  ran.add("third");
                  return Verdict.forward();
                }));
    assertThat(chain.inspect(parse(INVITE), null)).isEqualTo(Verdict.drop("block-invite"));
    assertThat(ran).containsExactly("first", "second");
  }

  @Test
  void allForwardMeansForward() throws Exception {
    SipInspector chain = SipInspector.chain(List.of(SipInspector.passThrough(), SipInspector.passThrough()));
    assertThat(chain.inspect(parse(INVITE), null)).isSameAs(Verdict.forward());
  }

  @Test
  void respondToAnAckOrAResponseBecomesADrop() throws Exception {
    SipInspector chain = SipInspector.chain(List.of((m, c) -> Verdict.respond(400, "Bad Request")));
    assertThat(chain.inspect(parse(INVITE), null).kind()).isEqualTo(Verdict.Kind.RESPOND);
    Verdict onAck = chain.inspect(parse(ACK), null);
    assertThat(onAck.kind()).isEqualTo(Verdict.Kind.DROP);
    assertThat(onAck.reason()).contains("400 Bad Request", "no response to an ACK");
    assertThat(chain.inspect(parse(OK), null).kind()).isEqualTo(Verdict.Kind.DROP);
  }

  @Test
  void sessionClosedReachesEveryInspector() {
    List<String> closed = new ArrayList<>();
    SipInspector a =
        new SipInspector() {
          @Override
          public Verdict inspect(SipMessage message, InspectionContext context) {
            return Verdict.forward();
          }

          @Override
          public void sessionClosed(InspectionContext context) {
            closed.add("a");
          }
        };
    SipInspector b =
        new SipInspector() {
          @Override
          public Verdict inspect(SipMessage message, InspectionContext context) {
            return Verdict.forward();
          }

          @Override
          public void sessionClosed(InspectionContext context) {
            closed.add("b");
          }
        };
    SipInspector.chain(List.of(a, b)).sessionClosed(null);
    assertThat(closed).containsExactly("a", "b");
  }
}
