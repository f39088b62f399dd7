package io.sipalg.api.cert;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAKey;

/** Whether a private key belongs to a public key: RSA by modulus, others by a test signature. */
final class KeyMatch {
  private KeyMatch() {}

  static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
    if (privateKey instanceof RSAKey && publicKey instanceof RSAKey) {
      return ((RSAKey) privateKey).getModulus().equals(((RSAKey) publicKey).getModulus());
    }
    String family = family(privateKey.getAlgorithm());
    if (!family.equals(family(publicKey.getAlgorithm()))) {
      return false;
    }
    String algorithm = signatureAlgorithm(family);
    if (algorithm == null) {
      return false;
    }
    try {
      byte[] challenge = new byte[32];
      new SecureRandom().nextBytes(challenge);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(privateKey);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(challenge);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  /**
   * One name per key type: providers name the same keys differently (BouncyCastle's EC keys say
   * "ECDSA", the JDK's "EC"; an Ed25519 key may say "Ed25519" or "EdDSA").
   */
  private static String family(String keyAlgorithm) {
    switch (keyAlgorithm) {
      case "ECDSA":
        return "EC";
      case "Ed25519":
      case "Ed448":
        return "EdDSA";
      default:
        return keyAlgorithm;
    }
  }

  private static String signatureAlgorithm(String keyAlgorithm) {
    switch (keyAlgorithm) {
      case "EC":
        return "SHA256withECDSA";
      case "DSA":
        return "SHA256withDSA";
      case "EdDSA":
        return "EdDSA";
      default:
        return null;
    }
  }
}
