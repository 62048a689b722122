package io.github.membercard.wechatpay.http;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The request rate WeChat Pay allows a generated method, from {@code x-wechatpay-rate-limit}; the
 * runtime keeps to it when rate limiting is enabled.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RateLimit {

  /**
   * Returns how many requests a second WeChat Pay accepts.
   *
   * @return the allowed requests per second
   */
  int requestsPerSecond();

  /**
   * Returns what the limit is counted per, as the doc page says.
   *
   * @return the scope of the limit, in the doc page's words
   */
  String scope();
}
