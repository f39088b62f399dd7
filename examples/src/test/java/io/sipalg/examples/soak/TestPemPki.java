package io.sipalg.examples.soak;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Writes the files {@link SoakPki} reads (ca.crt, server.crt, server.key) like make-certs.sh does. */
final class TestPemPki {
  private TestPemPki() {}

  static void write(Path dir) throws IOException, GeneralSecurityException, OperatorCreationException {
    KeyPair caKeys = ec();
    X500Name caName = new X500Name("CN=soak test CA");
    X509v3CertificateBuilder ca = builder(caName, caName, caKeys);
    ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
    X509Certificate caCert = sign(ca, caKeys.getPrivate());
    KeyPair serverKeys = ec();
    X509v3CertificateBuilder server = builder(caName, new X500Name("CN=" + SoakPki.SERVER_NAME), serverKeys);
    server.addExtension(Extension.subjectAlternativeName, false,
        new GeneralNames(new GeneralName(GeneralName.dNSName, SoakPki.SERVER_NAME)));
    X509Certificate serverCert = sign(server, caKeys.getPrivate());
    Files.writeString(dir.resolve("ca.crt"), pem("CERTIFICATE", caCert.getEncoded()), StandardCharsets.US_ASCII);
    Files.writeString(dir.resolve("server.crt"), pem("CERTIFICATE", serverCert.getEncoded()), StandardCharsets.US_ASCII);
    Files.writeString(dir.resolve("server.key"), pem("PRIVATE KEY", serverKeys.getPrivate().getEncoded()),
        StandardCharsets.US_ASCII);
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(now.toEpochMilli()),
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), subject,
        keys.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
      throws GeneralSecurityException, OperatorCreationException {
    return new JcaX509CertificateConverter()
        .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
  }

  private static KeyPair ec() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }
}
