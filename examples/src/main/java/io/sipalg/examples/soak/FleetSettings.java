package io.sipalg.examples.soak;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How the phone fleet runs.
 *
 * @param target the runner's phone-facing address
 * @param sources local addresses to bind round-robin (empty: the kernel chooses)
 * @param sessions connections to open and hold
 * @param connectRate new connections per second during the ramp
 * @param warmup the connect rate climbs from a tenth to {@code connectRate} over this
 * @param maxPending connections at most between connect and their first 200 OK
 * @param registerRate REGISTERs per second during the load phase
 * @param duration length of the load phase
 * @param resume whether phones may resume TLS sessions (false: a full handshake each)
 * @param handshakeTimeoutMillis a connection not through its handshake by then is dropped
 * @param answerTimeoutMillis a REGISTER not answered by then counts as timed out
 * @param rampTimeout the ramp ends by then even if sessions are missing
 * @param controlDir where the fleet hands over to the soak script, or null to run straight through
 * @param holdTimeout the longest the fleet holds its sessions after the load for the script
 * @param runId makes Call-IDs, tags and branches unique to this run
 * @param problems where problems are reported
 */
record FleetSettings(
    InetSocketAddress target,
    List<InetAddress> sources,
    int sessions,
    double connectRate,
    Duration warmup,
    int maxPending,
    double registerRate,
    Duration duration,
    boolean resume,
    long handshakeTimeoutMillis,
    long answerTimeoutMillis,
    Duration rampTimeout,
    Path controlDir,
    Duration holdTimeout,
    String runId,
    Problems problems) {}
