package io.github.membercard.wechatpay.auth;

import java.util.Collection;
import java.util.Map;

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

  // In the order of the record's components.
  private static final String[] NAMES = {
    WechatPayProtocol.WECHATPAY_TIMESTAMP,
    WechatPayProtocol.WECHATPAY_NONCE,
    WechatPayProtocol.WECHATPAY_SIGNATURE,
    WechatPayProtocol.WECHATPAY_SERIAL,
    WechatPayProtocol.REQUEST_ID
  };

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
    // One pass over the headers as they are, rather than a case-insensitive copy of them all.
    String[] values = new String[NAMES.length];
    for (Map.Entry<String, ? extends Collection<String>> header : headers.entrySet()) {
      for (int i = 0; i < NAMES.length; i++) {
        if (values[i] == null && NAMES[i].equalsIgnoreCase(header.getKey())) {
          values[i] = first(header.getValue());
        }
      }
    }
    return new SignedMessage(values[0], values[1], values[2], values[3], values[4], body);
  }

  private static String first(Collection<String> values) {
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
