package io.sipalg.api.cert;

import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.misc.MiscObjectIdentifiers;
import org.bouncycastle.asn1.misc.ScryptParams;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCS12PBEParams;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * Refuses key-derivation parameters that would take minutes or gigabytes before the password is
 * even checked (a hostile or broken encrypted key must not exhaust the host). The limits are far
 * above what OpenSSL, Java and FortiOS write (OpenSSL 3: PBKDF2 2048 iterations, scrypt N=16384
 * r=8 = 16 MiB).
 */
final class KdfLimits {
  static final long MAX_ITERATIONS = 10_000_000L;
  static final long MAX_SCRYPT_BYTES = 256L * 1024 * 1024;

  private KdfLimits() {}

  /** A message naming the problem, or empty if the parameters are within the limits. */
  static Optional<String> check(AlgorithmIdentifier encryption) {
    try {
      ASN1Encodable params = encryption.getParameters();
      if (PKCSObjectIdentifiers.id_PBES2.equals(encryption.getAlgorithm())) {
        org.bouncycastle.asn1.pkcs.KeyDerivationFunc kdf =
            PBES2Parameters.getInstance(params).getKeyDerivationFunc();
        if (PKCSObjectIdentifiers.id_PBKDF2.equals(kdf.getAlgorithm())) {
          return iterations(PBKDF2Params.getInstance(kdf.getParameters()).getIterationCount()
              .longValue());
        }
        if (MiscObjectIdentifiers.id_scrypt.equals(kdf.getAlgorithm())) {
          ScryptParams s = ScryptParams.getInstance(kdf.getParameters());
          double bytes = 128.0 * s.getCostParameter().doubleValue()
              * s.getBlockSize().doubleValue()
              * Math.max(1, s.getParallelizationParameter().doubleValue());
          return bytes > MAX_SCRYPT_BYTES
              ? Optional.of("its scrypt parameters need " + (long) (bytes / (1024 * 1024))
                  + " MiB, more than the " + MAX_SCRYPT_BYTES / (1024 * 1024) + " MiB allowed")
              : Optional.empty();
        }
        return Optional.empty();
      }
      if (encryption.getAlgorithm().getId().startsWith("1.2.840.113549.1.12.1.")) {
        return iterations(PKCS12PBEParams.getInstance(params).getIterations().longValue());
      }
      if (encryption.getAlgorithm().getId().startsWith("1.2.840.113549.1.5.")) {
        return iterations(org.bouncycastle.asn1.pkcs.PBEParameter.getInstance(params)
            .getIterationCount().longValue());
      }
      return Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty(); // malformed parameters: let the decryptor report them
    }
  }

  private static Optional<String> iterations(long count) {
    return count > MAX_ITERATIONS
        ? Optional.of("its key derivation asks for " + count + " iterations, more than the "
            + MAX_ITERATIONS + " allowed")
        : Optional.empty();
  }
}
