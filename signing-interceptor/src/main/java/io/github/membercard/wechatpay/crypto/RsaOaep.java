package io.github.membercard.wechatpay.crypto;

import io.github.membercard.wechatpay.WechatPayDecryptionException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.NoSuchPaddingException;

/**
 * RSA/ECB/OAEPWithSHA-1AndMGF1Padding over UTF-8, Base64 on the wire: the encryption of APIv3
 * sensitive fields. The JDK provider is resolved once.
 */
public final class RsaOaep {

  private static final String TRANSFORMATION = "RSA/ECB/OAEPWithSHA-1AndMGF1Padding";
  private static final Provider PROVIDER = resolveProvider();

  private RsaOaep() {}

  /**
   * Encrypts a sensitive value so that only the holder of the matching private key can read it; an
   * {@link IllegalArgumentException} if it cannot, as when the value is too long for the key.
   *
   * @param key the recipient's public key
   * @param plaintext the value to protect
   * @return Base64 ciphertext; different on every call, as OAEP is randomised
   */
  public static String encrypt(PublicKey key, String plaintext) {
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION, PROVIDER);
      cipher.init(Cipher.ENCRYPT_MODE, key);
      return Base64.getEncoder()
          .encodeToString(cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "RSA-OAEP encryption failed: the value may be too long for the key", e);
    }
  }

  /**
   * Decrypts a sensitive value encrypted under the public half of {@code key}.
   *
   * @param key the recipient's private key
   * @param base64Ciphertext the value as sent
   * @return the plaintext
   * @throws WechatPayDecryptionException if the value is not ciphertext under this key
   */
  public static String decrypt(PrivateKey key, String base64Ciphertext) {
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION, PROVIDER);
      cipher.init(Cipher.DECRYPT_MODE, key);
      byte[] plaintext = cipher.doFinal(Base64.getDecoder().decode(base64Ciphertext));
      return new String(plaintext, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new WechatPayDecryptionException(
          "An encrypted field does not decrypt with the merchant private key", e);
    }
  }

  private static Provider resolveProvider() {
    try {
      return Cipher.getInstance(TRANSFORMATION).getProvider();
    } catch (NoSuchAlgorithmException | NoSuchPaddingException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
