package io.github.membercard.wechatpay.internal.http;

import feign.MethodMetadata;
import feign.RequestInterceptor;
import feign.RequestTemplate;
import io.github.membercard.wechatpay.internal.auth.WechatPayProtocol;
import io.github.membercard.wechatpay.internal.keys.VerificationKeys;
import java.util.Objects;

/**
 * Names a WeChat Pay key in {@code Wechatpay-Serial} on every request. A request with an argument
 * already names the key {@link WechatPayEncoder} encrypted its fields with; a call without one gets
 * the current key.
 */
public final class WechatPaySerialInterceptor implements RequestInterceptor {

  private final VerificationKeys keys;

  /**
   * Creates the interceptor.
   *
   * @param keys the WeChat Pay keys, which pick the current key to name
   */
  public WechatPaySerialInterceptor(VerificationKeys keys) {
    this.keys = Objects.requireNonNull(keys, "keys");
  }

  @Override
  public void apply(RequestTemplate template) {
    // A method with a body argument went through the encoder, which named its key; asking the
    // template for its headers would copy them all.
    MethodMetadata method = template.methodMetadata();
    if (method != null && method.bodyIndex() != null) {
      return;
    }
    if (!template.headers().containsKey(WechatPayProtocol.WECHATPAY_SERIAL)) {
      template.header(WechatPayProtocol.WECHATPAY_SERIAL, keys.encryptionKey().id());
    }
  }
}
