package io.github.membercard.wechatpay.auth;

import java.security.SecureRandom;
import java.util.function.Supplier;

/**
 * Random alphanumerics from a {@link SecureRandom}; 32 of them make the usual {@code nonce_str}.
 */
public final class NonceGenerator implements Supplier<String> {

  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final int NONCE_STR_LENGTH = 32;

  private final SecureRandom random = new SecureRandom();
  private final int length;

  /** Generates 32-character nonces. */
  public NonceGenerator() {
    this(NONCE_STR_LENGTH);
  }

  /**
   * Creates a generator of nonces of the given length, drawn from letters and digits; a length
   * below 1 is an {@link IllegalArgumentException}.
   *
   * @param length how many characters each value has
   */
  public NonceGenerator(int length) {
    if (length < 1) {
      throw new IllegalArgumentException("length must be positive, not " + length);
    }
    this.length = length;
  }

  @Override
  public String get() {
    char[] nonce = new char[length];
    for (int i = 0; i < length; i++) {
      nonce[i] = ALPHABET[random.nextInt(ALPHABET.length)];
    }
    return new String(nonce);
  }
}
