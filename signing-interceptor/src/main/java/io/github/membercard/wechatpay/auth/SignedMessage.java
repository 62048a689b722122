package io.github.membercard.wechatpay.auth;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * A message WeChat Pay signed: an answer or a notification, as its {@code Wechatpay-*} headers and
 * raw body bytes. Header names are matched case-insensitively.
 *
 * @param timestamp {@code Wechatpay-Timestamp}
 * @param nonce {@code Wechatpay-Nonce}
 * @param signature {@code Wechatpay-Signature}
 * @param serial {@code Wechatpay-Serial}
 * @param requestId {@code Request-ID}
 * @param body the body exactly as received; empty when there is none
 */
public record SignedMessage(
    String timestamp,
    String nonce,
    String signature,
    String serial,
    String requestId,
    byte[] body) {

  public SignedMessage {
    body = body == null ? new byte[0] : body;
  }

  /**
   * Picks a message's {@code Wechatpay-*} and {@code Request-ID} headers out of all it came with,
   * taking the first value of each; a missing one is {@code null}.
   *
   * @param headers the headers as received, any name case
   * @param body the body exactly as received
   * @return the message
   */
  public static SignedMessage of(Map<String, ? extends Collection<String>> headers, byte[] body) {
    Map<String, Collection<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    byName.putAll(headers);
    return new SignedMessage(
        first(byName, WechatPayProtocol.WECHATPAY_TIMESTAMP),
        first(byName, WechatPayProtocol.WECHATPAY_NONCE),
        first(byName, WechatPayProtocol.WECHATPAY_SIGNATURE),
        first(byName, WechatPayProtocol.WECHATPAY_SERIAL),
        first(byName, WechatPayProtocol.REQUEST_ID),
        body);
  }

  private static String first(Map<String, Collection<String>> headers, String name) {
    Collection<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.iterator().next();
  }

  @Override
  public String toString() {
    return "SignedMessage{timestamp="
        + timestamp
        + ", serial="
        + serial
        + ", requestId="
        + requestId
        + ", bodyBytes="
        + body.length
        + "}";
  }
}
