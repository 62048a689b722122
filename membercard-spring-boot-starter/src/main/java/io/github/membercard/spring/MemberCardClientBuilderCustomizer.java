package io.github.membercard.spring;

import io.github.membercard.wechatpay.WechatPayClient;

/**
 * Changes the builder of each client the starter builds, after the properties were applied: for
 * settings no property has, such as an {@code ResponseListener}, a clock or an HTTP client of the
 * application's own. Define one or more beans of this type; they are applied in their order.
 */
@FunctionalInterface
public interface MemberCardClientBuilderCustomizer {

  /**
   * Changes the builder.
   *
   * @param builder the builder, with every property applied
   */
  void customize(WechatPayClient.Builder builder);
}
