package io.github.membercard.spring.test;

import io.github.membercard.fake.Delivery;
import io.github.membercard.fake.FakeWechatPay;
import java.util.Objects;
import org.springframework.core.env.Environment;

/**
 * Delivers the fake's signed, encrypted notifications to the application's own webhook, as WeChat
 * Pay would, in a {@code @SpringBootTest(webEnvironment = RANDOM_PORT)}: the notify URL is {@code
 * http://127.0.0.1:<local.server.port><membercard.wechatpay.webhook.path>}.
 */
public class FakeWechatPayWebhook {

  private final FakeWechatPay fake;
  private final String path;
  private final Environment environment;

  /**
   * Creates the helper.
   *
   * @param fake the fake that signs and sends
   * @param path the webhook's path
   * @param environment where the running server's {@code local.server.port} is found
   */
  public FakeWechatPayWebhook(FakeWechatPay fake, String path, Environment environment) {
    this.fake = Objects.requireNonNull(fake, "fake");
    this.path = Objects.requireNonNull(path, "path");
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  /**
   * Returns the application's notify URL.
   *
   * @return the URL the fake delivers to
   * @throws IllegalStateException if no server runs: the test needs {@code webEnvironment =
   *     RANDOM_PORT} or {@code DEFINED_PORT}
   */
  public String url() {
    String url = notifyUrl(environment, path);
    if (url == null) {
      throw new IllegalStateException(
          "No web server runs: deliveries need @SpringBootTest(webEnvironment = RANDOM_PORT)");
    }
    return url;
  }

  /** The webhook's URL on the running server, or {@code null} while none runs. */
  static String notifyUrl(Environment environment, String path) {
    String port = environment.getProperty("local.server.port");
    return port == null ? null : "http://127.0.0.1:" + port + path;
  }

  /**
   * Delivers a notification with the spec's example resource.
   *
   * @param eventType an event type of the spec, such as {@code
   *     BRAND_MEMBER_CARD_SP.USER_CARD.CREATE}
   * @return what was sent and how the webhook answered
   */
  public Delivery deliver(String eventType) {
    return fake.deliver(url(), eventType);
  }

  /**
   * Delivers a notification whose resource is the spec's example with {@code resource}'s properties
   * laid over it, sensitive ones in plaintext.
   *
   * @param eventType an event type of the spec
   * @param resource plaintext resource properties, such as {@code {"phone_number":"13900001111"}}
   * @return what was sent and how the webhook answered
   */
  public Delivery deliver(String eventType, String resource) {
    return fake.deliver(url(), eventType, resource);
  }

  /**
   * Sends a delivered notification again, same id and body, freshly signed.
   *
   * @param delivery an earlier delivery
   * @return how the webhook answered this time
   */
  public Delivery redeliver(Delivery delivery) {
    return fake.redeliver(delivery);
  }
}
