package io.github.membercard.wechatpay.auth;

import io.github.membercard.wechatpay.WechatPayVerificationException;
import io.github.membercard.wechatpay.WechatPayVerificationException.Reason;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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
   * Picks a message's {@code Wechatpay-*} and {@code Request-ID} headers out of all it came with; a
   * missing one is {@code null}. A {@code Wechatpay-*} header given more than once (whatever the
   * case of its name) is refused: which of the values WeChat Pay signed would be a guess.
   *
   * @param headers the headers as received, any name case
   * @param body the body exactly as received
   * @return the message
   * @throws WechatPayVerificationException ({@code REPEATED_HEADER}) if a {@code Wechatpay-*}
   *     header has more than one value
   */
  public static SignedMessage of(Map<String, ? extends Collection<String>> headers, byte[] body) {
    Map<String, List<String>> byName = byName(headers);
    String requestId = first(byName, WechatPayProtocol.REQUEST_ID);
    return new SignedMessage(
        single(byName, WechatPayProtocol.WECHATPAY_TIMESTAMP, requestId),
        single(byName, WechatPayProtocol.WECHATPAY_NONCE, requestId),
        single(byName, WechatPayProtocol.WECHATPAY_SIGNATURE, requestId),
        single(byName, WechatPayProtocol.WECHATPAY_SERIAL, requestId),
        requestId,
        body);
  }

  /**
   * Returns the one value of a header WeChat Pay signs with, such as {@code
   * Wechatpay-Signature-Type}.
   *
   * @param headers the headers as received, any name case
   * @param name the header's name
   * @return its value, or {@code null} if it is missing
   * @throws WechatPayVerificationException ({@code REPEATED_HEADER}) if it has more than one value
   */
  public static String singleHeader(
      Map<String, ? extends Collection<String>> headers, String name) {
    Map<String, List<String>> byName = byName(headers);
    return single(byName, name, first(byName, WechatPayProtocol.REQUEST_ID));
  }

  /** Gathers the values of each header, names that differ only in case together. */
  private static Map<String, List<String>> byName(
      Map<String, ? extends Collection<String>> headers) {
    Map<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach(
        (name, values) -> {
          if (name != null && values != null) {
            byName.computeIfAbsent(name, key -> new ArrayList<>()).addAll(values);
          }
        });
    return byName;
  }

  private static String single(Map<String, List<String>> headers, String name, String requestId) {
    List<String> values = headers.getOrDefault(name, List.of());
    if (values.size() > 1) {
      throw new WechatPayVerificationException(
          Reason.REPEATED_HEADER,
          name + " is given " + values.size() + " times; WeChat Pay sends it once",
          requestId);
    }
    return values.isEmpty() ? null : values.get(0);
  }

  private static String first(Map<String, List<String>> headers, String name) {
    List<String> values = headers.getOrDefault(name, List.of());
    return values.isEmpty() ? null : values.get(0);
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
