package io.github.membercard.wechatpay.internal.auth;

import io.github.membercard.wechatpay.WechatPayVerificationException;
import io.github.membercard.wechatpay.WechatPayVerificationException.Reason;
import io.github.membercard.wechatpay.internal.http.UntrustedText;
import java.util.Collection;
import java.util.Map;

/**
 * A message WeChat Pay signed: a response or a notification, as its {@code Wechatpay-*} headers and
 * raw body bytes. Header names are matched case-insensitively. {@link #toString()} shows the header
 * values cleaned and cut ({@link UntrustedText#header}), never the signature or the body.
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

  // In the order of the record's components; Request-ID, which is not signed, last.
  private static final String[] NAMES = {
    WechatPayProtocol.WECHATPAY_TIMESTAMP,
    WechatPayProtocol.WECHATPAY_NONCE,
    WechatPayProtocol.WECHATPAY_SIGNATURE,
    WechatPayProtocol.WECHATPAY_SERIAL,
    WechatPayProtocol.REQUEST_ID
  };

  /**
   * Takes a {@code null} body as an empty one.
   *
   * @param timestamp {@code Wechatpay-Timestamp}
   * @param nonce {@code Wechatpay-Nonce}
   * @param signature {@code Wechatpay-Signature}
   * @param serial {@code Wechatpay-Serial}
   * @param requestId {@code Request-ID}
   * @param body the body exactly as received; {@code null} or empty when there is none
   */
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
    String[] values = pick(headers, NAMES);
    return new SignedMessage(values[0], values[1], values[2], values[3], values[4], body);
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
    return pick(headers, name, WechatPayProtocol.REQUEST_ID)[0];
  }

  /**
   * Picks the first value of each named header in one pass over the headers as they are, rather
   * than a case-insensitive copy of them all, and refuses any but {@code Request-ID} given more
   * than once, in one entry or in entries whose names differ in case.
   */
  private static String[] pick(Map<String, ? extends Collection<String>> headers, String... names) {
    String[] values = new String[names.length];
    int[] counts = new int[names.length];
    for (Map.Entry<String, ? extends Collection<String>> header : headers.entrySet()) {
      Collection<String> given = header.getValue();
      for (int i = 0; i < names.length; i++) {
        if (given != null && !given.isEmpty() && names[i].equalsIgnoreCase(header.getKey())) {
          counts[i] += given.size();
          values[i] = values[i] == null ? given.iterator().next() : values[i];
        }
      }
    }
    String requestId = values[names.length - 1];
    for (int i = 0; i < names.length - 1; i++) {
      if (counts[i] > 1) {
        throw new WechatPayVerificationException(
            Reason.REPEATED_HEADER,
            names[i] + " is given " + counts[i] + " times; WeChat Pay sends it once",
            requestId);
      }
    }
    return values;
  }

  @Override
  public String toString() {
    return "SignedMessage{timestamp="
        + UntrustedText.header(timestamp)
        + ", serial="
        + UntrustedText.header(serial)
        + ", requestId="
        + UntrustedText.header(requestId)
        + ", bodyBytes="
        + body.length
        + "}";
  }
}
