package io.sipalg.examples.demo;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The few hand-offs that make the demo print the seed's sequence in the same order on every run.
 * The phone, the registrar and the ALG's event loop run concurrently; where SIP itself does not
 * order them (the phone waits for each response anyway), these latches do:
 *
 * <ul>
 *   <li>the phone sends its REGISTER once sip-alg has connected to the registrar, so the NAT
 *       fixup has the ALG's outside address to write (sip-alg inspects a message when it arrives,
 *       and translates nothing before the upstream connection exists);
 *   <li>the registrar answers sip-alg's TLS handshake once sip-alg has inspected that REGISTER, so
 *       the server-side handshake comes after the decrypted REGISTER, as in the seed's diagram;
 *   <li>the phone hangs up once the registrar has seen the ACK (a call that was really set up);
 *   <li>the script waits for sip-alg's end of the session before it stops everything.
 * </ul>
 *
 * Every wait is bounded by the same timeout and reports whether the hand-off happened.
 */
final class DemoPacing {
  private final Duration timeout;
  private final CountDownLatch upstreamConnected = new CountDownLatch(1);
  private final CountDownLatch registerInspected = new CountDownLatch(1);
  private final CountDownLatch ackReceived = new CountDownLatch(1);
  private final CountDownLatch sessionClosed = new CountDownLatch(1);

  DemoPacing(Duration timeout) {
    this.timeout = timeout;
  }

  Duration timeout() {
    return timeout;
  }

  void upstreamConnected() {
    upstreamConnected.countDown();
  }

  boolean awaitUpstreamConnected() {
    return await(upstreamConnected);
  }

  void registerInspected() {
    registerInspected.countDown();
  }

  boolean awaitRegisterInspected() {
    return await(registerInspected);
  }

  void ackReceived() {
    ackReceived.countDown();
  }

  boolean awaitAckReceived() {
    return await(ackReceived);
  }

  void sessionClosed() {
    sessionClosed.countDown();
  }

  boolean awaitSessionClosed() {
    return await(sessionClosed);
  }

  private boolean await(CountDownLatch latch) {
    try {
      return latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
