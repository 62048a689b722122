package io.github.membercard.wechatpay.http;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a query parameter of a generated API method whose value travels encrypted: the caller
 * passes plaintext, and the client sends RSA-OAEP ciphertext under the key it names in {@code
 * Wechatpay-Serial}. Generated from {@code x-wechatpay-encrypted} on a query parameter of the spec.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(EncryptedQueryParameters.class)
public @interface EncryptedQueryParameter {

  /**
   * Returns the name of the query parameter whose value travels encrypted.
   *
   * @return the parameter's name on the wire
   */
  String value();
}
