package io.sipalg.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipalg.api.cert.Peer;
import io.sipalg.examples.cli.SipAlgCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * Runs {@code sip-alg demo} in this JVM: real sockets on 127.0.0.1, real TLS, real events. The
 * command-line run goes first: it sets the logging level before the first logger exists, as the jar
 * does.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  @Order(1)
  @Timeout(60)
  void demoRegistersMakesACallAndPrintsTheSeedSequenceInOrder() {
    CommandLine cli = SipAlgCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));

    int exit = cli.execute("demo");

    String output = out.toString();
    assertThat(exit).as("exit code; output:%n%s%nerrors:%n%s", output, err).isZero();
    assertThat(err.toString()).isEmpty();
    assertThat(output).containsSubsequence(
        "phone: dialling sip.example.test",
        "sip-alg: TCP connection accepted from 127.0.0.1:",
        "sip-alg: phone <-> sip-alg TLS handshake done: TLSv1.",
        "phone certificate CN=alice,O=sip-alg demo phone verified against the demo CA",
        "sip-alg: TCP connection to the registrar 127.0.0.1:",
        "phone: REGISTER sent (encrypted)",
        "sip-alg: REGISTER sip:sip.example.test decrypted from the phone, inspected: forward;"
            + " held until the registrar's TLS handshake is done",
        "nat: Contact 10.0.0.5:5061 -> 127.0.0.1:",
        "sip-alg: sip-alg <-> registrar TLS handshake done: TLSv1.",
        "registrar certificate CN=sip.example.test,O=sip-alg demo registrar verified against the demo CA",
        "sip-alg: REGISTER re-encrypted and forwarded to the registrar",
        "registrar: REGISTER received, 200 OK sent",
        "SNI sip.example.test, client certificate CN=sip-alg,O=sip-alg demo ALG",
        "Contact: <sip:alice@127.0.0.1:",
        "sip-alg: 200 OK (to the REGISTER) decrypted from the registrar, inspected: forward;"
            + " re-encrypted and forwarded to the phone",
        "pinhole open: tcp to 127.0.0.1:5061, origin register-contact, only from 127.0.0.1",
        "phone: 200 OK received: registered (Expires: 3600)",
        "phone: INVITE sip:bob@sip.example.test sent (encrypted) with an SDP offer",
        "sip-alg: INVITE sip:bob@sip.example.test decrypted from the phone, inspected: forward;"
            + " re-encrypted and forwarded to the registrar",
        "nat: SDP c= 10.0.0.5 -> 127.0.0.1",
        "nat: SDP m=audio port 49170 -> 5118 (rtcp 5119)",
        "pinhole open: udp to 127.0.0.1:49170 (rtcp 49171), reached at 127.0.0.1:5118 (rtcp 5119)"
            + " (nat-port-range), origin sdp, through IPS (ips-rtp)",
        "registrar: INVITE received",
        "i=(o=IN IP4 10.0.0.5) | c=IN IP4 127.0.0.1 | m=audio 5118",
        "sip-alg: 100 Trying (to the INVITE)",
        "sip-alg: 180 Ringing (to the INVITE)",
        "sip-alg: 200 OK (to the INVITE)",
        "pinhole open: udp to 127.0.0.1:30000 (rtcp 30001), origin sdp, through IPS (ips-rtp)",
        "phone: 200 OK received: bob answered",
        "phone: ACK sent (encrypted)",
        "sip-alg: ACK sip:bob@127.0.0.1:",
        "registrar: ACK received: the call is up",
        "phone: BYE sent (encrypted)",
        "sip-alg: BYE sip:bob@127.0.0.1:",
        "pinhole close: udp to 127.0.0.1:49170",
        "registrar: BYE received, 200 OK sent",
        "sip-alg: 200 OK (to the BYE)",
        "phone: 200 OK received: call ended",
        "phone: hanging up the connection: close_notify sent",
        "registrar: close_notify received from sip-alg, connection closed",
        "sip-alg: session S1 closed: PHONE: CLOSED_BY_PEER",
        "phone -> registrar: 4 received, 4 forwarded, 0 answered by sip-alg, 0 dropped",
        "registrar -> phone: 5 received, 5 forwarded, 0 answered by sip-alg, 0 dropped",
        "pinhole close: tcp to 127.0.0.1:5061, origin register-contact",
        "counters: sessions=1 active=0 handshake-failures=0 in=9 forwarded=9 responded=0 dropped=0",
        "demo OK");
    assertThat(stepNumbers(output)).as("steps numbered 1..n in printed order")
        .isEqualTo(sequence(1, stepNumbers(output).size()));
    assertThat(demoThreadsAlive()).isEmpty();
    assertThat(System.getProperty("org.slf4j.simpleLogger.defaultLogLevel")).isEqualTo("warn");
  }

  @Test
  @Order(2)
  @Timeout(60)
  void aRegistrarThatFailsVerificationEndsTheDemoWithExitOneAndSaysWhy() {
    // ssl-auth-server now wants another name on the registrar's certificate.
    DemoScript demo = new DemoScript(new PrintWriter(out), new PrintWriter(err), store -> store.putPeer(
        new Peer(DemoAlgConfig.REGISTRAR_PEER, DemoAlgConfig.CA, "", "other.example.test")));

    int exit = demo.run();

    assertThat(exit).as("output:%n%s", out).isEqualTo(1);
    assertThat(out.toString())
        .contains("registrar TLS handshake FAILED")
        .doesNotContain("registrar: REGISTER received", "demo OK");
    assertThat(err.toString()).contains(
        "sip-alg demo FAILED:",
        "phone: the connection closed while waiting for the answer to REGISTER",
        "sip-alg: SERVER TLS handshake failed",
        "sip-alg: the session ended badly: SERVER: HANDSHAKE_FAILED");
    assertThat(demoThreadsAlive()).isEmpty();
  }

  private static List<Integer> stepNumbers(String output) {
    List<Integer> numbers = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^\\[(\\d+)\\] ").matcher(output);
    while (m.find()) {
      numbers.add(Integer.parseInt(m.group(1)));
    }
    return numbers;
  }

  private static List<Integer> sequence(int from, int count) {
    List<Integer> numbers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      numbers.add(from + i);
    }
    return numbers;
  }

  private static List<String> demoThreadsAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith("sip-alg-loop-") || name.equals("demo-registrar"))
        .toList();
  }
}
