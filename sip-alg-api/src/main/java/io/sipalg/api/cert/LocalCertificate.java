package io.sipalg.api.cert;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Objects;

/**
 * A named local certificate ({@code config vpn certificate local}): a certificate chain, leaf first,
 * with the leaf's private key and an optional comment. Immutable; the TLS core builds its key
 * managers from {@link #chain()} and {@link #privateKey()}. Load one with {@link
 * CertificateImporter}.
 */
public final class LocalCertificate {
  private final String name;
  private final X509Certificate[] chain;
  private final PrivateKey privateKey;
  private final String comment;

  private LocalCertificate(
      String name, X509Certificate[] chain, PrivateKey privateKey, String comment) {
    this.name = name;
    this.chain = chain;
    this.privateKey = privateKey;
    this.comment = comment;
  }

  /**
   * Creates a local certificate after checking that the key belongs to the leaf certificate.
   * Validity dates are checked by {@link CertificateImporter}, which has a clock.
   *
   * @param name the entry name, e.g. {@code "Server_cert"}
   * @param chain the certificate chain, leaf first; not empty
   * @param privateKey the leaf's private key
   * @param comment a comment ({@code ""} for none)
   * @return the certificate
   * @throws CertificateStoreException naming the entry if the chain is empty or the key does not
   *     match the leaf
   */
  public static LocalCertificate of(
      String name, X509Certificate[] chain, PrivateKey privateKey, String comment) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(comment, "comment");
    if (chain == null || chain.length == 0) {
      throw new CertificateStoreException(
          name, "local certificate '" + name + "' has no certificate: add the certificate");
    }
    X509Certificate[] copy = chain.clone();
    for (X509Certificate c : copy) {
      Objects.requireNonNull(c, "chain element");
    }
    if (!KeyMatch.matches(privateKey, copy[0].getPublicKey())) {
      throw new CertificateStoreException(name, "the private key of local certificate '" + name
          + "' does not match its certificate (" + copy[0].getSubjectX500Principal().getName()
          + "): import the key that belongs to this certificate, and put the certificate first"
          + " in the chain");
    }
    return new LocalCertificate(name, copy, privateKey, comment);
  }

  /** The entry name. */
  public String name() {
    return name;
  }

  /** The certificate chain, leaf first (a copy). */
  public X509Certificate[] chain() {
    return chain.clone();
  }

  /** The leaf certificate. */
  public X509Certificate certificate() {
    return chain[0];
  }

  /** The leaf's private key. */
  public PrivateKey privateKey() {
    return privateKey;
  }

  /** The comment ({@code ""} if none). */
  public String comment() {
    return comment;
  }

  /** A copy with another comment. */
  public LocalCertificate withComment(String comment) {
    return new LocalCertificate(name, chain, privateKey, Objects.requireNonNull(comment));
  }

  /** Equal when name, chain, key and comment are equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof LocalCertificate
        && ((LocalCertificate) o).name.equals(name)
        && Arrays.equals(((LocalCertificate) o).chain, chain)
        && ((LocalCertificate) o).privateKey.equals(privateKey)
        && ((LocalCertificate) o).comment.equals(comment);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, Arrays.hashCode(chain), comment);
  }

  /** Name, subject and expiry; never the key. */
  @Override
  public String toString() {
    return "LocalCertificate \"" + name + "\" {subject " + certificate().getSubjectX500Principal()
        + ", not after " + certificate().getNotAfter().toInstant() + ", chain " + chain.length
        + "}";
  }
}
