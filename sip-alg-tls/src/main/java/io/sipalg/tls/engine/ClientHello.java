package io.sipalg.tls.engine;

import java.util.List;

/**
 * What the phone's first ClientHello offered (RFC 5246 7.4.1.2, RFC 8446 4.1.2).
 *
 * @param legacyVersion the {@code legacy_version} field, e.g. {@code 0x0303}
 * @param supportedVersions the {@code supported_versions} extension (empty when absent)
 * @param cipherSuites the offered suite codes, in the client's order
 * @param extensionTypes the extension types, in the client's order
 * @param serverNames the SNI host names ({@code server_name} extension)
 */
public record ClientHello(
    int legacyVersion,
    List<Integer> supportedVersions,
    List<Integer> cipherSuites,
    List<Integer> extensionTypes,
    List<String> serverNames) {
  /** {@code TLS_EMPTY_RENEGOTIATION_INFO_SCSV} (RFC 5746). */
  public static final int RENEGOTIATION_SCSV = 0x00FF;
  /** The {@code renegotiation_info} extension type (RFC 5746). */
  public static final int EXTENSION_RENEGOTIATION_INFO = 0xFF01;
  /** The {@code server_name} extension type (RFC 6066). */
  public static final int EXTENSION_SERVER_NAME = 0;
  /** The {@code supported_versions} extension type (RFC 8446). */
  public static final int EXTENSION_SUPPORTED_VERSIONS = 43;

  /** Copies the lists. */
  public ClientHello {
    supportedVersions = List.copyOf(supportedVersions);
    cipherSuites = List.copyOf(cipherSuites);
    extensionTypes = List.copyOf(extensionTypes);
    serverNames = List.copyOf(serverNames);
  }

  /** Whether the SCSV pseudo-suite {@code 0x00FF} is offered. */
  public boolean hasRenegotiationScsv() {
    return cipherSuites.contains(RENEGOTIATION_SCSV);
  }

  /** Whether the {@code renegotiation_info} extension is present. */
  public boolean hasRenegotiationInfo() {
    return extensionTypes.contains(EXTENSION_RENEGOTIATION_INFO);
  }

  /** Whether the client indicates RFC 5746 support (SCSV or the extension). */
  public boolean indicatesSecureRenegotiation() {
    return hasRenegotiationScsv() || hasRenegotiationInfo();
  }

  /** The highest version offered (from {@code supported_versions} when present). */
  public int highestVersion() {
    return supportedVersions.isEmpty() ? legacyVersion
        : supportedVersions.stream().filter(v -> (v >> 8) == 3).max(Integer::compare)
            .orElse(legacyVersion);
  }

  /** Whether the client offers TLS 1.3 and nothing older (renegotiation does not exist there). */
  public boolean offersOnlyTls13() {
    return !supportedVersions.isEmpty()
        && supportedVersions.stream().filter(v -> (v >> 8) == 3).allMatch(v -> v >= 0x0304);
  }
}
