package io.github.membercard.wechatpay.auth;

import io.github.membercard.wechatpay.WechatPayVerificationException;
import io.github.membercard.wechatpay.WechatPayVerificationException.Reason;
import io.github.membercard.wechatpay.keys.SerialNumbers;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Refuses a signed answer or notification seen before: one whose key ({@code Wechatpay-Serial}, as
 * the number or id it names), {@code Wechatpay-Timestamp} and {@code Wechatpay-Nonce} equal those
 * of a message already accepted. WeChat Pay signs each answer, and each redelivery of a
 * notification, with a fresh nonce, so only a copy repeats all three. Optional: give one to {@code
 * WechatPayClient.Builder#replayGuard} or {@code NotificationParser.Builder#replayGuard}.
 *
 * <p>Bounded: a message is remembered until its timestamp leaves the five-minute window (after
 * which the timestamp check refuses it anyway), and at most {@code capacity} messages are
 * remembered; past that the oldest is forgotten first, so a copy of it would be accepted again
 * within its window. Only messages whose signature verified are remembered, so no one without
 * WeChat Pay's key can fill it. One guard covers one process: it does not see what another replica
 * accepted. Thread-safe.
 */
public final class ReplayGuard {

  /** The messages remembered unless a capacity is given: 100 000. */
  public static final int DEFAULT_CAPACITY = 100_000;

  private final int capacity;

  /** Each message's key, with its timestamp in seconds, oldest accepted first. */
  private final LinkedHashMap<String, Long> seen = new LinkedHashMap<>();

  /** Creates a guard remembering up to {@value #DEFAULT_CAPACITY} messages. */
  public ReplayGuard() {
    this(DEFAULT_CAPACITY);
  }

  /**
   * Creates a guard remembering up to {@code capacity} messages.
   *
   * @param capacity the most messages remembered at once, positive
   * @throws IllegalArgumentException if {@code capacity} is not positive
   */
  public ReplayGuard(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be positive, but is " + capacity);
    }
    this.capacity = capacity;
  }

  /**
   * Remembers a message whose signature verified, refusing it if it was remembered already.
   *
   * @param verified a message whose timestamp and signature were checked
   * @param timestamp its {@code Wechatpay-Timestamp}, in seconds
   * @param now local time, in seconds since the epoch
   * @throws WechatPayVerificationException ({@code REPLAYED}) if it was accepted before
   */
  synchronized void accept(SignedMessage verified, long timestamp, long now) {
    forgetBefore(now - WechatPayProtocol.MAX_CLOCK_SKEW.getSeconds());
    String key = key(verified);
    if (seen.containsKey(key)) {
      throw new WechatPayVerificationException(
          Reason.REPLAYED,
          "this signed message (timestamp "
              + timestamp
              + ") was accepted before; WeChat Pay signs each delivery afresh",
          verified.requestId());
    }
    if (seen.size() >= capacity) {
      Iterator<Long> oldest = seen.values().iterator();
      oldest.next();
      oldest.remove();
    }
    seen.put(key, timestamp);
  }

  /** Forgets messages the timestamp check refuses by now. */
  private void forgetBefore(long oldestFresh) {
    Iterator<Map.Entry<String, Long>> entries = seen.entrySet().iterator();
    while (entries.hasNext()) {
      if (entries.next().getValue() >= oldestFresh) {
        return; // accepted in about timestamp order; a late one is forgotten on a later pass
      }
      entries.remove();
    }
  }

  /** The serial as the key it names, so another spelling of it is the same message. */
  private static String key(SignedMessage message) {
    String serial =
        SerialNumbers.parse(message.serial()).map(SerialNumbers::hex).orElse(message.serial());
    return serial + '\n' + message.timestamp() + '\n' + message.nonce();
  }

  @Override
  public synchronized String toString() {
    return "ReplayGuard{remembered=" + seen.size() + ", capacity=" + capacity + "}";
  }
}
