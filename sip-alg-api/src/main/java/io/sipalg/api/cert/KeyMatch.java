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
    if (!privateKey.getAlgorithm().equals(publicKey.getAlgorithm())) {
      return false;
    }
    String algorithm = signatureAlgorithm(privateKey.getAlgorithm());
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

  private static String signatureAlgorithm(String keyAlgorithm) {
    switch (keyAlgorithm) {
      case "EC":
        return "SHA256withECDSA";
      case "DSA":
        return "SHA256withDSA";
      case "EdDSA":
      case "Ed25519":
      case "Ed448":
        return keyAlgorithm;
      default:
        return null;
    }
  }
}
