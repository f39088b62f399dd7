package io.sipalg.examples.demo;

import io.sipalg.parser.ResponseBuilder;
import io.sipalg.parser.SipMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * The demo's SIP server: a tiny TLS registrar and user agent for {@code bob} on 127.0.0.1, on an
 * ephemeral port, with plain JDK {@link SSLServerSocket}s on its own thread. It requires a client
 * certificate from the demo CA (sip-alg's), serves one connection at a time and answers:
 *
 * <ul>
 *   <li>REGISTER with 200 OK (the Contact echoed with its expiry, and Expires);
 *   <li>INVITE with 100 Trying, 180 Ringing and 200 OK carrying an SDP answer;
 *   <li>ACK silently; BYE with 200 OK; any other request with 501 Not Implemented.
 * </ul>
 *
 * It prints what it received, as it received it (after the ALG re-encrypted it), so the output shows
 * the NAT fixup from the server's side.
 */
final class DemoRegistrar implements AutoCloseable {
  private static final String ACTOR = "registrar";
  private static final String TO_TAG = "bob-7d1e";
  private static final int EXPIRES = 3600;

  private final SSLServerSocket server;
  private final DemoPrinter printer;
  private final DemoPacing pacing;
  private final Thread thread;
  private final AtomicReference<SSLSocket> current = new AtomicReference<>();
  private final List<String> problems = new ArrayList<>();
  private volatile boolean stopping;

  private DemoRegistrar(SSLContext context, DemoPrinter printer, DemoPacing pacing) throws IOException {
    this.printer = printer;
    this.pacing = pacing;
    this.server = (SSLServerSocket) context.getServerSocketFactory()
        .createServerSocket(0, 16, InetAddress.getLoopbackAddress());
    server.setNeedClientAuth(true);
    this.thread = new Thread(this::serve, "demo-registrar");
    thread.setDaemon(true);
  }

  /** Listens on 127.0.0.1, on an ephemeral port, and starts serving on its own thread. */
  static DemoRegistrar start(SSLContext context, DemoPrinter printer, DemoPacing pacing)
      throws IOException {
    DemoRegistrar registrar = new DemoRegistrar(context, printer, pacing);
    registrar.thread.start();
    return registrar;
  }

  /** Where it listens. */
  InetSocketAddress address() {
    return (InetSocketAddress) server.getLocalSocketAddress();
  }

  /** What went wrong on its side, if anything (empty after a clean run). */
  synchronized List<String> problems() {
    return List.copyOf(problems);
  }

  /** Stops listening, closes the current connection and waits (bounded) for the thread to end. */
  @Override
  public void close() {
    stopping = true;
    closeQuietly(server);
    SSLSocket socket = current.get();
    if (socket != null) {
      closeQuietly(socket);
    }
    thread.interrupt(); // it may be waiting for the pacing to let it answer a handshake
    try {
      thread.join(pacing.timeout().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void serve() {
    while (!stopping) {
      SSLSocket socket;
      try {
        socket = (SSLSocket) server.accept();
      } catch (IOException e) {
        if (!stopping) {
          problem("accept failed: " + e.getMessage());
        }
        return;
      }
      current.set(socket);
      try {
        if (!stopping) { // else close() may have looked before the socket was set
          socket.setSoTimeout((int) pacing.timeout().toMillis());
          serve(new SipStream(socket));
        }
      } catch (IOException e) {
        if (!stopping) {
          problem("connection failed: " + e);
        }
      } finally {
        current.set(null);
        closeQuietly(socket);
      }
    }
  }

  private void serve(SipStream stream) throws IOException {
    // Choreography, not protocol: sip-alg's ClientHello waits in the socket until the REGISTER it
    // is holding for us has been inspected, so the output follows the seed's order every time.
    pacing.awaitRegisterInspected();
    stream.socket().startHandshake();
    String tls = describe(stream.socket().getSession());
    for (SipMessage message; (message = stream.receive()) != null; ) {
      handle(stream, message, tls);
      tls = null;
    }
    // close_notify from sip-alg: our own goes out when the caller closes the socket, after this
    // line (so it comes before sip-alg's report of the closed session).
    printer.step(ACTOR, "close_notify received from sip-alg, connection closed");
  }

  private void handle(SipStream stream, SipMessage request, String tls) throws IOException {
    List<String> details = new ArrayList<>();
    if (tls != null) {
      details.add(tls);
    }
    if (!request.isRequest()) {
      details.add("unexpected response ignored: " + request.startLine());
      printer.step(ACTOR, request.startLine() + " received", details);
      return;
    }
    String method = request.method();
    switch (method) {
      case "REGISTER" -> {
        String contact = request.headerValue("Contact");
        details.add("Via: " + request.headerValue("Via"));
        details.add("Contact: " + contact + "  (the address bound for alice)");
        printer.step(ACTOR, "REGISTER received, 200 OK sent (Expires: " + EXPIRES + ")", details);
        stream.send(ResponseBuilder.to(request).status(200).toTag(TO_TAG)
            .header("Contact", contact + ";expires=" + EXPIRES)
            .header("Expires", Integer.toString(EXPIRES))
            .build());
      }
      case "INVITE" -> {
        details.add("SDP offer as received: " + sdpSummary(request));
        printer.step(ACTOR, "INVITE received, 100 Trying, 180 Ringing and 200 OK with an SDP answer sent",
            details);
        stream.send(ResponseBuilder.to(request).status(100).build());
        stream.send(ResponseBuilder.to(request).status(180).toTag(TO_TAG).build());
        stream.send(ResponseBuilder.to(request).status(200).toTag(TO_TAG)
            .header("Contact", "<sip:bob@" + hostPort(address()) + ";transport=tls>")
            .body("application/sdp", answer().getBytes(StandardCharsets.UTF_8))
            .build());
      }
      case "ACK" -> {
        printer.step(ACTOR, "ACK received: the call is up", details);
        pacing.ackReceived();
      }
      case "BYE" -> {
        printer.step(ACTOR, "BYE received, 200 OK sent: the call is over", details);
        stream.send(ResponseBuilder.to(request).status(200).build());
      }
      default -> {
        printer.step(ACTOR, method + " received, 501 Not Implemented sent", details);
        stream.send(ResponseBuilder.to(request).status(501).build());
      }
    }
  }

  /** bob's SDP answer: audio on the registrar's host. */
  private String answer() {
    String ip = address().getAddress().getHostAddress();
    return "v=0\r\n"
        + "o=bob 2890844527 2890844527 IN IP4 " + ip + "\r\n"
        + "s=sip-alg demo call\r\n"
        + "c=IN IP4 " + ip + "\r\n"
        + "t=0 0\r\n"
        + "m=audio 30000 RTP/AVP 0\r\n"
        + "a=rtpmap:0 PCMU/8000\r\n";
  }

  /** The SDP lines that carry addresses (c=, m=, o=) and the NAT trace (i=), joined. */
  static String sdpSummary(SipMessage message) {
    List<String> lines = new ArrayList<>();
    for (String line : new String(message.body(), StandardCharsets.UTF_8).split("\r?\n")) {
      if (line.startsWith("o=") || line.startsWith("c=") || line.startsWith("m=") || line.startsWith("i=")) {
        lines.add(line);
      }
    }
    return lines.isEmpty() ? "(none)" : String.join(" | ", lines);
  }

  private static String describe(SSLSession session) throws IOException {
    X509Certificate client = (X509Certificate) session.getPeerCertificates()[0];
    return "TLS from sip-alg: " + session.getProtocol() + " " + session.getCipherSuite() + ", "
        + sni(session) + ", client certificate " + client.getSubjectX500Principal().getName()
        + " verified against the demo CA";
  }

  private static String sni(SSLSession session) {
    if (session instanceof ExtendedSSLSession extended) {
      for (SNIServerName name : extended.getRequestedServerNames()) {
        if (name instanceof SNIHostName host) {
          return "SNI " + host.getAsciiName();
        }
      }
    }
    return "no SNI";
  }

  static String hostPort(InetSocketAddress address) {
    return address.getAddress().getHostAddress() + ":" + address.getPort();
  }

  private synchronized void problem(String text) {
    problems.add(text);
  }

  private static void closeQuietly(java.io.Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException | RuntimeException e) {
      // closing on the way out: nothing more to do with it
    }
  }
}
