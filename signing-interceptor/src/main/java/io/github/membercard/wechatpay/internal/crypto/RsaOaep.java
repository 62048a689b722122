package io.github.membercard.wechatpay.internal.crypto;

import io.github.membercard.wechatpay.WechatPayDecryptionException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.NoSuchPaddingException;

/**
 * RSA/ECB/OAEPWithSHA-1AndMGF1Padding over UTF-8, Base64 on the wire: the encryption of APIv3
 * sensitive fields. The JDK provider is resolved once, and {@link Cipher} engines for encrypting
 * and for decrypting are pooled ({@link EnginePool}), each initialised again only when the key it
 * is used with changes (OAEP draws fresh random padding on every encryption all the same).
 */
public final class RsaOaep {

  private static final String TRANSFORMATION = "RSA/ECB/OAEPWithSHA-1AndMGF1Padding";
  private static final Provider PROVIDER = resolveProvider();

  private static final EnginePool<Engine> ENCRYPTORS =
      new EnginePool<>(() -> new Engine(Cipher.ENCRYPT_MODE));
  private static final EnginePool<Engine> DECRYPTORS =
      new EnginePool<>(() -> new Engine(Cipher.DECRYPT_MODE));

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
    Engine engine = ENCRYPTORS.take();
    try {
      return Base64.getEncoder()
          .encodeToString(engine.under(key).doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      engine.forget();
      throw new IllegalArgumentException(
          "RSA-OAEP encryption failed: the value may be too long for the key", e);
    } finally {
      ENCRYPTORS.give(engine);
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
    Engine engine = DECRYPTORS.take();
    try {
      byte[] ciphertext = Base64.getDecoder().decode(base64Ciphertext);
      return new String(engine.under(key).doFinal(ciphertext), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      engine.forget();
      throw new WechatPayDecryptionException(
          "An encrypted field does not decrypt with the merchant private key", e);
    } finally {
      DECRYPTORS.give(engine);
    }
  }

  private static Provider resolveProvider() {
    try {
      return Cipher.getInstance(TRANSFORMATION).getProvider();
    } catch (NoSuchAlgorithmException | NoSuchPaddingException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * One {@link Cipher} for one direction, used by one thread at a time, and the key it was last
   * initialised with; {@code doFinal} leaves it initialised with that key, and after a failure it
   * is initialised afresh.
   */
  private static final class Engine {

    private final int mode;
    private final Cipher cipher;
    private Key key;

    Engine(int mode) {
      this.mode = mode;
      try {
        cipher = Cipher.getInstance(TRANSFORMATION, PROVIDER);
      } catch (NoSuchAlgorithmException | NoSuchPaddingException e) {
        throw new IllegalStateException(TRANSFORMATION + " is missing from " + PROVIDER, e);
      }
    }

    Cipher under(Key wanted) throws GeneralSecurityException {
      if (key != wanted) {
        key = null;
        cipher.init(mode, wanted);
        key = wanted;
      }
      return cipher;
    }

    void forget() {
      key = null;
    }
  }
}
