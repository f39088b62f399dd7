package io.sipalg.tls.session;

import io.sipalg.api.inspect.SipInspector;
import io.sipalg.api.session.AlgEventListener;
import io.sipalg.api.session.AlgSession;
import io.sipalg.tls.SessionLimits;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * What the sessions of one ALG instance share: limits, time sources, the listener, how delegated
 * TLS tasks run, upstream options, and where to report statistics.
 *
 * @param limits time and memory bounds
 * @param clock wall clock for events
 * @param ticker monotonic nanoseconds for deadlines
 * @param listener the host's event listener
 * @param taskExecutor where delegated TLS tasks run; empty = inline on the driving thread
 * @param wakeUp called (on the executor's thread) when a session's delegated task is done, so the
 *     host can tick the session on its own thread
 * @param eagerUpstream ask for the upstream connection at once instead of after the phone handshake
 * @param upstreamServerName SNI and verified name for the server leg; empty = copy the phone's SNI
 * @param statistics counters across sessions
 */
record SessionEnvironment(
    SessionLimits limits,
    Clock clock,
    LongSupplier ticker,
    AlgEventListener listener,
    Optional<Executor> taskExecutor,
    Consumer<AlgSession> wakeUp,
    boolean eagerUpstream,
    Optional<String> upstreamServerName,
    Statistics statistics) {

  /** The inspector and TLS material of one profile, resolved when a session is created. */
  record ProfileBinding(ProfileTls tls, SipInspector inspector) {}
}
