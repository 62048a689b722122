package io.github.membercard.wechatpay.crypto;

import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/**
 * SHA256withRSA (PKCS#1 v1.5), the signature of APIv3 requests, answers and notifications. The JDK
 * provider is resolved once, so a call does no provider search.
 */
public final class RsaSha256 {

  private static final String ALGORITHM = "SHA256withRSA";
  private static final Provider PROVIDER = resolveProvider();

  private RsaSha256() {}

  /**
   * Signs a message with SHA256withRSA.
   *
   * @param key the signing key
   * @param message the bytes to sign
   * @return the Base64 signature
   */
  public static String sign(PrivateKey key, byte[] message) {
    try {
      Signature signature = Signature.getInstance(ALGORITHM, PROVIDER);
      signature.initSign(key);
      signature.update(message);
      return Base64.getEncoder().encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA256withRSA signing failed", e);
    }
  }

  /**
   * Verifies a SHA256withRSA signature; a key that cannot verify is an {@link
   * IllegalStateException}, not {@code false}.
   *
   * @param key the key that should have signed
   * @param message the signed bytes
   * @param base64Signature the signature as sent
   * @return whether the signature is valid; {@code false} for a malformed signature too
   */
  public static boolean verify(PublicKey key, byte[] message, String base64Signature) {
    try {
      Signature signature = Signature.getInstance(ALGORITHM, PROVIDER);
      signature.initVerify(key);
      signature.update(message);
      return signature.verify(Base64.getDecoder().decode(base64Signature));
    } catch (IllegalArgumentException | java.security.SignatureException e) {
      return false;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA256withRSA verification failed", e);
    }
  }

  private static Provider resolveProvider() {
    try {
      return Signature.getInstance(ALGORITHM).getProvider();
    } catch (NoSuchAlgorithmException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
