package io.github.membercard.wechatpay.http;

import feign.InvocationContext;
import feign.ResponseInterceptor;
import feign.codec.DecodeException;
import io.github.membercard.wechatpay.WechatPayException;
import java.util.Optional;

/**
 * Feign wraps anything a decoder throws in a {@link DecodeException}; this lets a {@link
 * WechatPayException} raised while decoding (a field that will not decrypt) reach the caller as
 * itself.
 */
public final class TypedExceptionUnwrapper implements ResponseInterceptor {

  @Override
  public Object intercept(InvocationContext context, Chain chain) throws Exception {
    try {
      return chain.next(context);
    } catch (DecodeException e) {
      Optional<WechatPayException> typed = WechatPayException.causeOf(e);
      if (typed.isPresent()) {
        throw typed.get();
      }
      throw e;
    }
  }
}
