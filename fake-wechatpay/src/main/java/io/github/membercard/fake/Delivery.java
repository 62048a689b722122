package io.github.membercard.fake;

/**
 * A notification the fake delivered, and how the endpoint answered.
 *
 * @param id the notification id; {@link FakeWechatPay#redeliver} sends the same one again
 * @param eventType its {@code event_type}
 * @param url where it was delivered
 * @param body the envelope exactly as sent
 * @param status the endpoint's HTTP status
 * @param answer the endpoint's answer body
 */
public record Delivery(
    String id, String eventType, String url, String body, int status, String answer) {

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
