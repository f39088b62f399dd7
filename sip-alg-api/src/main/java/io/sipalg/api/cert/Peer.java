package io.sipalg.api.cert;

import io.sipalg.parser.AsciiCase;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * A peer ({@code config user peer}): the CA a peer certificate must chain to, and optionally the
 * subject or common name it must carry. Referenced by peer groups and, directly, by {@code
 * ssl-auth-client} / {@code ssl-auth-server}.
 *
 * <p>{@code subject} is compared as a distinguished name (RFC 2253 or 1779 syntax, e.g. {@code
 * "CN=phone1,O=Example"}): equal when the canonical forms are equal, so case and spacing do not
 * matter. {@code cn} is compared with every CN of the leaf's subject ignoring the case of A-Z only:
 * Java's {@code equalsIgnoreCase} would also take U+017F (long s) for {@code s} and U+0131
 * (dotless i) for {@code i}, letting a certificate named {@code ſip-admin} pass as {@code sip-admin}.
 *
 * @param name the entry name
 * @param ca the name of a {@link CaCertificate}
 * @param subject the required subject DN, or {@code ""} for any
 * @param cn the required common name, or {@code ""} for any
 */
public record Peer(String name, String ca, String subject, String cn) {
  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException naming the peer if {@code subject} is not a distinguished name
   */
  public Peer {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(ca, "ca");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(cn, "cn");
    if (!subject.isEmpty()) {
      try {
        new X500Principal(subject);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("peer '" + name + "': subject \"" + subject
            + "\" is not a distinguished name: write it like \"CN=phone1,O=Example\"", e);
      }
    }
  }

  /** A peer that accepts any certificate chaining to the named CA. */
  public static Peer of(String name, String ca) {
    return new Peer(name, ca, "", "");
  }

  /**
   * Whether a leaf certificate satisfies the subject and CN constraints (not the CA; see {@link
   * PeerTrust#matches}).
   */
  public boolean acceptsName(X509Certificate leaf) {
    return nameMismatch(leaf).isEmpty();
  }

  Optional<String> nameMismatch(X509Certificate leaf) {
    X500Principal actual = leaf.getSubjectX500Principal();
    if (!subject.isEmpty()
        && !new X500Principal(subject).getName(X500Principal.CANONICAL)
            .equals(actual.getName(X500Principal.CANONICAL))) {
      return Optional.of("subject " + actual.getName() + " is not the subject \"" + subject
          + "\" required by peer '" + name + "'");
    }
    if (!cn.isEmpty() && !hasCommonName(actual, cn)) {
      return Optional.of("subject " + actual.getName() + " has no CN \"" + cn
          + "\" as required by peer '" + name + "'");
    }
    return Optional.empty();
  }

  private static boolean hasCommonName(X500Principal subject, String cn) {
    for (RDN rdn : X500Name.getInstance(subject.getEncoded()).getRDNs(BCStyle.CN)) {
      if (AsciiCase.equalsIgnoreCase(IETFUtils.valueToString(rdn.getFirst().getValue()), cn)) {
        return true;
      }
    }
    return false;
  }
}
