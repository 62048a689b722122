package io.github.membercard.fake;

import java.util.List;
import java.util.Map;

/**
 * A notification the fake delivered, and how the endpoint answered.
 *
 * @param id the notification id; {@link FakeWechatPay#redeliver} sends the same one again
 * @param eventType its {@code event_type}
 * @param url where it was delivered
 * @param body the envelope exactly as sent
 * @param headers the headers it was sent with, by name, each with its values in order ({@code
 *     Wechatpay-Signature}, {@code Wechatpay-Timestamp}, {@code Wechatpay-Nonce}, {@code
 *     Wechatpay-Serial}, ...); {@link FakeWechatPay#replay} sends them again unchanged
 * @param status the endpoint's HTTP status, or 0 when it gave none (refused, reset or timed out)
 * @param responseBody the endpoint's response body, or why there was none
 */
public record Delivery(
    String id,
    String eventType,
    String url,
    String body,
    Map<String, List<String>> headers,
    int status,
    String responseBody) {

  /** Copies the headers, so a delivery stays as it was sent. */
  public Delivery {
    headers = Map.copyOf(headers);
  }

  /**
   * Returns the first value of a header the notification was sent with.
   *
   * @param name the header's name, as sent
   * @return its first value, or {@code null} when it was not sent
   */
  public String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /**
   * Tells whether the endpoint answered with a 2xx status, which WeChat Pay takes as
   * acknowledgement.
   *
   * @return whether the endpoint acknowledged it (a 2xx status), so WeChat Pay would stop
   *     delivering it
   */
  public boolean acknowledged() {
    return status >= 200 && status < 300;
  }
}
