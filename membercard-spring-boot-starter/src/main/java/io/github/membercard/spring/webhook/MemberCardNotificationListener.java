package io.github.membercard.spring.webhook;

import io.github.membercard.wechatpay.Notification;

/**
 * Handles the verified, decrypted notifications the webhook receives. Exactly one bean of this type
 * is needed when {@code membercard.wechatpay.webhook.enabled=true}.
 *
 * <p>The webhook acknowledges a notification only after this method returned: return once the work
 * it asks for is done (or was done for an earlier delivery of the same {@link Notification#id()}:
 * WeChat Pay delivers again until acknowledged, so handling must be idempotent). Throw to have it
 * delivered again later; the webhook answers 500.
 */
@FunctionalInterface
public interface MemberCardNotificationListener {

  /**
   * Handles one notification.
   *
   * @param notification verified and decrypted; {@link Notification#resource()} is the event's
   *     model, chosen by its event type
   * @throws Exception to have WeChat Pay deliver it again later
   */
  void onNotification(Notification notification) throws Exception;
}
