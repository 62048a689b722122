package io.github.membercard.wechatpay.http;

import io.github.membercard.wechatpay.keys.WechatPayKeys;
import feign.RequestInterceptor;
import feign.RequestTemplate;
import java.util.Objects;

/**
 * Names the current WeChat Pay key in {@code Wechatpay-Serial} on requests that have no body; a
 * request with a body already names the key {@link WechatPayEncoder} encrypted it with.
 */
public final class WechatPaySerialInterceptor implements RequestInterceptor {

  static final String WECHATPAY_SERIAL = "Wechatpay-Serial";

  private final WechatPayKeys keys;

  public WechatPaySerialInterceptor(WechatPayKeys keys) {
    this.keys = Objects.requireNonNull(keys, "keys");
  }

  @Override
  public void apply(RequestTemplate template) {
    if (!template.headers().containsKey(WECHATPAY_SERIAL)) {
      template.header(WECHATPAY_SERIAL, keys.encryptionKey().id());
    }
  }
}
