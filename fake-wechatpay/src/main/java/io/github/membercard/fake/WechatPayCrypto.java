package io.github.membercard.fake;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * WeChat Pay's cryptography through the JDK alone: SHA256withRSA signatures, RSA-OAEP (SHA-1, MGF1)
 * for sensitive fields and AES-256-GCM under the APIv3 key for notifications and certificates, all
 * Base64 on the wire. A fresh engine per use: the fake serves tests, not load.
 */
final class WechatPayCrypto {

  private static final String SIGNATURE = "SHA256withRSA";
  private static final String OAEP = "RSA/ECB/OAEPWithSHA-1AndMGF1Padding";
  private static final String GCM = "AES/GCM/NoPadding";
  private static final int GCM_TAG_BITS = 128;
  private static final char[] ALPHANUMERIC =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private WechatPayCrypto() {}

  static String sign(PrivateKey key, byte[] message) {
    try {
      Signature signature = Signature.getInstance(SIGNATURE);
      signature.initSign(key);
      signature.update(message);
      return Base64.getEncoder().encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("The fake cannot sign with its key", e);
    }
  }

  /**
   * Whether {@code base64Signature} is the key's signature of {@code message}; false if garbled.
   */
  static boolean verify(PublicKey key, byte[] message, String base64Signature) {
    try {
      Signature signature = Signature.getInstance(SIGNATURE);
      signature.initVerify(key);
      signature.update(message);
      return signature.verify(Base64.getDecoder().decode(base64Signature));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  static String encrypt(PublicKey key, String plaintext) {
    try {
      Cipher cipher = Cipher.getInstance(OAEP);
      cipher.init(Cipher.ENCRYPT_MODE, key);
      return Base64.getEncoder()
          .encodeToString(cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("The value cannot be RSA-OAEP encrypted", e);
    }
  }

  /** The plaintext, or nothing when the value is not Base64 RSA-OAEP ciphertext under the key. */
  static Optional<String> decrypt(PrivateKey key, String base64Ciphertext) {
    try {
      Cipher cipher = Cipher.getInstance(OAEP);
      cipher.init(Cipher.DECRYPT_MODE, key);
      byte[] plaintext = cipher.doFinal(Base64.getDecoder().decode(base64Ciphertext));
      return Optional.of(new String(plaintext, StandardCharsets.UTF_8));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * AES-256-GCM under the APIv3 key, as in a notification's {@code resource}: Base64 of ciphertext
   * and tag.
   */
  static String encryptResource(
      String apiV3Key, String nonce, String associatedData, String plaintext) {
    try {
      Cipher cipher = Cipher.getInstance(GCM);
      cipher.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(apiV3Key.getBytes(StandardCharsets.UTF_8), "AES"),
          new GCMParameterSpec(GCM_TAG_BITS, nonce.getBytes(StandardCharsets.UTF_8)));
      cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder()
          .encodeToString(cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("The fake cannot encrypt with the APIv3 key", e);
    }
  }

  /** Random letters and digits, each equally likely: nonces and throwaway APIv3 keys. */
  static String alphanumeric(int length) {
    char[] value = new char[length];
    for (int i = 0; i < length; i++) {
      value[i] = ALPHANUMERIC[RANDOM.nextInt(ALPHANUMERIC.length)];
    }
    return new String(value);
  }
}
