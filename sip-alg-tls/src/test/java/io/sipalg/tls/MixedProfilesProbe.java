package io.sipalg.tls;

import io.sipalg.api.SslMode;
import io.sipalg.api.TlsVersion;
import io.sipalg.api.VoipProfile;
import io.sipalg.api.cert.CertificateStore;
import io.sipalg.api.cert.GeneratedCertificate;
import java.util.Arrays;
import javax.net.ssl.SSLContext;

/**
 * Run in a fresh JVM by {@link JsseBootstrapOrderTest}: an ALG with many tls-1.2 profiles and one
 * tls-1.1 profile must leave TLS 1.1 enabled in JSSE, whichever profile it builds first. Prints the
 * protocols a new SunJSSE context enables by default.
 */
public final class MixedProfilesProbe {
  private MixedProfilesProbe() {}

  /**
   * Entry point.
   *
   * @param args ignored
   * @throws Exception when the ALG cannot be built
   */
  public static void main(String[] args) throws Exception {
    CertificateStore store = new CertificateStore();
    store.putLocal(GeneratedCertificate.builder().subject("CN=probe").build().toLocalCertificate("cert"));
    SipAlg.Builder builder = SipAlg.builder().certificates(store);
    for (int i = 0; i < 12; i++) {
      builder.profile(
          VoipProfile.builder()
              .name("p" + i)
              .sslMode(SslMode.FULL)
              .sslServerCertificate("cert")
              .sslMinVersion(i == 7 ? TlsVersion.TLS_1_1 : TlsVersion.TLS_1_2)
              .build());
    }
    builder.build();
    SSLContext fresh = SSLContext.getInstance("TLS", "SunJSSE");
    fresh.init(null, null, null);
    System.out.println("PROTOCOLS " + Arrays.toString(fresh.getDefaultSSLParameters().getProtocols()));
  }
}
