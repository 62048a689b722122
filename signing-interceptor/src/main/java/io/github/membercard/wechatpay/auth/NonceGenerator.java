package io.github.membercard.wechatpay.auth;

import java.security.SecureRandom;
import java.util.function.Supplier;

/** 32 random alphanumerics from a {@link SecureRandom}: the usual {@code nonce_str}. */
public final class NonceGenerator implements Supplier<String> {

  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final int LENGTH = 32;

  private final SecureRandom random = new SecureRandom();

  @Override
  public String get() {
    char[] nonce = new char[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      nonce[i] = ALPHABET[random.nextInt(ALPHABET.length)];
    }
    return new String(nonce);
  }
}
