package io.github.membercard.wechatpay;

import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * A verified, decrypted notification. {@link #resource()} is the event's model when the event type
 * is known, or the decrypted JSON as a {@code JsonNode} when it is not; encrypted fields in a model
 * are already decrypted with the merchant private key.
 *
 * <p>WeChat Pay redelivers a notification until it is acknowledged, so the same {@link #id()} can
 * arrive more than once: handlers must be idempotent.
 */
public final class Notification {

  private final String id;
  private final OffsetDateTime createTime;
  private final String eventType;
  private final String resourceType;
  private final String summary;
  private final String originalType;
  private final String requestId;
  private final String resourceJson;
  private final Object resource;
  private final boolean knownEventType;

  Notification(
      String id,
      OffsetDateTime createTime,
      String eventType,
      String resourceType,
      String summary,
      String originalType,
      String requestId,
      String resourceJson,
      Object resource,
      boolean knownEventType) {
    this.id = id;
    this.createTime = createTime;
    this.eventType = eventType;
    this.resourceType = resourceType;
    this.summary = summary;
    this.originalType = originalType;
    this.requestId = requestId;
    this.resourceJson = resourceJson;
    this.resource = resource;
    this.knownEventType = knownEventType;
  }

  /**
   * Returns the notification id, by which a redelivery is recognised.
   *
   * @return the notification id; the same for every redelivery
   */
  public String id() {
    return id;
  }

  /**
   * Returns the notification's {@code create_time}, with the offset WeChat Pay gave.
   *
   * @return when WeChat Pay created it
   */
  public OffsetDateTime createTime() {
    return createTime;
  }

  /**
   * Returns what happened, as WeChat Pay's {@code event_type}; it decides the type of {@link
   * #resource()}.
   *
   * @return the {@code event_type}, such as {@code BRAND_MEMBER_CARD_SP.USER_CARD.CREATE}
   */
  public String eventType() {
    return eventType;
  }

  /**
   * Returns the envelope's {@code resource_type}, or {@code null} when it has none.
   *
   * @return the {@code resource_type}, normally {@code encrypt-resource}
   */
  public String resourceType() {
    return resourceType;
  }

  /**
   * Returns the envelope's {@code summary}, WeChat Pay's short description of the event, or {@code
   * null} when it has none.
   *
   * @return WeChat Pay's summary
   */
  public String summary() {
    return summary;
  }

  /**
   * Returns the resource's {@code original_type}, or {@code null} when it has none.
   *
   * @return the resource's {@code original_type}
   */
  public String originalType() {
    return originalType;
  }

  /**
   * Returns the {@code Request-ID} of the delivery, to quote to WeChat Pay support.
   *
   * @return the delivery's {@code Request-ID} header, cleaned and cut, or {@code null}
   */
  public String requestId() {
    return requestId;
  }

  /**
   * Tells whether the parser had a model for this event type.
   *
   * @return whether {@link #resource()} is a typed model rather than plain JSON
   */
  public boolean isKnownEventType() {
    return knownEventType;
  }

  /**
   * Returns the decrypted resource: a model with its sensitive fields decrypted, or JSON for an
   * event type the parser has no model for.
   *
   * @return the event's model for a known event type, else a {@code JsonNode}
   */
  public Object resource() {
    return resource;
  }

  /**
   * Returns the resource cast to {@code type}, if it is one; empty for a resource of another type,
   * such as the JSON of an event type with no model.
   *
   * @param type the expected model class
   * @param <T> the model type
   * @return the resource if it is of that type
   */
  public <T> Optional<T> resource(Class<T> type) {
    return type.isInstance(resource) ? Optional.of(type.cast(resource)) : Optional.empty();
  }

  /**
   * Returns the resource as decrypted from the envelope, before it is read into a model.
   *
   * @return the decrypted resource JSON; fields encrypted with RSA are still ciphertext in it
   */
  public String resourceJson() {
    return resourceJson;
  }

  /** Names the notification, never its content, which carries personal data. */
  @Override
  public String toString() {
    return "Notification{id="
        + id
        + ", eventType="
        + eventType
        + ", createTime="
        + createTime
        + "}";
  }
}
