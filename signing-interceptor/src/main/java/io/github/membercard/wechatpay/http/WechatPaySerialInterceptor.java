package io.github.membercard.wechatpay.http;

import feign.RequestInterceptor;
import feign.RequestTemplate;
import io.github.membercard.wechatpay.auth.WechatPayProtocol;
import io.github.membercard.wechatpay.crypto.RsaOaep;
import io.github.membercard.wechatpay.keys.EncryptionKey;
import io.github.membercard.wechatpay.keys.WechatPayKeys;
import java.lang.reflect.Method;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Names a WeChat Pay key in {@code Wechatpay-Serial} on every request. A request with a body
 * already names the key {@link WechatPayEncoder} encrypted it with; otherwise this picks the
 * current key, and encrypts under it the query parameters the method marks {@link
 * EncryptedQueryParameter} (which the spec puts only on operations without a body), so the header
 * and the ciphertext cannot disagree.
 */
public final class WechatPaySerialInterceptor implements RequestInterceptor {

  private final WechatPayKeys keys;

  /**
   * Creates the interceptor.
   *
   * @param keys the WeChat Pay keys, which pick the current key to name and encrypt under
   */
  public WechatPaySerialInterceptor(WechatPayKeys keys) {
    this.keys = Objects.requireNonNull(keys, "keys");
  }

  @Override
  public void apply(RequestTemplate template) {
    if (template.headers().containsKey(WechatPayProtocol.WECHATPAY_SERIAL)) {
      return;
    }
    EncryptionKey key = keys.encryptionKey();
    Method method = GeneratedMethods.of(template);
    EncryptedQueryParameter[] encrypted =
        method == null
            ? new EncryptedQueryParameter[0]
            : method.getAnnotationsByType(EncryptedQueryParameter.class);
    for (EncryptedQueryParameter parameter : encrypted) {
      Collection<String> plaintext = template.queries().get(parameter.value());
      if (plaintext != null) {
        List<String> ciphertext = new ArrayList<>();
        // Feign keeps percent-escapes as they are: Base64's + / = must not reach the wire raw.
        plaintext.forEach(
            value ->
                ciphertext.add(
                    URLEncoder.encode(
                        RsaOaep.encrypt(key.publicKey(), decoded(value)), StandardCharsets.UTF_8)));
        template.query(parameter.value(), List.of());
        template.query(parameter.value(), ciphertext);
      }
    }
    template.header(WechatPayProtocol.WECHATPAY_SERIAL, key.id());
  }

  /** The caller's value: Feign has already percent-encoded it into the query. */
  private static String decoded(String value) {
    return java.net.URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
