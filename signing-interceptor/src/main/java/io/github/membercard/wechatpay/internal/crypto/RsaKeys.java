package io.github.membercard.wechatpay.internal.crypto;

import io.github.membercard.wechatpay.WechatPayConfigurationException;
import java.security.Key;
import java.security.interfaces.RSAKey;

/**
 * What WeChat Pay APIv3 requires of every key it signs, verifies or encrypts with: RSA, with a
 * modulus of at least {@value #MINIMUM_BITS} bits ({@code WECHATPAY2-SHA256-RSA2048}). Checked
 * wherever a key enters the runtime, so a weak key fails when the client is built, not in
 * production traffic.
 */
public final class RsaKeys {

  /** The smallest RSA modulus accepted, in bits. */
  public static final int MINIMUM_BITS = 2048;

  private RsaKeys() {}

  /**
   * Checks that a key is an RSA key of at least {@value #MINIMUM_BITS} bits.
   *
   * @param key the key
   * @param what names the key in the message, such as {@code "file apiclient_key.pem"}
   * @param <K> the key type
   * @return {@code key}
   * @throws WechatPayConfigurationException if it is not RSA, or too short
   */
  public static <K extends Key> K requireStrong(K key, String what) {
    int bits = ((RSAKey) requireRsa(key, what)).getModulus().bitLength();
    if (bits < MINIMUM_BITS) {
      throw new WechatPayConfigurationException(
          "pem",
          what
              + " holds a "
              + bits
              + "-bit RSA key, but WeChat Pay APIv3 needs at least "
              + MINIMUM_BITS
              + " bits");
    }
    return key;
  }

  /**
   * Checks that a key is an RSA key, whatever its size.
   *
   * @param key the key
   * @param what names the key in the message
   * @param <K> the key type
   * @return {@code key}
   * @throws WechatPayConfigurationException if it is not RSA
   */
  public static <K extends Key> K requireRsa(K key, String what) {
    if (!(key instanceof RSAKey)) {
      String algorithm = key.getAlgorithm();
      throw new WechatPayConfigurationException(
          "pem",
          what
              + " holds "
              + article(algorithm)
              + " "
              + algorithm
              + " key, but WeChat Pay APIv3 needs RSA");
    }
    return key;
  }

  /** "an" before an algorithm name read letter by letter from a vowel sound (EC, Ed25519, XDH). */
  private static String article(String algorithm) {
    return !algorithm.isEmpty()
            && "AEFHILMNORSX".indexOf(Character.toUpperCase(algorithm.charAt(0))) >= 0
        ? "an"
        : "a";
  }
}
