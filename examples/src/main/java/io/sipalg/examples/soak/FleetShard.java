package io.sipalg.examples.soak;

import io.sipalg.parser.MalformedHeaderException;
import io.sipalg.parser.SipMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * The phones of one fleet loop: opens its share of connections at its share of the connect rate
 * (never more than its share of handshakes in flight), registers each once, then spreads its share
 * of the REGISTER rate round-robin over its registered phones, one transaction at a time per
 * phone. Every REGISTER has its own branch and CSeq; each final response is matched to its request
 * by both. Loop thread only, apart from the volatile phase.
 */
final class FleetShard implements TlsConnection.Handler {
  /** Where the whole fleet is; the controller moves it forward. */
  enum Phase { RAMP, WAIT, LOAD, DRAIN, HOLD, CLOSE }

  /** One phone: a connection, its identity and its one outstanding transaction. */
  private static final class Phone {
    final int index;
    final String user;
    final String callId;
    final String fromTag;
    TlsConnection connection;
    String contactHost;
    long startedNanos;
    boolean tcpConnected;
    boolean registered;
    boolean settled; // registered or failed: no longer counted as pending
    long cseq;
    String branch; // of the outstanding REGISTER, null when none
    long sentNanos;
    boolean overdue;
    boolean loadRequest; // the outstanding REGISTER belongs to the load phase

    Phone(int index, String runId) {
      this.index = index;
      this.user = "soak" + index;
      this.callId = "soak-" + runId + "-" + index + "@127.0.0.1";
      this.fromTag = "t" + runId + "x" + index;
    }
  }

  private record Sent(Phone phone, long cseq, long nanos) {}

  private final FleetSettings settings;
  private final SSLContext context;
  private final FleetCounters counters;
  private final int first;
  private final int stride;
  private final int share;
  private final double connectRate;
  private final double registerRate;
  private final int maxPending;
  final SoakLoop loop;

  private final ArrayDeque<Phone> handshaking = new ArrayDeque<>();
  private final ArrayDeque<Sent> inFlight = new ArrayDeque<>();
  private final List<Phone> phones = new ArrayList<>();
  private final List<Phone> ready = new ArrayList<>();
  private int cursor;
  private int startedHere;
  private int pendingHere;
  private long loadSentHere;
  private volatile Phase phase = Phase.RAMP;
  private volatile boolean rampDone;
  private volatile int openHere;
  private long rampStart;
  private long loadStart;

  FleetShard(FleetSettings settings, SSLContext context, FleetCounters counters, int first, int stride) {
    this.settings = settings;
    this.context = context;
    this.counters = counters;
    this.first = first;
    this.stride = stride;
    this.share = (settings.sessions() - first + stride - 1) / stride;
    this.connectRate = settings.connectRate() / stride;
    this.registerRate = settings.registerRate() / stride;
    this.maxPending = Math.max(1, settings.maxPending() / stride);
    this.loop = new SoakLoop("soak-fleet-" + first, 5, this::tick);
  }

  void start() {
    loop.execute(() -> rampStart = System.nanoTime());
    loop.start();
  }

  /** Every phone of this shard was started and is registered or failed. */
  boolean rampDone() {
    return rampDone;
  }

  int openConnections() {
    return openHere;
  }

  void phase(Phase next) {
    loop.execute(() -> {
      if (next == Phase.LOAD) {
        loadStart = System.nanoTime();
      }
      phase = next;
      if (next == Phase.CLOSE) {
        List.copyOf(phones).forEach(p -> {
          if (p.connection != null) {
            p.connection.close();
          }
        });
      }
    });
  }

  private void tick() {
    long now = System.nanoTime();
    if (phase == Phase.RAMP) {
      ramp(now);
    } else if (phase == Phase.LOAD) {
      load(now);
    }
    expireHandshakes(now);
    expireTransactions(now);
  }

  private void ramp(long now) {
    long allowed = Math.min(share, (long) connectionsDue((now - rampStart) / 1e9) + 1);
    while (startedHere < allowed && pendingHere < maxPending) {
      startPhone(first + startedHere * stride, now);
      startedHere++;
    }
    rampDone = startedHere == share && pendingHere == 0;
  }

  /**
   * Connections due {@code t} seconds into the ramp: the rate climbs linearly from a tenth to all
   * of it over the warm-up, so cold JVMs (three of them, JIT-compiling the EC code) are not handed
   * more handshakes than they can finish within the handshake timeouts.
   */
  private double connectionsDue(double t) {
    double w = settings.warmup().toMillis() / 1000.0;
    if (t >= w) {
      return connectRate * (t - 0.45 * w);
    }
    return connectRate * (0.1 * t + 0.45 * t * t / w);
  }

  private void startPhone(int index, long now) {
    Phone phone = new Phone(index, settings.runId());
    phone.startedNanos = now;
    phones.add(phone);
    counters.started.increment();
    pendingHere++;
    counters.pending.increment();
    InetSocketAddress source = settings.sources().isEmpty() ? null
        : new InetSocketAddress(settings.sources().get(index % settings.sources().size()), 0);
    try {
      phone.connection = TlsConnection.connect(loop,
          SoakPki.phoneEngine(context, settings.resume(), settings.target().getPort()), source,
          settings.target(), this, phone);
      handshaking.add(phone);
    } catch (IOException e) {
      counters.connectFailures.increment();
      settle(phone);
      report("connect to " + settings.target() + " failed: " + e.getMessage());
    }
  }

  private void load(long now) {
    long due = (long) ((now - loadStart) / 1e9 * registerRate);
    while (loadSentHere < due) {
      Phone phone = nextIdle();
      if (phone == null) {
        counters.loadSkipped.increment(); // every phone busy or gone: catch up on the next tick
        return;
      }
      register(phone, now);
      phone.loadRequest = true;
      loadSentHere++;
      counters.loadSent.increment();
    }
  }

  private Phone nextIdle() {
    for (int tries = 0; tries < ready.size(); tries++) {
      Phone phone = ready.get(cursor++ % ready.size());
      if (phone.branch == null && phone.connection.isOpen()) {
        return phone;
      }
    }
    return null;
  }

  private void register(Phone phone, long now) {
    phone.cseq++;
    phone.branch = "z9hG4bK-" + settings.runId() + "-" + phone.index + "-" + phone.cseq;
    phone.sentNanos = now;
    phone.overdue = false;
    phone.loadRequest = false;
    String request = "REGISTER sip:" + SoakPki.SERVER_NAME + " SIP/2.0\r\n"
        + "Via: SIP/2.0/TLS " + phone.contactHost + ";branch=" + phone.branch + ";rport\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:" + phone.user + "@" + SoakPki.SERVER_NAME + ">;tag=" + phone.fromTag + "\r\n"
        + "To: <sip:" + phone.user + "@" + SoakPki.SERVER_NAME + ">\r\n"
        + "Call-ID: " + phone.callId + "\r\n"
        + "CSeq: " + phone.cseq + " REGISTER\r\n"
        + "Contact: <sip:" + phone.user + "@" + phone.contactHost + ";transport=tls>\r\n"
        + "Expires: 3600\r\n"
        + "User-Agent: sip-alg-soak\r\n"
        + "Content-Length: 0\r\n\r\n";
    counters.sent.increment();
    counters.outstanding.increment();
    inFlight.add(new Sent(phone, phone.cseq, now));
    phone.connection.send(request.getBytes(StandardCharsets.US_ASCII));
  }

  private void expireHandshakes(long now) {
    long limit = settings.handshakeTimeoutMillis() * 1_000_000L;
    while (!handshaking.isEmpty()) {
      Phone head = handshaking.peek();
      if (head.settled || head.connection == null || head.connection.isOpen()) {
        handshaking.poll();
      } else if (now - head.startedNanos > limit) {
        handshaking.poll();
        head.connection.abort("no handshake within " + settings.handshakeTimeoutMillis() + " ms");
      } else {
        return;
      }
    }
  }

  private void expireTransactions(long now) {
    long limit = settings.answerTimeoutMillis() * 1_000_000L;
    while (!inFlight.isEmpty()) {
      Sent head = inFlight.peek();
      Phone phone = head.phone();
      boolean stillOpen = phone.branch != null && phone.cseq == head.cseq();
      if (!stillOpen) {
        inFlight.poll();
      } else if (now - head.nanos() > limit) {
        inFlight.poll();
        if (!phone.overdue) {
          phone.overdue = true;
          counters.timedOut.increment();
          if (phone.loadRequest) {
            counters.loadTimedOut.increment();
          }
        }
      } else {
        return;
      }
    }
  }

  @Override
  public void connected(TlsConnection connection) {
    Phone phone = (Phone) connection.attachment;
    phone.tcpConnected = true;
    phone.connection = connection;
  }

  @Override
  public void open(TlsConnection connection) {
    Phone phone = (Phone) connection.attachment;
    counters.handshakes.increment();
    counters.openNow.increment();
    openHere++;
    InetSocketAddress local = connection.localAddress();
    phone.contactHost = local == null ? "127.0.0.1:5061"
        : local.getAddress().getHostAddress() + ":" + local.getPort();
    register(phone, System.nanoTime());
  }

  @Override
  public void message(TlsConnection connection, SipMessage message) {
    Phone phone = (Phone) connection.attachment;
    if (message.isRequest()) {
      counters.unexpectedRequests.increment();
      return;
    }
    long now = System.nanoTime();
    String branch;
    long cseq;
    try {
      branch = message.topVia().branch();
      cseq = message.cseq().number();
    } catch (MalformedHeaderException e) {
      counters.unmatched.increment();
      return;
    }
    if (phone.branch == null || !phone.branch.equals(branch) || phone.cseq != cseq) {
      counters.unmatched.increment();
      report(phone.user + ": response " + message.startLine() + " (branch " + branch + ", CSeq " + cseq
          + ") matches no outstanding REGISTER");
      return;
    }
    if (message.statusCode() < 200) {
      counters.provisional.increment();
      return;
    }
    phone.branch = null;
    counters.outstanding.decrement();
    counters.answered.increment();
    (phone.loadRequest ? counters.loadLatency : counters.rampLatency).record(now - phone.sentNanos);
    if (phone.overdue) {
      counters.late.increment();
    }
    if (message.statusCode() != 200) {
      counters.non200.increment();
      report(phone.user + ": REGISTER answered " + message.startLine());
      return;
    }
    counters.ok.increment();
    if (!phone.registered) {
      phone.registered = true;
      counters.registered.increment();
      ready.add(phone);
      settle(phone);
    }
  }

  @Override
  public void closed(TlsConnection connection, String reason, boolean byUs, boolean whileOpen) {
    Phone phone = (Phone) connection.attachment;
    if (whileOpen) {
      counters.openNow.decrement();
      openHere--;
    }
    if (phone.branch != null) {
      phone.branch = null; // never answered now: counted as lost (sent - answered)
      counters.outstanding.decrement();
    }
    if (byUs) {
      counters.closedByUs.increment();
    } else if (!phone.tcpConnected) {
      counters.connectFailures.increment();
      report(phone.user + ": connect failed: " + reason);
    } else if (!whileOpen) {
      counters.handshakeFailures.increment();
      report(phone.user + ": handshake failed: " + reason);
    } else {
      counters.unexpectedCloses.increment();
      report(phone.user + ": connection closed unexpectedly: " + reason);
    }
    settle(phone);
  }

  private void settle(Phone phone) {
    if (!phone.settled) {
      phone.settled = true;
      pendingHere--;
      counters.pending.decrement();
    }
  }

  private void report(String problem) {
    settings.problems().report(problem);
  }
}
