package io.sipalg.tls.session;

import io.sipalg.api.SslAlgorithm;
import io.sipalg.api.SslPfs;
import io.sipalg.api.TlsVersion;
import io.sipalg.api.VoipProfile;
import io.sipalg.api.cert.CertificateStore;
import io.sipalg.api.cert.CertificateStoreException;
import io.sipalg.api.cert.LocalCertificate;
import io.sipalg.api.cert.PeerTrust;
import io.sipalg.tls.AlgConfigurationException;
import io.sipalg.tls.TlsProvider;
import io.sipalg.tls.engine.CipherSuitePolicy;
import io.sipalg.tls.engine.EffectiveTlsSettings;
import io.sipalg.tls.engine.JsseBootstrap;
import io.sipalg.tls.engine.JsseProvider;
import io.sipalg.tls.engine.PeerTrustManager;
import io.sipalg.tls.engine.RenegotiationGuard;
import io.sipalg.tls.engine.TlsPolicyException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

/**
 * The TLS material of one VoIP profile: an SSLContext and effective settings per leg, built once
 * per profile and certificate-store version and shared by the profile's sessions (sharing the
 * server-leg context is what lets the ALG resume its upstream sessions).
 */
final class ProfileTls {
  private static final char[] IN_MEMORY_PASSWORD = "sip-alg".toCharArray();

  private final VoipProfile profile;
  private final JsseProvider provider;
  private final SSLContext phoneContext;
  private final SSLContext serverContext;
  private final EffectiveTlsSettings phoneSettings;
  private final EffectiveTlsSettings serverSettings;
  private final List<String> phonePolicy;
  private final List<String> serverPolicy;
  private final boolean requireClientCertificate;
  private final boolean verifyServer;
  private final long storeVersion;

  private ProfileTls(VoipProfile profile, CertificateStore store, TlsProvider tlsProvider)
      throws GeneralSecurityException {
    this.profile = profile;
    this.provider = tlsProvider == TlsProvider.BC_JSSE ? JsseProvider.BCJSSE : JsseProvider.SUN_JSSE;
    this.storeVersion = store.version();
    TlsVersion min = profile.sslMinVersion();
    TlsVersion max = profile.sslMaxVersion();
    SslAlgorithm algorithm = profile.sslAlgorithm();
    JsseBootstrap.ensure(min, algorithm != SslAlgorithm.HIGH, profile.sslPfs() != SslPfs.REQUIRE);
    CipherSuitePolicy policy =
        new CipherSuitePolicy(min, max, algorithm, profile.sslPfs());

    LocalCertificate serverCertificate = store.local(profile.sslServerCertificate());
    policy.checkCertificateKey(serverCertificate.certificate().getPublicKey(), serverCertificate.name());
    requireClientCertificate = !profile.sslAuthClient().isEmpty();
    TrustManager[] phoneTrust =
        requireClientCertificate ? new TrustManager[] {peerGroup(store, profile.sslAuthClient())} : null;
    phoneContext = provider.newContext(keyManagers(provider, serverCertificate), phoneTrust);

    KeyManager[] clientKeys =
        profile.sslClientCertificate().isEmpty()
            ? null
            : keyManagers(provider, store.local(profile.sslClientCertificate()));
    verifyServer = !profile.sslAuthServer().isEmpty();
    TrustManager serverTrust =
        verifyServer ? peerGroup(store, profile.sslAuthServer()) : UnverifiedServers.INSTANCE;
    serverContext = provider.newContext(clientKeys, new TrustManager[] {serverTrust});

    phoneSettings = policy.settingsFor(provider, phoneContext);
    serverSettings = policy.settingsFor(provider, serverContext);
    phonePolicy = describePhone();
    serverPolicy = describeServer();
  }

  /**
   * Builds the profile's TLS material.
   *
   * @throws AlgConfigurationException naming the profile, the option and the fix
   */
  static ProfileTls build(VoipProfile profile, CertificateStore store, TlsProvider provider) {
    if (!profile.tlsInterception()) {
      throw new AlgConfigurationException(
          profile.name(),
          "ssl-mode is off, so this profile does not intercept SIP over TLS: set ssl-mode full", null);
    }
    try {
      return new ProfileTls(profile, store, provider);
    } catch (CertificateStoreException | TlsPolicyException e) {
      throw new AlgConfigurationException(profile.name(), e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new AlgConfigurationException(
          profile.name(), "the TLS provider refused the configuration: " + e.getMessage(), e);
    }
  }

  /** Whether the material was built from this version of the certificate store. */
  boolean isCurrent(long version) {
    return storeVersion == version;
  }

  VoipProfile profile() {
    return profile;
  }

  JsseProvider provider() {
    return provider;
  }

  List<String> phonePolicy() {
    return phonePolicy;
  }

  List<String> serverPolicy() {
    return serverPolicy;
  }

  boolean sendEmptyFragments() {
    return profile.sslSendEmptyFrags();
  }

  /** A server-mode engine for an accepted phone connection. */
  SSLEngine newPhoneEngine() {
    SSLEngine engine = phoneContext.createSSLEngine();
    engine.setUseClientMode(false);
    phoneSettings.applyTo(engine);
    if (requireClientCertificate) {
      engine.setNeedClientAuth(true);
    }
    return engine;
  }

  /**
   * A client-mode engine for the upstream connection.
   *
   * @param serverName SNI to send and, when {@code ssl-auth-server} is set, the name the server
   *     certificate must carry; null for none (then the peer host is checked)
   * @param peerHost the upstream host, the key of the client session cache (resumption)
   * @param peerPort the upstream port
   */
  SSLEngine newServerEngine(String serverName, String peerHost, int peerPort) {
    SSLEngine engine = serverContext.createSSLEngine(peerHost, peerPort);
    engine.setUseClientMode(true);
    serverSettings.applyTo(engine);
    SSLParameters params = engine.getSSLParameters();
    if (serverName != null && isHostName(serverName)) {
      params.setServerNames(List.of(new SNIHostName(serverName)));
    }
    if (verifyServer) {
      params.setEndpointIdentificationAlgorithm("HTTPS");
    }
    engine.setSSLParameters(params);
    return engine;
  }

  RenegotiationGuard newRenegotiationGuard() {
    return new RenegotiationGuard(
        profile.sslClientRenegotiation(), provider);
  }

  private static boolean isHostName(String name) {
    try {
      new SNIHostName(name);
      return !name.isEmpty() && !Character.isDigit(name.charAt(name.length() - 1)) && name.indexOf(':') < 0;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static TrustManager peerGroup(CertificateStore store, String name)
      throws GeneralSecurityException {
    PeerTrust trust = store.trust(name);
    return new PeerGroupTrustManager(
        PeerTrustManager.forCertificateAuthorities(trust.trustAnchors()).build(), trust);
  }

  /** The provider's own PKIX key manager: BCJSSE picks EC keys only through an extended one. */
  private static KeyManager[] keyManagers(JsseProvider provider, LocalCertificate certificate)
      throws GeneralSecurityException {
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try {
      keyStore.load(null, null);
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException("cannot create an in-memory key store", e);
    }
    keyStore.setKeyEntry(
        certificate.name(), certificate.privateKey(), IN_MEMORY_PASSWORD, certificate.chain());
    KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX", provider.provider());
    factory.init(keyStore, IN_MEMORY_PASSWORD);
    return factory.getKeyManagers();
  }

  private List<String> describePhone() {
    List<String> lines = common(phoneSettings);
    lines.add("certificate: " + profile.sslServerCertificate());
    lines.add(
        requireClientCertificate
            ? "ssl-auth-client: phone certificate required, verified against " + profile.sslAuthClient()
            : "ssl-auth-client: no phone certificate requested");
    lines.add("ssl-client-renegotiation: " + profile.sslClientRenegotiation().fortiOsName());
    RenegotiationGuard.effectiveNote(
            profile.sslClientRenegotiation(), provider)
        .ifPresent(lines::add);
    return List.copyOf(lines);
  }

  private List<String> describeServer() {
    List<String> lines = common(serverSettings);
    lines.add(
        "certificate: "
            + (profile.sslClientCertificate().isEmpty() ? "(none)" : profile.sslClientCertificate()));
    lines.add(
        verifyServer
            ? "ssl-auth-server: server chain and name verified against " + profile.sslAuthServer()
            : "ssl-auth-server: not set, the server certificate is NOT verified");
    return List.copyOf(lines);
  }

  private List<String> common(EffectiveTlsSettings settings) {
    List<String> lines = new ArrayList<>();
    lines.add("provider: " + (provider == JsseProvider.BCJSSE ? "BCJSSE" : "SunJSSE"));
    lines.add("protocols: " + String.join(",", settings.protocols()));
    lines.add("cipher-suites: " + String.join(",", settings.cipherSuites()));
    lines.addAll(settings.notes());
    return lines;
  }
}
