package io.sipalg.api.cert;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a peer certificate must satisfy for {@code ssl-auth-client} / {@code ssl-auth-server}: the
 * resolved peers of a peer group (or of a single peer), each with its CA certificate. The TLS core
 * validates the chain with PKIX against {@link #trustAnchors()} and then calls {@link #matches} for
 * the per-peer CA and subject/CN constraints.
 *
 * <pre>{@code
 * PeerTrust trust = store.trust("check-server-group");
 * // ... PKIX validation against trust.trustAnchors() ...
 * if (!trust.matches(chain)) { reject(trust.mismatch(chain).orElseThrow()); }
 * }</pre>
 */
public final class PeerTrust {
  private final String name;
  private final List<Peer> peers;
  private final Map<String, X509Certificate> caByPeer;

  PeerTrust(String name, List<Peer> peers, Map<String, X509Certificate> caByPeer) {
    this.name = name;
    this.peers = List.copyOf(peers);
    this.caByPeer = Map.copyOf(caByPeer);
  }

  /** The peer or peer group name this trust was resolved from. */
  public String name() {
    return name;
  }

  /** The member peers (one for a single peer). */
  public List<Peer> peers() {
    return peers;
  }

  /** The CA certificates of all members: the PKIX trust anchors. */
  public Set<X509Certificate> trustAnchors() {
    Set<X509Certificate> anchors = new LinkedHashSet<>();
    for (Peer p : peers) {
      anchors.add(caByPeer.get(p.name()));
    }
    return Set.copyOf(anchors);
  }

  /** Whether any member has a subject or CN constraint. */
  public boolean hasNameConstraints() {
    return peers.stream().anyMatch(p -> !p.subject().isEmpty() || !p.cn().isEmpty());
  }

  /**
   * Whether some member peer accepts the chain: the chain is issued by (or contains) that peer's
   * CA, and the leaf matches the peer's subject and CN. Does not check validity dates or
   * revocation; that is the PKIX validation's job.
   *
   * @param chain the peer's chain, leaf first
   * @return whether a member accepts it
   */
  public boolean matches(X509Certificate[] chain) {
    return mismatch(chain).isEmpty();
  }

  /**
   * Why no member accepts the chain, for logs and events.
   *
   * @param chain the peer's chain, leaf first
   * @return the reasons per member, or empty if a member accepts the chain
   */
  public Optional<String> mismatch(X509Certificate[] chain) {
    if (chain == null || chain.length == 0) {
      return Optional.of("no certificate presented (required by '" + name + "')");
    }
    List<String> reasons = new ArrayList<>();
    for (Peer p : peers) {
      X509Certificate ca = caByPeer.get(p.name());
      if (!issuedBy(chain, ca)) {
        reasons.add("not issued by CA '" + p.ca() + "' of peer '" + p.name() + "'");
        continue;
      }
      Optional<String> nameProblem = p.nameMismatch(chain[0]);
      if (nameProblem.isEmpty()) {
        return Optional.empty();
      }
      reasons.add(nameProblem.get());
    }
    return Optional.of("certificate " + chain[0].getSubjectX500Principal().getName()
        + " is not accepted by '" + name + "': " + String.join("; ", reasons));
  }

  private static boolean issuedBy(X509Certificate[] chain, X509Certificate ca) {
    for (X509Certificate c : chain) {
      if (c.equals(ca)) {
        return true;
      }
    }
    X509Certificate last = chain[chain.length - 1];
    if (!last.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
      return false;
    }
    try {
      last.verify(ca.getPublicKey());
      return true;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "PeerTrust \"" + name + "\" " + peers;
  }
}
