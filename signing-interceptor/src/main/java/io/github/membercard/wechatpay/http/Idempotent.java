package io.github.membercard.wechatpay.http;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a generated write method that WeChat Pay processes once per idempotency key, so that the
 * runtime may retry it when retries are enabled. Generated from {@code
 * x-wechatpay-idempotency-key}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Idempotent {

  /**
   * Returns the request property that carries the idempotency key, such as {@code out_request_no}.
   *
   * @return the name of the idempotency key property
   */
  String value();
}
