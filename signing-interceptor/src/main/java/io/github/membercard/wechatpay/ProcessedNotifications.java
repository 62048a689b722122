package io.github.membercard.wechatpay;

/**
 * The notification ids a webhook has handled, so that a notification WeChat Pay delivers again
 * (each delivery signed afresh, so every one verifies) is handled once. A webhook {@link #claim
 * claims} a verified notification's {@link Notification#id()} before handling it, answers success
 * without handling it when the claim fails, and {@link #release releases} it when handling failed,
 * so the next delivery is handled. Implement it over a shared store (a database's unique key, a
 * cache's set-if-absent) where several processes receive notifications; {@link #inMemory(int)}
 * serves one process. Implementations must be thread-safe.
 */
public interface ProcessedNotifications {

  /**
   * Records a notification id as being handled, unless it was recorded before.
   *
   * @param notificationId a verified notification's {@link Notification#id()}
   * @return true if it was not recorded before (handle it now); false if it was (a redelivery or a
   *     copy: do not handle it again)
   */
  boolean claim(String notificationId);

  /**
   * Forgets a claimed id whose handling failed, so that the next delivery is handled.
   *
   * @param notificationId an id {@link #claim} returned true for
   */
  void release(String notificationId);

  /**
   * Returns a store in this process's memory that remembers up to {@code capacity} ids, forgetting
   * the oldest first. WeChat Pay redelivers a notification over hours (up to 24 h), so size it for
   * a day of notifications, or accept that a redelivery after the oldest id was forgotten is
   * handled again; handlers must in any case tolerate a repeat after a restart.
   *
   * @param capacity the most ids remembered, positive
   * @return the store
   * @throws IllegalArgumentException if {@code capacity} is not positive
   */
  static ProcessedNotifications inMemory(int capacity) {
    return new InMemoryProcessedNotifications(capacity);
  }
}
