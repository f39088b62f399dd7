package io.sipalg.api.config;

import java.util.Objects;

/**
 * A {@code config vpn certificate local} entry as written: the writer prints it back the same way
 * (inline PEM stays inline, file keys stay file keys, an encrypted key stays encrypted, the password
 * is printed as given). Empty strings mean "not set". The loaded certificate is in {@link
 * FortiConfig#certificateStore()}.
 *
 * @param name the entry name ({@code edit NAME})
 * @param comments {@code comments}
 * @param password {@code password}: clear text, or {@code "ENC <base64>"} as FortiOS writes it
 *     (kept as an opaque string: only the FortiGate that wrote it can decrypt it)
 * @param certificate {@code certificate}: inline PEM
 * @param privateKey {@code private-key}: inline PEM, as given (possibly encrypted)
 * @param certificateFile {@code certificate-file} (sip-alg extension): PEM file, relative to the
 *     config file's directory
 * @param privateKeyFile {@code private-key-file} (extension): PEM key file
 * @param pkcs12File {@code pkcs12-file} (extension): PKCS#12 file with key and chain
 */
public record LocalCertificateEntry(String name, String comments, String password,
    String certificate, String privateKey, String certificateFile, String privateKeyFile,
    String pkcs12File) {
  /** Checks that no part is {@code null}. */
  public LocalCertificateEntry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(comments, "comments");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(certificateFile, "certificateFile");
    Objects.requireNonNull(privateKeyFile, "privateKeyFile");
    Objects.requireNonNull(pkcs12File, "pkcs12File");
  }

  /** Whether the password is a FortiOS-encrypted {@code ENC ...} value. */
  public boolean passwordIsFortiOsEncrypted() {
    return password.startsWith("ENC ");
  }

  /** Never shows the password or the key. */
  @Override
  public String toString() {
    return "LocalCertificateEntry \"" + name + "\"";
  }
}
