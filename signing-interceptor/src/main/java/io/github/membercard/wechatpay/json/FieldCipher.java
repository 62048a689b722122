package io.github.membercard.wechatpay.json;

/**
 * Turns one sensitive value into the other form: plaintext to ciphertext when writing, ciphertext
 * to plaintext when reading. Passed to Jackson per call, so each request uses the key chosen for
 * it.
 */
@FunctionalInterface
public interface FieldCipher {

  /**
   * Transforms one sensitive value: encrypts it when a request is written, decrypts it when an
   * answer or notification is read.
   *
   * @param value the value to transform
   * @return the transformed value
   */
  String apply(String value);
}
