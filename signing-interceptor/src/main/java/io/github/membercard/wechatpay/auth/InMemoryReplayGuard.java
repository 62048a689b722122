package io.github.membercard.wechatpay.auth;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@link ReplayGuard#inMemory(int)}: bounded, oldest accepted forgotten first. */
final class InMemoryReplayGuard implements ReplayGuard {

  private final int capacity;

  /** Each message's key, with when it may be forgotten, oldest accepted first. */
  private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

  InMemoryReplayGuard(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be positive, but is " + capacity);
    }
    this.capacity = capacity;
  }

  @Override
  public synchronized boolean firstSeen(String messageKey, Instant forgetAfter, Instant now) {
    forgetExpired(now);
    if (seen.containsKey(messageKey)) {
      return false;
    }
    if (seen.size() >= capacity) {
      Iterator<Instant> oldest = seen.values().iterator();
      oldest.next();
      oldest.remove();
    }
    seen.put(messageKey, forgetAfter);
    return true;
  }

  /** Forgets messages the timestamp check refuses by now. */
  private void forgetExpired(Instant now) {
    Iterator<Map.Entry<String, Instant>> entries = seen.entrySet().iterator();
    while (entries.hasNext()) {
      if (!entries.next().getValue().isBefore(now)) {
        return; // accepted in about timestamp order; a late one is forgotten on a later pass
      }
      entries.remove();
    }
  }

  @Override
  public synchronized String toString() {
    return "ReplayGuard{remembered=" + seen.size() + ", capacity=" + capacity + "}";
  }
}
