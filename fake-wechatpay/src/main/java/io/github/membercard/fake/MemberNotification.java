package io.github.membercard.fake;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a member action did: the card it acted on, and the notification it sends (in the background,
 * redelivered on WeChat Pay's schedule until the endpoint answers 2xx; {@link
 * FakeWechatPay#deliveries(String)} lists the attempts).
 *
 * @param notificationId the notification's {@code id}
 * @param eventType its {@code event_type}
 * @param url where it goes: the URL the merchant set, or the configured one
 * @param cardId the card template's id
 * @param code the member's card code
 * @param resource the notification's plaintext resource
 */
public record MemberNotification(
    String notificationId,
    String eventType,
    String url,
    String cardId,
    String code,
    JsonNode resource) {}
