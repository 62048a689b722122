package io.github.membercard.wechatpay;

import java.util.LinkedHashSet;
import java.util.Objects;

/** {@link ProcessedNotifications} in memory, bounded, forgetting the oldest id first. */
final class InMemoryProcessedNotifications implements ProcessedNotifications {

  private final int capacity;
  private final LinkedHashSet<String> ids = new LinkedHashSet<>();

  InMemoryProcessedNotifications(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be positive, but is " + capacity);
    }
    this.capacity = capacity;
  }

  @Override
  public synchronized boolean claim(String notificationId) {
    Objects.requireNonNull(notificationId, "notificationId");
    if (ids.contains(notificationId)) {
      return false;
    }
    if (ids.size() >= capacity) {
      ids.remove(ids.iterator().next());
    }
    ids.add(notificationId);
    return true;
  }

  @Override
  public synchronized void release(String notificationId) {
    ids.remove(notificationId);
  }

  @Override
  public synchronized String toString() {
    return "ProcessedNotifications.inMemory{remembered="
        + ids.size()
        + ", capacity="
        + capacity
        + "}";
  }
}
