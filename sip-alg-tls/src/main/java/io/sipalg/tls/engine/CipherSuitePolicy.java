package io.sipalg.tls.engine;

import io.sipalg.api.SslPfs;
import io.sipalg.api.SslAlgorithm;
import io.sipalg.api.TlsVersion;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Computes the protocols and cipher suites one leg enables from {@code ssl-min-version},
 * {@code ssl-max-version}, {@code ssl-algorithm} and {@code ssl-pfs}.
 *
 * <p>Suites outside what a FortiGate administrator would expect are never enabled: CCM, ARIA,
 * Camellia, SM4, NULL/integrity-only, anonymous, export, PSK/SRP, static (EC)DH and the SCSV
 * pseudo-suites. Order: AES-GCM, then ChaCha20, then AES-CBC, then 3DES; forward-secret key
 * exchange first within each; the provider's order breaks ties. A combination that leaves nothing
 * to negotiate fails with {@link TlsPolicyException}: the ALG never silently weakens a profile.
 *
 * @param minVersion {@code ssl-min-version}
 * @param maxVersion {@code ssl-max-version}
 * @param algorithm {@code ssl-algorithm}
 * @param pfs {@code ssl-pfs}
 */
public record CipherSuitePolicy(
    TlsVersion minVersion, TlsVersion maxVersion, SslAlgorithm algorithm, SslPfs pfs) {

  /** Checks the arguments. */
  public CipherSuitePolicy {
    Objects.requireNonNull(minVersion, "minVersion");
    Objects.requireNonNull(maxVersion, "maxVersion");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(pfs, "pfs");
    if (minVersion.compareTo(maxVersion) > 0) {
      throw new TlsPolicyException("ssl-min-version " + minVersion.fortiOsName()
          + " is above ssl-max-version " + maxVersion.fortiOsName());
    }
  }

  /** Bulk cipher classes, in preference order. */
  enum Cipher { AES_GCM, CHACHA20, AES_CBC, TRIPLE_DES, OTHER }

  /** Key exchange classes, in preference order. */
  enum KeyExchange { TLS13, ECDHE, DHE, RSA, OTHER }

  /** Computes the settings for a context's supported suites. */
  public EffectiveTlsSettings settingsFor(JsseProvider provider, SSLContext context) {
    return settingsFor(provider, Arrays.asList(context.getSupportedSSLParameters().getCipherSuites()));
  }

  /**
   * Computes the settings for the given supported suites.
   *
   * @param provider the provider the suites come from (it decides some notes)
   * @param supportedSuites the provider's supported suites, in its order
   * @throws TlsPolicyException when no protocol or no suite is left
   */
  public EffectiveTlsSettings settingsFor(JsseProvider provider, List<String> supportedSuites) {
    List<String> notes = new ArrayList<>();
    TlsVersion max = maxVersion;
    if (pfs == SslPfs.DENY && max == TlsVersion.TLS_1_3) {
      if (minVersion == TlsVersion.TLS_1_3) {
        throw new TlsPolicyException("ssl-pfs deny cannot work with ssl-min-version tls-1.3:"
            + " TLS 1.3 key exchange is always forward-secret; lower ssl-min-version or allow PFS");
      }
      max = TlsVersion.TLS_1_2;
      notes.add("ssl-pfs deny caps the version at tls-1.2 (TLS 1.3 is always forward-secret)");
    }
    if (algorithm == SslAlgorithm.LOW) {
      notes.add("ssl-algorithm low = medium: no RC4/DES in this provider");
    } else if (algorithm == SslAlgorithm.MEDIUM) {
      notes.add("ssl-algorithm medium adds 3DES only: no RC4 in this provider");
    }
    List<String> protocols = new ArrayList<>();
    for (TlsVersion v : TlsVersion.values()) {
      if (v.compareTo(minVersion) >= 0 && v.compareTo(max) <= 0) {
        protocols.add(v.jsseName());
      }
    }
    TlsVersion lowest = minVersion;
    TlsVersion highest = max;
    List<String> suites = supportedSuites.stream()
        .filter(s -> allowed(s) && usableBetween(s, lowest, highest))
        .sorted(Comparator.comparing(CipherSuitePolicy::cipherOf)
            .thenComparing(CipherSuitePolicy::keyExchangeOf))
        .toList();
    if (suites.isEmpty()) {
      throw new TlsPolicyException("no cipher suite of " + provider + " satisfies ssl-algorithm "
          + algorithm.fortiOsName() + ", ssl-pfs " + pfs.fortiOsName() + " between " + minVersion.fortiOsName()
          + " and " + max.fortiOsName() + "; widen the versions or relax ssl-pfs/ssl-algorithm");
    }
    boolean anyPerVersion = protocols.stream().map(p -> TlsVersion.fromJsseName(p))
        .anyMatch(v -> suites.stream().anyMatch(s -> usableBetween(s, v, v)));
    if (!anyPerVersion) {
      throw new TlsPolicyException("no enabled protocol can use the enabled suites");
    }
    if (provider == JsseProvider.BCJSSE
        && minVersion.compareTo(TlsVersion.TLS_1_0) <= 0) {
      notes.add("BCJSSE always splits CBC records 1/n-1 on TLS 1.0 and SSL 3.0"
          + " (ssl-send-empty-frags disable has no effect on this provider)");
    }
    return new EffectiveTlsSettings(provider, protocols, suites, notes);
  }

  /**
   * Checks that a certificate's key can serve this policy: {@code ssl-pfs deny} needs RSA key
   * exchange and so an RSA certificate.
   *
   * @param certificateKey the public key of the certificate this side presents
   * @param certificateName the certificate's configured name, for the error message
   * @throws TlsPolicyException when it cannot
   */
  public void checkCertificateKey(PublicKey certificateKey, String certificateName) {
    if (pfs == SslPfs.DENY && !"RSA".equals(certificateKey.getAlgorithm())) {
      throw new TlsPolicyException("ssl-pfs deny needs an RSA certificate (TLS_RSA_* key exchange),"
          + " but certificate \"" + certificateName + "\" has a "
          + certificateKey.getAlgorithm() + " key");
    }
  }

  private boolean allowed(String suite) {
    if (excluded(suite)) {
      return false;
    }
    Cipher cipher = cipherOf(suite);
    KeyExchange kx = keyExchangeOf(suite);
    if (cipher == Cipher.OTHER || kx == KeyExchange.OTHER) {
      return false;
    }
    if (cipher == Cipher.TRIPLE_DES && algorithm == SslAlgorithm.HIGH) {
      return false;
    }
    return switch (pfs) {
      case ALLOW -> true;
      case DENY -> kx == KeyExchange.RSA;
      case REQUIRE -> kx != KeyExchange.RSA;
    };
  }

  static boolean excluded(String suite) {
    return List.of("_CCM", "ARIA", "CAMELLIA", "NULL", "_anon_", "EXPORT", "SCSV", "_PSK_",
            "_SRP_", "SM4", "_RC4_", "_DES_", "DES40", "KRB5", "_SHA256_SHA256", "_SHA384_SHA384")
        .stream().anyMatch(suite::contains);
  }

  static Cipher cipherOf(String suite) {
    if (suite.contains("_AES_") && suite.contains("_GCM_")) {
      return Cipher.AES_GCM;
    }
    if (suite.contains("CHACHA20_POLY1305")) {
      return Cipher.CHACHA20;
    }
    if (suite.contains("_AES_") && suite.contains("_CBC_")) {
      return Cipher.AES_CBC;
    }
    if (suite.contains("_3DES_EDE_CBC_")) {
      return Cipher.TRIPLE_DES;
    }
    return Cipher.OTHER;
  }

  static KeyExchange keyExchangeOf(String suite) {
    if (isTls13Suite(suite)) {
      return KeyExchange.TLS13;
    }
    String kx = suite.substring(suite.indexOf('_') + 1);
    if (kx.startsWith("ECDHE_ECDSA_WITH_") || kx.startsWith("ECDHE_RSA_WITH_")) {
      return KeyExchange.ECDHE;
    }
    if (kx.startsWith("DHE_RSA_WITH_") || kx.startsWith("DHE_DSS_WITH_")) {
      return KeyExchange.DHE;
    }
    if (kx.startsWith("RSA_WITH_")) {
      return KeyExchange.RSA;
    }
    return KeyExchange.OTHER;
  }

  static boolean isTls13Suite(String suite) {
    return suite.startsWith("TLS_") && !suite.contains("_WITH_");
  }

  /** Whether some version in [low, high] can negotiate the suite. */
  static boolean usableBetween(String suite, TlsVersion low, TlsVersion high) {
    TlsVersion from;
    TlsVersion to;
    if (isTls13Suite(suite)) {
      from = TlsVersion.TLS_1_3;
      to = TlsVersion.TLS_1_3;
    } else if (suite.contains("_GCM_") || suite.contains("CHACHA20")
        || suite.endsWith("_SHA256") || suite.endsWith("_SHA384")) {
      from = TlsVersion.TLS_1_2; // AEAD and SHA-2 MACs/PRFs exist from TLS 1.2 on
      to = TlsVersion.TLS_1_2;
    } else {
      from = TlsVersion.SSL_3_0;
      to = TlsVersion.TLS_1_2;
    }
    return from.compareTo(high) <= 0 && to.compareTo(low) >= 0;
  }
}
