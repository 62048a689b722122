package io.github.membercard.wechatpay.internal.http;

import feign.MethodMetadata;
import feign.Request;
import feign.RequestTemplate;
import java.lang.reflect.Method;

/**
 * Finds the generated API method behind a request, whose annotations ({@link Idempotent}, {@link
 * RateLimit}, {@link EncryptedQueryParameter}) carry what the spec says of its operation.
 */
final class GeneratedMethods {

  private GeneratedMethods() {}

  /** Returns the method a request was made through, or {@code null} for one built by hand. */
  static Method of(Request request) {
    return of(request.requestTemplate());
  }

  /** Returns the method a request template was made from, or {@code null} for one built by hand. */
  static Method of(RequestTemplate template) {
    MethodMetadata metadata = template == null ? null : template.methodMetadata();
    return metadata == null ? null : metadata.method();
  }
}
