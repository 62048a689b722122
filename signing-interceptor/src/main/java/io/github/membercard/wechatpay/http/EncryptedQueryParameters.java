package io.github.membercard.wechatpay.http;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Holds the {@link EncryptedQueryParameter}s of a method that has more than one. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface EncryptedQueryParameters {

  /**
   * Returns the method's {@link EncryptedQueryParameter} annotations, one per encrypted parameter.
   *
   * @return the encrypted query parameters
   */
  EncryptedQueryParameter[] value();
}
