package io.sipalg.tls;

import io.sipalg.api.SslMode;
import io.sipalg.api.TlsVersion;
import io.sipalg.api.VoipProfile;
import io.sipalg.api.cert.CertificateStore;
import io.sipalg.api.cert.LocalCertificate;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Date;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

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
   * @throws Exception when the certificate cannot be made
   */
  public static void main(String[] args) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    KeyPair keys = generator.generateKeyPair();
    Instant now = Instant.now();
    X509Certificate cert =
        new JcaX509CertificateConverter()
            .getCertificate(
                new JcaX509v3CertificateBuilder(
                        new X500Name("CN=probe"), BigInteger.ONE,
                        Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(1, ChronoUnit.DAYS)),
                        new X500Name("CN=probe"), keys.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    CertificateStore store = new CertificateStore();
    store.putLocal(LocalCertificate.of("cert", new X509Certificate[] {cert}, keys.getPrivate(), ""));
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
