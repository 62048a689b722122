package io.github.membercard.wechatpay;

import java.time.Duration;

/**
 * When the runtime sends a call again: never by default. When enabled, it retries only what is safe
 * — a GET, or a write the spec marks idempotent, after a connection failure, a reset before any
 * response byte, 429 {@code FREQUENCY_LIMITED}/{@code RATE_LIMITED}, 500 {@code SYSTEM_ERROR}, 502
 * or 503 — and any call whose request was certainly not sent (a refused connection). A write not
 * marked idempotent is never sent twice once its bytes may have left. Each attempt is signed
 * afresh; waits grow exponentially with random jitter, within a cap on attempts and on total time.
 */
public final class RetryPolicy {

  private static final RetryPolicy NONE =
      new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);

  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration maxTotal;

  private RetryPolicy(
      int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxTotal) {
    this.maxAttempts = maxAttempts;
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
    this.maxTotal = maxTotal;
  }

  /**
   * Returns the default: every call is sent once.
   *
   * @return the policy that never retries
   */
  public static RetryPolicy none() {
    return NONE;
  }

  /**
   * Returns a policy of at most 3 attempts, waiting about 200 ms and then 400 ms (with jitter), and
   * giving up once 10 s have passed since the first attempt.
   *
   * @return the policy of safe retries with those limits
   */
  public static RetryPolicy safeRetries() {
    return of(3, Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(10));
  }

  /**
   * Creates a policy.
   *
   * @param maxAttempts attempts in all, the first included; 1 means no retry
   * @param initialBackoff the wait before the second attempt; it doubles for each next one
   * @param maxBackoff the longest single wait
   * @param maxTotal no attempt starts later than this after the first
   * @return the policy, checked when the client is built
   */
  public static RetryPolicy of(
      int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxTotal) {
    return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, maxTotal);
  }

  /**
   * Checks the policy when the client is built.
   *
   * @throws WechatPayConfigurationException ({@code retries}) if an attempt count or a duration is
   *     out of range
   */
  void check() {
    if (maxAttempts < 1) {
      throw new WechatPayConfigurationException(
          "retries",
          "retries: maxAttempts must be at least 1, but is "
              + maxAttempts
              + "; RetryPolicy.none() sends each call once");
    }
    for (Duration duration : new Duration[] {initialBackoff, maxBackoff, maxTotal}) {
      if (duration == null || duration.isNegative()) {
        throw new WechatPayConfigurationException(
            "retries", "retries: every duration must be zero or positive, but one is " + duration);
      }
    }
  }

  /**
   * Returns the number of attempts in all, the first included.
   *
   * @return the most attempts a call gets; 1 means no retry
   */
  public int maxAttempts() {
    return maxAttempts;
  }

  /**
   * Returns the wait before an attempt, before jitter.
   *
   * @param attempt the attempt about to be made, 2 for the first retry
   * @return the initial backoff doubled for each attempt after the second, at most the longest
   *     single wait
   */
  public Duration backoffBefore(int attempt) {
    Duration backoff = initialBackoff.multipliedBy(1L << Math.min(attempt - 2, 30));
    return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
  }

  /**
   * Returns the time after the first attempt past which no attempt starts.
   *
   * @return the cap on total time, counted from the first attempt
   */
  public Duration maxTotal() {
    return maxTotal;
  }

  @Override
  public String toString() {
    return maxAttempts == 1
        ? "RetryPolicy{none}"
        : "RetryPolicy{maxAttempts="
            + maxAttempts
            + ", initialBackoff="
            + initialBackoff
            + ", maxBackoff="
            + maxBackoff
            + ", maxTotal="
            + maxTotal
            + "}";
  }
}
