package io.sipalg.examples.demo;

import io.sipalg.parser.MalformedHeaderException;
import io.sipalg.parser.SipMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * The demo's phone: alice, behind a NAT at {@value #PRIVATE_IP}, with a TLS client over a plain JDK
 * {@link SSLSocket}. It dials what it believes is its SIP server ({@value DemoPki#SERVER_NAME}, SNI
 * and certificate name checked) at sip-alg's address and then, waiting for each answer before the
 * next request: REGISTER → 200; INVITE with an SDP offer → 100/180/200 with the answer; ACK; BYE →
 * 200; close_notify. Every read is bounded by the pacing timeout.
 */
final class DemoPhone {
  static final String PRIVATE_IP = "10.0.0.5";
  private static final String ACTOR = "phone";
  private static final String LOCAL = PRIVATE_IP + ":5061";
  private static final String FROM = "\"Alice\" <sip:alice@" + DemoPki.SERVER_NAME + ">;tag=alice-4f2a";

  /** What the phone achieved; {@code failure} says where it stopped. */
  record Result(boolean registered, boolean callAnswered, boolean callEnded, Optional<String> failure) {
    boolean ok() {
      return registered && callAnswered && callEnded && failure.isEmpty();
    }
  }

  private final SSLContext context;
  private final DemoPrinter printer;
  private final DemoPacing pacing;
  private boolean registered;
  private boolean callAnswered;
  private boolean callEnded;

  DemoPhone(SSLContext context, DemoPrinter printer, DemoPacing pacing) {
    this.context = context;
    this.printer = printer;
    this.pacing = pacing;
  }

  /** Runs the whole script against {@code alg}; never throws, never waits longer than the timeouts. */
  Result run(InetSocketAddress alg) {
    printer.step(ACTOR, "dialling " + DemoPki.SERVER_NAME + " over TLS at " + DemoRegistrar.hostPort(alg)
        + " (sip-alg's address) from behind a NAT (" + PRIVATE_IP + ")");
    try (SipStream stream = connect(alg)) {
      // Choreography: REGISTER once sip-alg is connected upstream, so its NAT fixup applies (see
      // DemoPacing).
      if (!pacing.awaitUpstreamConnected()) {
        return failed("sip-alg did not connect to the registrar within " + pacing.timeout().toSeconds() + " s");
      }
      register(stream, describe(stream.socket().getSession()));
      call(stream);
      printer.step(ACTOR, "hanging up the connection: close_notify sent");
      return new Result(registered, callAnswered, callEnded, Optional.empty());
    } catch (SocketTimeoutException e) {
      return failed("no answer within " + pacing.timeout().toSeconds() + " s");
    } catch (IOException | MalformedHeaderException | DemoFailure e) {
      return failed(e.getMessage());
    }
  }

  private SipStream connect(InetSocketAddress alg) throws IOException {
    int timeout = (int) pacing.timeout().toMillis();
    Socket tcp = new Socket();
    try {
      tcp.connect(alg, timeout);
      tcp.setSoTimeout(timeout);
      tcp.setTcpNoDelay(true);
      // Layered on the connected socket with the SIP domain as host: SNI and the certificate check
      // use the name the phone believes it is talking to.
      SSLSocket tls = (SSLSocket) context.getSocketFactory()
          .createSocket(tcp, DemoPki.SERVER_NAME, alg.getPort(), true);
      SSLParameters parameters = tls.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      tls.setSSLParameters(parameters);
      tls.startHandshake();
      return new SipStream(tls);
    } catch (IOException | RuntimeException e) {
      tcp.close();
      throw e;
    }
  }

  private void register(SipStream stream, String tls) throws IOException, DemoFailure {
    String request = "REGISTER sip:" + DemoPki.SERVER_NAME + " SIP/2.0\r\n"
        + "Via: SIP/2.0/TLS " + LOCAL + ";branch=z9hG4bK-demo-reg-1\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: " + FROM + "\r\n"
        + "To: \"Alice\" <sip:alice@" + DemoPki.SERVER_NAME + ">\r\n"
        + "Call-ID: reg-1f3a9c@" + PRIVATE_IP + "\r\n"
        + "CSeq: 1 REGISTER\r\n"
        + "Contact: <sip:alice@" + LOCAL + ";transport=tls>\r\n"
        + "Expires: 3600\r\n"
        + "Content-Length: 0\r\n\r\n";
    printer.step(ACTOR, "REGISTER sent (encrypted), Contact <sip:alice@" + LOCAL + ";transport=tls>", List.of(tls));
    stream.send(request);
    SipMessage response = finalResponse(stream, "REGISTER", new ArrayList<>());
    expect200(response, "REGISTER");
    registered = true;
    printer.step(ACTOR, "200 OK received: registered (Expires: " + response.headerValue("Expires") + ")");
  }

  private void call(SipStream stream) throws IOException, MalformedHeaderException, DemoFailure {
    String callId = "call-8b2e71@" + PRIVATE_IP;
    String to = "<sip:bob@" + DemoPki.SERVER_NAME + ">";
    String offer = "v=0\r\n"
        + "o=alice 2890844526 2890844526 IN IP4 " + PRIVATE_IP + "\r\n"
        + "s=sip-alg demo call\r\n"
        + "c=IN IP4 " + PRIVATE_IP + "\r\n"
        + "t=0 0\r\n"
        + "m=audio 49170 RTP/AVP 0 8\r\n"
        + "a=rtpmap:0 PCMU/8000\r\n"
        + "a=rtpmap:8 PCMA/8000\r\n";
    String invite = "INVITE sip:bob@" + DemoPki.SERVER_NAME + " SIP/2.0\r\n"
        + "Via: SIP/2.0/TLS " + LOCAL + ";branch=z9hG4bK-demo-inv-1\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: " + FROM + "\r\n"
        + "To: " + to + "\r\n"
        + "Call-ID: " + callId + "\r\n"
        + "CSeq: 1 INVITE\r\n"
        + "Contact: <sip:alice@" + LOCAL + ";transport=tls>\r\n"
        + "Content-Type: application/sdp\r\n"
        + "Content-Length: " + offer.length() + "\r\n\r\n"
        + offer;
    printer.step(ACTOR, "INVITE sip:bob@" + DemoPki.SERVER_NAME + " sent (encrypted) with an SDP offer: audio "
        + PRIVATE_IP + ":49170");
    stream.send(invite);
    List<String> provisional = new ArrayList<>();
    SipMessage answer = finalResponse(stream, "INVITE", provisional);
    expect200(answer, "INVITE");
    callAnswered = true;
    List<String> details = new ArrayList<>();
    if (!provisional.isEmpty()) {
      details.add("provisional responses first: " + String.join(", ", provisional));
    }
    details.add("SDP answer: " + DemoRegistrar.sdpSummary(answer));
    printer.step(ACTOR, "200 OK received: bob answered", details);

    String remoteTarget = answer.contacts().isEmpty() ? "sip:bob@" + DemoPki.SERVER_NAME
        : answer.contacts().get(0).uri().toString();
    String toWithTag = answer.headerValue("To");
    printer.step(ACTOR, "ACK sent (encrypted) to " + remoteTarget);
    stream.send(inDialog("ACK", remoteTarget, callId, toWithTag, 1, "z9hG4bK-demo-ack-1"));
    if (!pacing.awaitAckReceived()) {
      throw new DemoFailure("the registrar did not see the ACK within " + pacing.timeout().toSeconds() + " s");
    }
    printer.step(ACTOR, "BYE sent (encrypted): hanging up");
    stream.send(inDialog("BYE", remoteTarget, callId, toWithTag, 2, "z9hG4bK-demo-bye-1"));
    expect200(finalResponse(stream, "BYE", new ArrayList<>()), "BYE");
    callEnded = true;
    printer.step(ACTOR, "200 OK received: call ended");
  }

  private static String inDialog(
      String method, String target, String callId, String toWithTag, int cseq, String branch) {
    return method + " " + target + " SIP/2.0\r\n"
        + "Via: SIP/2.0/TLS " + LOCAL + ";branch=" + branch + "\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: " + FROM + "\r\n"
        + "To: " + toWithTag + "\r\n"
        + "Call-ID: " + callId + "\r\n"
        + "CSeq: " + cseq + " " + method + "\r\n"
        + "Content-Length: 0\r\n\r\n";
  }

  /** Reads responses until a final one, collecting the start lines of provisional ones. */
  private static SipMessage finalResponse(SipStream stream, String method, List<String> provisional)
      throws IOException, DemoFailure {
    while (true) {
      SipMessage message = stream.receive();
      if (message == null) {
        throw new DemoFailure("the connection closed while waiting for the answer to " + method);
      }
      if (!message.isResponse()) {
        throw new DemoFailure("unexpected request while waiting for the answer to " + method + ": "
            + message.startLine());
      }
      if (message.statusCode() >= 200) {
        return message;
      }
      provisional.add(message.statusCode() + " " + message.reasonPhrase());
    }
  }

  private static void expect200(SipMessage response, String method) throws DemoFailure {
    if (response.statusCode() != 200) {
      throw new DemoFailure(method + " was answered " + response.startLine());
    }
  }

  private static String describe(SSLSession session) throws IOException {
    X509Certificate server = (X509Certificate) session.getPeerCertificates()[0];
    return "TLS to \"" + DemoPki.SERVER_NAME + "\": " + session.getProtocol() + " " + session.getCipherSuite()
        + ", server certificate " + server.getSubjectX500Principal().getName()
        + " accepted (demo CA, name matches)";
  }

  private Result failed(String why) {
    return new Result(registered, callAnswered, callEnded, Optional.of(why));
  }

  /** The script cannot go on. */
  private static final class DemoFailure extends Exception {
    private static final long serialVersionUID = 1L;

    DemoFailure(String message) {
      super(message);
    }
  }
}
