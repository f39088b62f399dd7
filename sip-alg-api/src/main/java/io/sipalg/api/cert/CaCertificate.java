package io.sipalg.api.cert;

import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A named CA certificate ({@code config vpn certificate ca}), referenced by peers.
 *
 * @param name the entry name, e.g. {@code "CA1"}
 * @param certificate the CA certificate
 */
public record CaCertificate(String name, X509Certificate certificate) {
  /** Checks that neither part is {@code null}. */
  public CaCertificate {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(certificate, "certificate");
  }

  /** Name and subject. */
  @Override
  public String toString() {
    return "CaCertificate \"" + name + "\" {subject " + certificate.getSubjectX500Principal() + "}";
  }
}
