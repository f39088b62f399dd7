package io.sipalg.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipalg.api.cert.CertificateStore;
import io.sipalg.api.cert.LocalCertificate;
import io.sipalg.tls.engine.SharedPki;
import java.security.cert.Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link SipAlg#replaceCertificates}: a new certificate set goes into service for new sessions
 * only after every profile was built from it, and sessions already running keep theirs.
 */
class CertificateRotationTest {
  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void newSessionsPresentTheNewCertificateWhileARunningSessionKeepsRelaying(TlsProvider provider)
      throws Exception {
    AlgHarness running = harness(provider);
    assertThat(servedTo(running)).isEqualTo(SharedPki.SERVER_EC.chain()[0]);

    running.alg.replaceCertificates(withServerCertificate(running.alg.certificates(), SharedPki.SERVER_RSA));

    AlgHarness next = running.nextSession().pump();
    assertThat(servedTo(next)).isEqualTo(SharedPki.SERVER_RSA.chain()[0]);
    assertThat(next.session.state()).isEqualTo(io.sipalg.api.session.AlgSession.State.ESTABLISHED);
    String register = SipMessages.register(1);
    running.phone.send(register);
    running.pump();
    assertThat(running.server.received()).isEqualTo(register);
    assertThat(servedTo(running)).isEqualTo(SharedPki.SERVER_EC.chain()[0]);
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void aSetThatCannotServeAProfileIsRefusedAndTheRunningCertificatesStay(TlsProvider provider)
      throws Exception {
    AlgHarness running = harness(provider);
    CertificateStore store = running.alg.certificates();
    long version = store.version();
    CertificateStore withoutServerCertificate = copyOf(store);
    withoutServerCertificate.removeLocal("alg-server");

    assertThatThrownBy(() -> running.alg.replaceCertificates(withoutServerCertificate))
        .isInstanceOf(AlgConfigurationException.class)
        .hasMessageContaining("test")
        .hasMessageContaining("alg-server");

    assertThat(store.version()).isEqualTo(version);
    assertThat(store.findLocal("alg-server")).isPresent();
    AlgHarness next = running.nextSession().pump();
    assertThat(servedTo(next)).isEqualTo(SharedPki.SERVER_EC.chain()[0]);
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void theCandidateIsCopiedSoLaterChangesToItAreNotSeen(TlsProvider provider) throws Exception {
    AlgHarness running = harness(provider);
    CertificateStore candidate = withServerCertificate(running.alg.certificates(), SharedPki.SERVER_RSA);
    running.alg.replaceCertificates(candidate);
    candidate.removeLocal("alg-server");

    AlgHarness next = running.nextSession().pump();
    assertThat(servedTo(next)).isEqualTo(SharedPki.SERVER_RSA.chain()[0]);
  }

  private static AlgHarness harness(TlsProvider provider) {
    AlgHarness.Setup setup = new AlgHarness.Setup();
    setup.provider = provider;
    return new AlgHarness(setup).pump();
  }

  /** The certificate the ALG presented to the session's phone. */
  private static Certificate servedTo(AlgHarness h) throws SSLPeerUnverifiedException {
    return h.phone.engine().getSession().getPeerCertificates()[0];
  }

  private static CertificateStore withServerCertificate(
      CertificateStore current, SharedPki.Credential credential) {
    CertificateStore copy = copyOf(current);
    copy.putLocal(LocalCertificate.of("alg-server", credential.chain(), credential.key(), ""));
    return copy;
  }

  private static CertificateStore copyOf(CertificateStore store) {
    CertificateStore copy = new CertificateStore();
    copy.replaceAll(store);
    return copy;
  }
}
