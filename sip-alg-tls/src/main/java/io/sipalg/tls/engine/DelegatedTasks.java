package io.sipalg.tls.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import javax.net.ssl.SSLEngine;

/**
 * Runs an engine's delegated tasks (key generation, certificate checks: the slow parts of a
 * handshake) inline, or on the host's executor so the thread driving many legs never blocks on
 * one of them. In the second case the leg waits ({@link #inFlight()}) until the executor's thread
 * has run them and called the host back; the host then resumes the leg on its own thread.
 */
final class DelegatedTasks {
  private final Executor executor;
  private final Runnable onDone;
  private volatile boolean inFlight;
  private volatile RuntimeException error;

  /**
   * @param executor where tasks run, or {@code null} to run them inline
   * @param onDone called on the executor's thread after its tasks ran (with an executor only)
   */
  DelegatedTasks(Executor executor, Runnable onDone) {
    this.executor = executor;
    this.onDone = onDone;
  }

  /** Whether tasks handed to the executor have not finished yet. */
  boolean inFlight() {
    return inFlight;
  }

  /** The exception a task threw on the executor, once; {@code null} when none did. */
  RuntimeException takeError() {
    RuntimeException e = error;
    if (e != null) {
      error = null;
    }
    return e;
  }

  /**
   * Runs every task the engine has now: returns {@code true} when they ran inline (the engine can
   * go on), {@code false} when they went to the executor (wait for the callback). An executor
   * that refuses them (shutting down) gets them run inline instead.
   */
  boolean runAll(SSLEngine engine) {
    List<Runnable> tasks = new ArrayList<>();
    for (Runnable t = engine.getDelegatedTask(); t != null; t = engine.getDelegatedTask()) {
      tasks.add(t);
    }
    if (executor == null || tasks.isEmpty()) {
      tasks.forEach(Runnable::run);
      return true;
    }
    inFlight = true;
    try {
      executor.execute(() -> {
        try {
          tasks.forEach(Runnable::run);
        } catch (RuntimeException e) {
          error = e;
        } finally {
          inFlight = false;
          onDone.run();
        }
      });
      return false;
    } catch (RejectedExecutionException e) {
      inFlight = false;
      tasks.forEach(Runnable::run);
      return true;
    }
  }
}
