package io.sipalg.inspect;

import io.sipalg.api.VoipProfile;
import io.sipalg.api.inspect.AttributeKey;
import io.sipalg.api.inspect.InspectionContext;
import io.sipalg.api.session.Pinhole;
import io.sipalg.api.session.SessionAddresses;
import io.sipalg.parser.MalformedHeaderException;
import io.sipalg.parser.NameAddress;
import io.sipalg.parser.SipMessage;
import io.sipalg.parser.Via;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the standard inspectors remember about one session: its dialogs, registrations and the NAT
 * mappings needed to translate responses back. Kept in the session's attributes and registered
 * with {@link InspectorServices} so housekeeping can expire it; every method locks the state, since
 * housekeeping may run on another thread than the session.
 */
final class SessionState {
  private long lastExpiryWalkNanos = Long.MIN_VALUE;
  static final AttributeKey<SessionState> KEY = AttributeKey.of("sip-alg-inspect", SessionState.class);
  /** Bounds on per-session tables: a session cannot grow memory without limit. */
  static final int MAX_DIALOGS_PER_SESSION = 1024;
  static final int MAX_NAT_ENTRIES = 512;

  private final InspectorServices services;
  private final VoipProfile profile;
  private final String sessionId;
  private final Map<String, Dialog> dialogs = new LinkedHashMap<>();
  private final Map<String, Registration> registrations = new LinkedHashMap<>();
  /** The same registrations by Call-ID: responses are matched by it, on every 200 OK. */
  private final Map<String, Registration> registrationsByCallId = new java.util.HashMap<>();
  /** Top-Via branch of a NATed request -> the sent-by the phone wrote. */
  final Map<String, String> viaByBranch = lru(MAX_NAT_ENTRIES);
  /** Call-ID as forwarded to the server -> Call-ID as the phone wrote it. */
  final Map<String, String> callIdAlias = lru(MAX_NAT_ENTRIES);
  /** Original Call-ID -> the phone's own addresses before NAT (From, Contact). */
  final Map<String, NatRecord> natRecords = lru(MAX_NAT_ENTRIES);
  private boolean closed;
  /** The Contact host:port of the phone's last REGISTER, as it wrote it. */
  private String registeredContact;
  /**
   * The Contact each user part registered (as host:port before NAT): the ALG writes the same
   * outside address into every Contact of a connection, so with several users registered over it
   * (an IP-PBX or proxy behind the ALG) only the user part tells them apart.
   */
  private final Map<String, String> registeredByUser = lru(MAX_NAT_ENTRIES);
  /**
   * The host:port values this session wrote as {@code register-contact-trace} parameters: a
   * Request-URI or a REGISTER answer's Contact carrying one of them names exactly the binding
   * it came from (several devices of one user registered over one connection differ only there).
   * Only the values the ALG itself added count; a parameter the phone side wrote is not ours.
   */
  private final Map<String, Boolean> tracedContacts = lru(MAX_NAT_ENTRIES);

  /** The key of a Via in {@link #viaByBranch}: its branch, else its RFC 2543 transaction. */
  static String viaKey(Via via, String callId, SipMessage m) throws MalformedHeaderException {
    if (via.branch() != null && !via.branch().isEmpty()) {
      return via.branch();
    }
    // RFC 2543 transactions (rfc2543-branch): Call-ID, CSeq number and sent-by identify them.
    return "2543:" + callId + " " + (m.cseq() == null ? "" : m.cseq().number());
  }

  /** The phone's addresses in one call, as written before NAT, to translate back exactly. */
  static final class NatRecord {
    String fromHostPort;
    /** The phone's latest Contact in this call (any of its dialogs). */
    String contactHostPort;
    /**
     * The phone's Contact per dialog, by the phone's own tag: a call forked to several devices
     * behind one connection has one dialog per device under one Call-ID (both may answer; the
     * caller then ACKs and BYEs each), and a request in one must reach that device.
     */
    final Map<String, String> contactByPhoneTag = lru(MAX_DIALOGS_PER_CALL);
    /**
     * The call's first request came from the server side: its Call-ID, From and To are the
     * caller's, so they are left as the caller wrote them in both directions.
     */
    boolean serverOriginated;
    /**
     * The top Via branch of the server's latest INVITE and the phone address its Request-URI was
     * translated to: a CANCEL or a non-2xx ACK of that transaction must get the same Request-URI
     * (RFC 3261 9.1, 17.1.1.3), whatever Contact the phone answered with meanwhile.
     */
    String inviteBranch;
    String inviteTarget;
    /**
     * Record-Route hops (host:port) seen coming from the server side in this call: the route set
     * is theirs, so the phone's Route and echoed Record-Route naming them are left alone even when
     * they look like the phone's address (hosted-nat-traversal counts every private literal).
     */
    final Set<String> serverHops = new HashSet<>(4);

    /**
     * The phone's tag in a message (the key of {@link #contactByPhoneTag}): From's in the phone's
     * requests and the server's responses, To's in the others; null when absent or unreadable (a
     * malformed header the profile let pass must not stop the translation: the call's latest
     * Contact is used then).
     */
    static String phoneTag(SipMessage m, boolean fromPhone) {
      try {
        NameAddress own = m.isRequest() == fromPhone ? m.from() : m.to();
        return own == null ? null : own.tag();
      } catch (MalformedHeaderException e) {
        return null;
      }
    }
  }

  /** At most this many dialogs of one call keep their own Contact (forks to devices behind one connection). */
  static final int MAX_DIALOGS_PER_CALL = 8;

  /** At most this many server-side hops are remembered per call (a route set is a few entries). */
  static final int MAX_SERVER_HOPS = 16;

  private SessionState(InspectorServices services, VoipProfile profile, String sessionId) {
    this.services = services;
    this.profile = profile;
    this.sessionId = sessionId;
  }

  /** The session's state, created and registered on first use. */
  static SessionState of(InspectionContext context, InspectorServices services) {
    SessionState state = context.attributes().get(KEY);
    if (state == null) {
      state = new SessionState(services, context.profile(), context.sessionId());
      context.attributes().put(KEY, state);
      services.register(state);
    }
    return state;
  }

  /** The session's state if it has any. */
  static SessionState peek(InspectionContext context) {
    return context.attributes().get(KEY);
  }

  String sessionId() {
    return sessionId;
  }

  /**
   * The session's socket addresses in the text forms NAT writes into messages. Formatting an
   * address allocates (a builder, arrays, a string) and NAT needs three per message, but they
   * change only when the session's addresses do (once, when the upstream connection exists).
   */
  record AddressTexts(SessionAddresses source, InetSocketAddress outside, String insideIp,
      String outsideHost, String outsideIp, String outsideSdpType, String serverIp) {
    /** Requires the upstream side: NAT runs only once the upstream connection exists. */
    static AddressTexts of(SessionAddresses source) {
      InetSocketAddress outside = source.algOutside().orElseThrow();
      return new AddressTexts(source, outside, Net.ip(source.phone()), Net.uriHost(outside),
          Net.ip(outside), Net.sdpAddrType(outside),
          Net.serverIp(source));
    }
  }

  private AddressTexts addressTexts;

  /** {@link AddressTexts} of {@code addresses} (which must have the upstream side), cached. */
  synchronized AddressTexts addressTexts(SessionAddresses addresses) {
    AddressTexts texts = addressTexts;
    if (texts == null || texts.source() != addresses) { // addresses are immutable values
      texts = AddressTexts.of(addresses);
      addressTexts = texts;
    }
    return texts;
  }

  VoipProfile profile() {
    return profile;
  }

  private static <K, V> Map<K, V> lru(int max) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > max;
      }
    };
  }

  synchronized void registeredContact(String user, String hostPort) {
    registeredContact = hostPort;
    registeredByUser.put(user == null ? "" : user, hostPort);
  }

  /** The Contact {@code user} registered, else the one registered last (or null). */
  synchronized String registeredContact(String user) {
    String own = registeredContactOf(user);
    return own != null ? own : registeredContact;
  }

  /** The Contact {@code user} registered over this session, or null. */
  synchronized String registeredContactOf(String user) {
    return registeredByUser.get(user == null ? "" : user);
  }

  /** Notes a {@code register-contact-trace} parameter value this session wrote. */
  synchronized void tracedContact(String hostPort) {
    tracedContacts.put(hostPort, Boolean.TRUE);
  }

  /** Whether {@code hostPort} is a {@code register-contact-trace} value this session wrote. */
  synchronized boolean isTracedContact(String hostPort) {
    return hostPort != null && tracedContacts.containsKey(hostPort);
  }

  /** The Call-ID as the phone wrote it (undoes Call-ID NAT for messages from the server). */
  synchronized String canonicalCallId(String callId) {
    String original = callIdAlias.get(callId);
    return original == null ? callId : original;
  }

  /** Marks every dialog as active at {@code now} (a keepalive the ALG itself absorbs). */
  synchronized void touchAll(long now) {
    for (Dialog d : dialogs.values()) {
      d.lastActivityNanos = now;
    }
  }

  synchronized Dialog dialog(String callId) {
    return dialogs.get(callId);
  }

  synchronized int dialogCount() {
    return dialogs.size();
  }

  /** Adds a dialog already counted against {@code max-dialogs}; false when the session is full. */
  synchronized boolean addDialog(Dialog dialog) {
    if (closed || dialogs.size() >= MAX_DIALOGS_PER_SESSION) {
      return false;
    }
    dialogs.put(dialog.callId, dialog);
    return true;
  }

  synchronized Registration registration(String aor) {
    return registrations.get(aor);
  }

  synchronized Registration registrationByCallId(String callId) {
    return registrationsByCallId.get(callId);
  }

  synchronized Registration addRegistration(String aor, String callId) {
    Registration r = registrations.get(aor);
    if (r == null || !r.callId.equals(callId)) {
      if (registrations.size() >= MAX_DIALOGS_PER_SESSION) {
        return null;
      }
      r = new Registration(aor, callId);
      Registration old = registrations.put(aor, r);
      if (old != null) {
        r.pinholes.putAll(old.pinholes);
        registrationsByCallId.remove(old.callId, old);
      }
      registrationsByCallId.put(callId, r);
    }
    return r;
  }

  synchronized void removeRegistration(Registration r, Reporter reporter) {
    registrations.remove(r.aor, r);
    registrationsByCallId.remove(r.callId, r);
    closeAll(r.pinholes, reporter);
  }

  /** Ends a dialog: closes its pinholes, releases its {@code max-dialogs} slot, logs the call. */
  synchronized void finish(Dialog d, String result, Reporter reporter) {
    if (dialogs.remove(d.callId, d)) {
      closeAll(d.pinholes, reporter);
      releaseMediaPorts(d);
      services.releaseDialog(profile.name());
      reporter.note("dialog: " + d.id() + " ended (" + result + ")");
      if (d.kind == Dialog.Kind.INVITE && profile.logCallSummary()) {
        services.log.callSummary(sessionId, new InspectionLog.CallRecord(
            d.callId, d.from, d.to, d.start, d.answer, reporter.now(), result));
      }
    }
  }

  /** Gives a dialog's outside media ports ({@code nat-port-range}) back to the shared allocator. */
  synchronized void releaseMediaPorts(Dialog d) {
    for (int port : d.natPorts.values()) {
      services.mediaPorts().release(port);
    }
    d.natPorts.clear();
  }

  /** Opens, moves or keeps the pinhole in {@code slot} of an owner's pinhole map. */
  synchronized void putPinhole(Map<String, Pinhole> owner, String slot, Pinhole pinhole,
      Reporter reporter) {
    Pinhole old = owner.get(slot);
    if (pinhole.equals(old)) {
      return;
    }
    if (old != null) { // moved, or its translation, source or IPS hand-off changed
      owner.put(slot, pinhole);
      reporter.pinhole(Pinhole.Change.UPDATE, pinhole);
    } else {
      owner.put(slot, pinhole);
      reporter.pinhole(Pinhole.Change.OPEN, pinhole);
    }
  }

  synchronized void closePinhole(Map<String, Pinhole> owner, String slot, Reporter reporter) {
    Pinhole old = owner.remove(slot);
    if (old != null) {
      reporter.pinhole(Pinhole.Change.CLOSE, old);
    }
  }

  private static void closeAll(Map<String, Pinhole> pinholes, Reporter reporter) {
    for (Pinhole p : pinholes.values()) {
      reporter.pinhole(Pinhole.Change.CLOSE, p);
    }
    pinholes.clear();
  }

  /**
   * Expires what is due at {@code now}: INVITEs without a final response after
   * {@code provisional-invite-expiry-time}, calls without media silent for {@code call-keepalive}
   * minutes, ended subscriptions and registrations, and idle dialogs beyond
   * {@code max-idle-dialogs}.
   *
   * @return how many dialogs and registrations were expired
   */
  /**
   * {@link #expire} on the message path, at most once a second: a session with many registrations
   * (one connection carrying a whole site's REGISTERs) would otherwise walk all of them for every
   * message. Expiry times are in seconds, so a second of lateness changes nothing.
   */
  synchronized int expireAtMostEverySecond(long now, Reporter reporter) {
    if (now - lastExpiryWalkNanos < 1_000_000_000L && lastExpiryWalkNanos != Long.MIN_VALUE) {
      return 0;
    }
    lastExpiryWalkNanos = now;
    return expire(now, reporter);
  }

  synchronized int expire(long now, Reporter reporter) {
    int expired = 0;
    long provisional = profile.provisionalInviteExpiryTime() * 1_000_000_000L;
    long keepalive = profile.callKeepalive() * 60_000_000_000L;
    List<Dialog> idle = new ArrayList<>();
    for (Dialog d : dialogs.isEmpty() ? List.<Dialog>of() : new ArrayList<>(dialogs.values())) {
      if (d.state == Dialog.State.EARLY && now - d.createdNanos >= provisional) {
        finish(d, "expired: no final response within provisional-invite-expiry-time", reporter);
        expired++;
      } else if (d.kind == Dialog.Kind.SUBSCRIBE && now >= d.expiresAtNanos) {
        finish(d, "subscription expired", reporter);
        expired++;
      } else if (d.kind == Dialog.Kind.INVITE && d.state == Dialog.State.CONFIRMED
          && keepalive > 0 && !d.hasMedia() && now - d.lastActivityNanos >= keepalive) {
        finish(d, "expired: no RTP and no SIP for call-keepalive", reporter);
        expired++;
      } else if (d.state == Dialog.State.CONFIRMED
          && now - d.lastActivityNanos >= services.dialogIdleNanos()) {
        idle.add(d);
      }
    }
    long maxIdle = profile.maxIdleDialogs();
    if (maxIdle > 0 && idle.size() > maxIdle) {
      idle.sort((a, b) -> Long.compare(a.lastActivityNanos, b.lastActivityNanos));
      for (int i = 0; i < idle.size() - maxIdle; i++) {
        Dialog d = idle.get(i);
        reporter.violation("max-idle-dialogs", "drop",
            "idle dialog " + d.callId + " dropped: more than " + maxIdle + " idle dialogs");
        finish(d, "dropped: max-idle-dialogs", reporter);
        expired++;
      }
    }
    for (Iterator<Registration> it = registrations.values().iterator(); it.hasNext(); ) {
      Registration r = it.next();
      if (r.active && now >= r.expiresAtNanos) {
        it.remove();
        registrationsByCallId.remove(r.callId, r);
        closeAll(r.pinholes, reporter);
        reporter.note("register: " + r.aor + " expired");
        expired++;
      }
    }
    return expired;
  }

  /** The session ended: every dialog and registration ends with it. */
  synchronized void close(Reporter reporter) {
    for (Dialog d : new ArrayList<>(dialogs.values())) {
      finish(d, "session closed", reporter);
    }
    for (Registration r : registrations.values()) {
      closeAll(r.pinholes, reporter);
    }
    registrations.clear();
    registrationsByCallId.clear();
    closed = true;
    services.unregister(this);
  }
}
