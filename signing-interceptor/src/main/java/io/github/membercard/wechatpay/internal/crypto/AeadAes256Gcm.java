package io.github.membercard.wechatpay.internal.crypto;

import io.github.membercard.wechatpay.WechatPayConfigurationException;
import io.github.membercard.wechatpay.WechatPayDecryptionException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AEAD_AES_256_GCM under the merchant's APIv3 key: how WeChat Pay encrypts platform certificates
 * and notification resources. Key = the key's 32 UTF-8 bytes, IV = the nonce's UTF-8 bytes, AAD =
 * the associated data's UTF-8 bytes, ciphertext = Base64 of the encrypted bytes with the 16-byte
 * tag.
 */
public final class AeadAes256Gcm {

  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final int TAG_BITS = 128;

  /**
   * Pooled decrypting engines ({@link EnginePool}): the provider lookup of {@link
   * Cipher#getInstance} costs as much as the decryption of a notification, and a virtual thread per
   * notification would pay it every time with one engine per thread. Every use initialises one
   * afresh, key and nonce included. (An encrypting engine may not be reused with the same nonce, so
   * encryption, for tests and fakes, gets a new one.)
   */
  private static final EnginePool<Cipher> DECRYPTERS = new EnginePool<>(AeadAes256Gcm::newCipher);

  private final SecretKeySpec key;

  /**
   * Creates a cipher under the merchant's APIv3 key.
   *
   * @param apiV3Key the 32-character APIv3 key set in the merchant platform
   * @throws WechatPayConfigurationException if the key is not 32 bytes
   */
  public AeadAes256Gcm(String apiV3Key) {
    if (apiV3Key == null) {
      throw new WechatPayConfigurationException("apiV3Key", "The APIv3 key is missing");
    }
    byte[] bytes = apiV3Key.getBytes(StandardCharsets.UTF_8);
    if (bytes.length != 32) {
      throw new WechatPayConfigurationException(
          "apiV3Key", "The APIv3 key must be 32 bytes, but it is " + bytes.length + " bytes");
    }
    this.key = new SecretKeySpec(bytes, "AES");
  }

  /**
   * Decrypts a resource or certificate WeChat Pay encrypted under the APIv3 key, checking its tag.
   *
   * @param nonce the {@code nonce} field
   * @param associatedData the {@code associated_data} field; {@code null} is treated as empty
   * @param base64Ciphertext the {@code ciphertext} field
   * @return the plaintext
   * @throws WechatPayDecryptionException if the ciphertext was altered or was made under another
   *     key
   */
  public String decrypt(String nonce, String associatedData, String base64Ciphertext) {
    Cipher engine = DECRYPTERS.take();
    try {
      Cipher cipher = init(engine, Cipher.DECRYPT_MODE, nonce, associatedData);
      byte[] plaintext = cipher.doFinal(Base64.getDecoder().decode(base64Ciphertext));
      return new String(plaintext, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | RuntimeException e) {
      // Truncated input surfaces as a ProviderException or IllegalArgumentException, not only as a
      // bad tag.
      throw new WechatPayDecryptionException(
          "AEAD_AES_256_GCM ciphertext does not decrypt: altered, truncated, or not made with this APIv3 key",
          e);
    } finally {
      DECRYPTERS.give(engine); // initialised afresh, key and nonce, by its next use
    }
  }

  /**
   * The inverse of {@link #decrypt}, for tests and fakes that play WeChat Pay's part.
   *
   * @param nonce a 12-character nonce
   * @param associatedData the associated data; {@code null} is treated as empty
   * @param plaintext the text to encrypt
   * @return Base64 ciphertext with the tag appended
   */
  public String encrypt(String nonce, String associatedData, String plaintext) {
    try {
      Cipher cipher = init(newCipher(), Cipher.ENCRYPT_MODE, nonce, associatedData);
      return Base64.getEncoder()
          .encodeToString(cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AEAD_AES_256_GCM encryption failed", e);
    }
  }

  private static Cipher newCipher() {
    try {
      return Cipher.getInstance(TRANSFORMATION);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(TRANSFORMATION + " is missing from this JDK", e);
    }
  }

  private Cipher init(Cipher cipher, int mode, String nonce, String associatedData)
      throws GeneralSecurityException {
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce.getBytes(StandardCharsets.UTF_8)));
    if (associatedData != null) {
      cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
    }
    return cipher;
  }

  @Override
  public String toString() {
    return "AeadAes256Gcm{key=***}";
  }
}
