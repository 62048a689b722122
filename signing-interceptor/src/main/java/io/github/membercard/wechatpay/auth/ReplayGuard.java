package io.github.membercard.wechatpay.auth;

import java.time.Instant;

/**
 * Refuses a signed response or notification seen before: one whose key ({@code Wechatpay-Serial},
 * as the number or id it names), {@code Wechatpay-Timestamp} and {@code Wechatpay-Nonce} equal
 * those of a message already accepted. WeChat Pay signs each response, and each redelivery of a
 * notification, with a fresh nonce, so only a copy repeats all three. Optional: give one to {@code
 * WechatPayClient.Builder#replayGuard} or {@code NotificationParser.Builder#replayGuard}.
 *
 * <p>Only messages whose signature and timestamp verified reach a guard, so no one without WeChat
 * Pay's key can fill it, and a message need only be remembered until its timestamp leaves the
 * five-minute window, after which the timestamp check refuses it anyway. {@link #inMemory()} serves
 * one process; implement it over a shared store (a cache's set-if-absent with an expiry) where
 * several replicas call WeChat Pay or receive notifications. Implementations must be thread-safe.
 */
public interface ReplayGuard {

  /** The messages {@link #inMemory()} remembers: 100 000. */
  int DEFAULT_CAPACITY = 100_000;

  /**
   * Remembers a verified message, unless it was remembered before.
   *
   * @param messageKey the message's serial, timestamp and nonce, joined; the same for a copy of it
   * @param forgetAfter when the message may be forgotten: its timestamp plus the five-minute window
   * @param now the verifying clock's time, so that expired messages can be forgotten
   * @return true if the message was not remembered before; false for a replay, which is then
   *     refused as {@code REPLAYED}
   */
  boolean firstSeen(String messageKey, Instant forgetAfter, Instant now);

  /**
   * Returns a guard in this process's memory remembering up to {@value #DEFAULT_CAPACITY} messages.
   *
   * @return the guard
   */
  static ReplayGuard inMemory() {
    return new InMemoryReplayGuard(DEFAULT_CAPACITY);
  }

  /**
   * Returns a guard in this process's memory remembering up to {@code capacity} messages; past that
   * the oldest is forgotten first, so a copy of it would be accepted again within its window.
   *
   * @param capacity the most messages remembered at once, positive
   * @return the guard
   * @throws IllegalArgumentException if {@code capacity} is not positive
   */
  static ReplayGuard inMemory(int capacity) {
    return new InMemoryReplayGuard(capacity);
  }
}
