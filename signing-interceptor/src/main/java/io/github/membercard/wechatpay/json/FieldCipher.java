package io.github.membercard.wechatpay.json;

/**
 * Turns one sensitive value into the other form: plaintext to ciphertext when writing, ciphertext
 * to plaintext when reading. Passed to Jackson per call, so each request uses the key chosen for
 * it.
 */
@FunctionalInterface
public interface FieldCipher {

  /**
   * @param value the value to transform
   * @return the transformed value
   */
  String apply(String value);
}
