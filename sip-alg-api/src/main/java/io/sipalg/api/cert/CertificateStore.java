package io.sipalg.api.cert;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * The certificates, CAs, peers and peer groups the ALG uses, by name. Thread-safe: every change
 * replaces an immutable snapshot at once, so a session that already looked an entry up keeps it,
 * and lookups after the change see the new one. {@link #version()} grows with every change and
 * listeners are told after it, so the TLS core can rebuild its {@code SSLContext}s lazily.
 *
 * <pre>{@code
 * CertificateStore store = new CertificateStore();
 * CertificateImporter importer = new CertificateImporter(Clock.systemUTC());
 * store.putLocal(importer.importPemFiles("Server_cert", certFile, keyFile, password, ""));
 * store.putCa(importer.importCaFile("CA1", caFile));
 * store.putPeer(Peer.of("check-server", "CA1"));
 * LocalCertificate server = store.local("Server_cert");
 * PeerTrust phones = store.trust("check-server");
 * }</pre>
 */
public final class CertificateStore {
  /** Told after every change. */
  @FunctionalInterface
  public interface Listener {
    /**
     * Called after a change, on the thread that made it.
     *
     * @param version the store's version after the change
     */
    void changed(long version);
  }

  private record Snapshot(
      Map<String, LocalCertificate> locals,
      Map<String, CaCertificate> cas,
      Map<String, Peer> peers,
      Map<String, PeerGroup> groups,
      long version) {}

  private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of(), Map.of(), Map.of(), 0);
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();

  /** An empty store. */
  public CertificateStore() {}

  /** A monotonically increasing number, changed by every put, remove or replace. */
  public long version() {
    return snapshot.version();
  }

  /** Registers a listener told after every change. */
  public void addListener(Listener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Removes a listener. */
  public void removeListener(Listener listener) {
    listeners.remove(listener);
  }

  /** Adds or replaces a local certificate by its name. */
  public void putLocal(LocalCertificate certificate) {
    update(s -> new Snapshot(with(s.locals(), certificate.name(), certificate), s.cas(),
        s.peers(), s.groups(), s.version() + 1));
  }

  /** Adds or replaces a CA certificate by its name. */
  public void putCa(CaCertificate ca) {
    update(s -> new Snapshot(s.locals(), with(s.cas(), ca.name(), ca), s.peers(), s.groups(),
        s.version() + 1));
  }

  /** Adds or replaces a peer by its name. */
  public void putPeer(Peer peer) {
    update(s -> new Snapshot(s.locals(), s.cas(), with(s.peers(), peer.name(), peer), s.groups(),
        s.version() + 1));
  }

  /** Adds or replaces a peer group by its name. */
  public void putPeerGroup(PeerGroup group) {
    update(s -> new Snapshot(s.locals(), s.cas(), s.peers(), with(s.groups(), group.name(), group),
        s.version() + 1));
  }

  /** Removes a local certificate; returns whether it existed. */
  public boolean removeLocal(String name) {
    return remove(name, 0);
  }

  /** Removes a CA certificate; returns whether it existed. */
  public boolean removeCa(String name) {
    return remove(name, 1);
  }

  /** Removes a peer; returns whether it existed. */
  public boolean removePeer(String name) {
    return remove(name, 2);
  }

  /** Removes a peer group; returns whether it existed. */
  public boolean removePeerGroup(String name) {
    return remove(name, 3);
  }

  /**
   * Replaces the whole contents with another store's, at once (e.g. after re-reading a
   * configuration). Listeners of {@code source} are not copied.
   */
  public void replaceAll(CertificateStore source) {
    Snapshot other = source.snapshot;
    update(s -> new Snapshot(other.locals(), other.cas(), other.peers(), other.groups(),
        s.version() + 1));
  }

  /**
   * The local certificate with a name.
   *
   * @throws CertificateStoreException naming the missing entry
   */
  public LocalCertificate local(String name) {
    return findLocal(name).orElseThrow(() -> missing("local certificate", name,
        "import it under config vpn certificate local"));
  }

  /** The local certificate with a name, if present. */
  public Optional<LocalCertificate> findLocal(String name) {
    return Optional.ofNullable(snapshot.locals().get(name));
  }

  /**
   * The CA certificate with a name.
   *
   * @throws CertificateStoreException naming the missing entry
   */
  public CaCertificate ca(String name) {
    return findCa(name).orElseThrow(() -> missing("CA certificate", name,
        "import it under config vpn certificate ca"));
  }

  /** The CA certificate with a name, if present. */
  public Optional<CaCertificate> findCa(String name) {
    return Optional.ofNullable(snapshot.cas().get(name));
  }

  /** The peer with a name, if present. */
  public Optional<Peer> findPeer(String name) {
    return Optional.ofNullable(snapshot.peers().get(name));
  }

  /** The peer group with a name, if present. */
  public Optional<PeerGroup> findPeerGroup(String name) {
    return Optional.ofNullable(snapshot.groups().get(name));
  }

  /** All local certificates, in insertion order. */
  public List<LocalCertificate> locals() {
    return List.copyOf(snapshot.locals().values());
  }

  /** All CA certificates, in insertion order. */
  public List<CaCertificate> cas() {
    return List.copyOf(snapshot.cas().values());
  }

  /** All peers, in insertion order. */
  public List<Peer> peers() {
    return List.copyOf(snapshot.peers().values());
  }

  /** All peer groups, in insertion order. */
  public List<PeerGroup> peerGroups() {
    return List.copyOf(snapshot.groups().values());
  }

  /**
   * Resolves the name used in {@code ssl-auth-client} / {@code ssl-auth-server}: a peer group or,
   * as on FortiOS, a single peer (a group wins if both have the name).
   *
   * @param name a peer group or peer name
   * @return the peers with their CA certificates, from one consistent snapshot
   * @throws CertificateStoreException naming the missing group, peer, member or CA
   */
  public PeerTrust trust(String name) {
    Snapshot s = snapshot;
    List<Peer> members = new ArrayList<>();
    PeerGroup group = s.groups().get(name);
    if (group != null) {
      for (String member : group.members()) {
        Peer peer = s.peers().get(member);
        if (peer == null) {
          throw new CertificateStoreException(name, "peer group '" + name + "' lists peer '"
              + member + "', which does not exist: add it under config user peer or remove it"
              + " from the group");
        }
        members.add(peer);
      }
      if (members.isEmpty()) {
        throw new CertificateStoreException(name,
            "peer group '" + name + "' has no members: add peers with set member");
      }
    } else if (s.peers().containsKey(name)) {
      members.add(s.peers().get(name));
    } else {
      throw missing("peer or peer group", name,
          "add it under config user peergrp or config user peer");
    }
    Map<String, X509Certificate> cas = new LinkedHashMap<>();
    for (Peer peer : members) {
      CaCertificate ca = s.cas().get(peer.ca());
      if (ca == null) {
        throw new CertificateStoreException(peer.name(), "peer '" + peer.name() + "' names CA '"
            + peer.ca() + "', which does not exist: import it under config vpn certificate ca");
      }
      cas.put(peer.name(), ca.certificate());
    }
    return new PeerTrust(name, members, cas);
  }

  /**
   * Every broken reference between entries (a peer naming a missing CA, a group naming a missing
   * peer), each message naming the referencing entry and the missing name.
   */
  public List<String> brokenReferences() {
    Snapshot s = snapshot;
    List<String> problems = new ArrayList<>();
    for (Peer peer : s.peers().values()) {
      if (peer.ca().isEmpty()) {
        problems.add("peer '" + peer.name() + "' has no ca: set ca to a CA certificate name");
      } else if (!s.cas().containsKey(peer.ca())) {
        problems.add("peer '" + peer.name() + "' names CA '" + peer.ca()
            + "', which does not exist: import it under config vpn certificate ca");
      }
    }
    for (PeerGroup group : s.groups().values()) {
      for (String member : group.members()) {
        if (!s.peers().containsKey(member)) {
          problems.add("peer group '" + group.name() + "' lists peer '" + member
              + "', which does not exist: add it under config user peer or remove it from the"
              + " group");
        }
      }
    }
    return problems;
  }

  private static CertificateStoreException missing(String kind, String name, String fix) {
    return new CertificateStoreException(
        name, "no " + kind + " named '" + name + "': " + fix + ", or correct the name");
  }

  private static <V> Map<String, V> with(Map<String, V> map, String key, V value) {
    Map<String, V> copy = new LinkedHashMap<>(map);
    copy.put(key, value);
    return Collections.unmodifiableMap(copy);
  }

  private static <V> Map<String, V> without(Map<String, V> map, String key) {
    Map<String, V> copy = new LinkedHashMap<>(map);
    copy.remove(key);
    return Collections.unmodifiableMap(copy);
  }

  private boolean remove(String name, int kind) {
    boolean[] existed = new boolean[1];
    update(s -> {
      List<Map<String, ?>> maps = List.of(s.locals(), s.cas(), s.peers(), s.groups());
      existed[0] = maps.get(kind).containsKey(name);
      if (!existed[0]) {
        return s;
      }
      return new Snapshot(
          kind == 0 ? without(s.locals(), name) : s.locals(),
          kind == 1 ? without(s.cas(), name) : s.cas(),
          kind == 2 ? without(s.peers(), name) : s.peers(),
          kind == 3 ? without(s.groups(), name) : s.groups(),
          s.version() + 1);
    });
    return existed[0];
  }

  private void update(UnaryOperator<Snapshot> change) {
    long version;
    synchronized (this) {
      Snapshot before = snapshot;
      Snapshot after = change.apply(before);
      if (after == before) {
        return;
      }
      snapshot = after;
      version = after.version();
    }
    for (Listener listener : listeners) {
      listener.changed(version);
    }
  }
}
