package io.github.membercard.wechatpay.internal.auth;

import java.security.SecureRandom;
import java.util.function.Supplier;

/**
 * Random alphanumerics from a {@link SecureRandom}; 32 of them make the usual {@code nonce_str}.
 */
public final class NonceGenerator implements Supplier<String> {

  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final int NONCE_STR_LENGTH = 32;
  // The largest multiple of the alphabet's size a byte can hold: 248 for 62 characters.
  private static final int UNBIASED_LIMIT = 256 - 256 % ALPHABET.length;

  private final SecureRandom random;
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
    this(length, new SecureRandom());
  }

  /** Draws from the given source; tests hand in one whose bytes they choose. */
  NonceGenerator(int length, SecureRandom random) {
    if (length < 1) {
      throw new IllegalArgumentException("length must be positive, not " + length);
    }
    this.length = length;
    this.random = random;
  }

  @Override
  public String get() {
    // One draw of random bytes per nonce rather than one per character: SecureRandom locks on
    // every call, which callers on many threads would queue for.
    char[] nonce = new char[length];
    byte[] draw = new byte[length + length / 2];
    int filled = 0;
    while (filled < length) {
      random.nextBytes(draw);
      for (int i = 0; i < draw.length && filled < length; i++) {
        int value = draw[i] & 0xff;
        if (value < UNBIASED_LIMIT) { // keeps every character equally likely
          nonce[filled++] = ALPHABET[value % ALPHABET.length];
        }
      }
    }
    return new String(nonce);
  }
}
