package io.sipalg.examples.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A failing {@code accept} (EMFILE) with a connection waiting in the backlog: the loop must pause
 * accepting rather than retry on every select. Time is a fake ticker; "the loop went round" is a
 * task run on it, so nothing here waits on wall-clock time.
 */
class AcceptorTest {
  private static final long MS = 1_000_000;

  private final AtomicLong clock = new AtomicLong();
  private final EventLoop loop = new EventLoop("acceptor-test", clock::get);
  private final Thread thread = new Thread(loop, "acceptor-test");
  private final AtomicInteger attempts = new AtomicInteger();
  private final AtomicBoolean outOfFileDescriptors = new AtomicBoolean(true);
  private final CountDownLatch firstAttempt = new CountDownLatch(1);
  private final BlockingQueue<Acceptor.Accepted> accepted = new LinkedBlockingQueue<>();
  private ServerSocketChannel server;

  @BeforeEach
  void listen() throws Exception {
    thread.start();
    server = ServerSocketChannel.open();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    server.configureBlocking(false);
    Acceptor acceptor = new Acceptor(() -> {
      attempts.incrementAndGet();
      firstAttempt.countDown();
      if (outOfFileDescriptors.get()) {
        throw new IOException("Too many open files");
      }
      return server.accept();
    }, List.of(loop), accepted::add);
    onLoop(() -> server.register(loop.selector(), SelectionKey.OP_ACCEPT, acceptor));
  }

  @AfterEach
  void stop() throws Exception {
    loop.stop();
    thread.join(10_000);
    server.close();
  }

  @Test
  void aFailedAcceptPausesTheListenerInsteadOfSpinning() throws Exception {
    try (SocketChannel phone = SocketChannel.open(server.getLocalAddress())) {
      assertThat(phone.isConnected()).isTrue(); // in the listener's backlog, not accepted yet
      assertThat(firstAttempt.await(10, TimeUnit.SECONDS)).isTrue();
      goRound(20);
      assertThat(attempts).as("the backlog stays ready; the loop must not retry at once").hasValue(1);

      clock.addAndGet(Acceptor.FIRST_PAUSE_MILLIS * MS - 1);
      goRound(5);
      assertThat(attempts).as("still within the pause").hasValue(1);

      outOfFileDescriptors.set(false);
      clock.addAndGet(1);
      goRound(1);
      Acceptor.Accepted first = accepted.poll(10, TimeUnit.SECONDS);
      assertThat(first).isNotNull();
      assertThat(first.loop()).isSameAs(loop);
      first.channel().close();
    }
  }

  @Test
  void thePauseDoublesWhileAcceptKeepsFailing() throws Exception {
    try (SocketChannel phone = SocketChannel.open(server.getLocalAddress())) {
      assertThat(phone.isConnected()).isTrue();
      assertThat(firstAttempt.await(10, TimeUnit.SECONDS)).isTrue();
      goRound(1); // the attempt counts before the failure is handled: let the loop finish it
      clock.addAndGet(Acceptor.FIRST_PAUSE_MILLIS * MS);
      goRound(1);
      awaitAttempts(2); // the first pause ended, the retry failed: now twice as long

      clock.addAndGet(2 * Acceptor.FIRST_PAUSE_MILLIS * MS - 1);
      goRound(5);
      assertThat(attempts).hasValue(2);
      clock.addAndGet(1);
      goRound(1);
      awaitAttempts(3);

      for (int i = 0; i < 10; i++) { // 200, 400, 800 ms, then capped at MAX_PAUSE_MILLIS
        clock.addAndGet(Acceptor.MAX_PAUSE_MILLIS * MS);
        goRound(1);
        awaitAttempts(4 + i);
      }
      clock.addAndGet(Acceptor.MAX_PAUSE_MILLIS * MS - 1);
      goRound(5);
      assertThat(attempts).as("the pause never grows past the maximum, nor retries early")
          .hasValue(13);

      outOfFileDescriptors.set(false);
      clock.addAndGet(1);
      goRound(1);
      Acceptor.Accepted connection = accepted.poll(10, TimeUnit.SECONDS);
      assertThat(connection).isNotNull();
      connection.channel().close();
    }
  }

  /** Lets the loop run {@code rounds} iterations (each runs one task, then its timers). */
  private void goRound(int rounds) throws Exception {
    for (int i = 0; i < rounds; i++) {
      onLoop(() -> { });
    }
  }

  /**
   * Waits for the loop to make its {@code n}th attempt (it retries as soon as a pause ends) and
   * to finish handling it: the attempt counts before the failure is handled (and its pause timed
   * from the clock), and one more round runs after that on the loop's thread.
   */
  private void awaitAttempts(int n) throws Exception {
    for (int i = 0; i < 10_000 && attempts.get() < n; i++) {
      goRound(1);
    }
    goRound(1);
    assertThat(attempts).hasValue(n);
  }

  private void onLoop(ThrowingRunnable task) throws Exception {
    CompletableFuture<Void> done = new CompletableFuture<>();
    loop.execute(() -> {
      try {
        task.run();
        done.complete(null);
      } catch (Exception e) {
        done.completeExceptionally(e);
      }
    });
    done.get(10, TimeUnit.SECONDS);
  }

  private interface ThrowingRunnable {
    void run() throws Exception;
  }
}
