package io.github.membercard.wechatpay.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests move forward, to reach refresh deadlines and expiries without waiting. */
public final class MutableClock extends Clock {

  private volatile Instant now;

  /** Creates a clock that stands at the real time now until moved. */
  public MutableClock() {
    this(Instant.now());
  }

  /**
   * Creates a clock that stands at {@code start} until moved.
   *
   * @param start the time it shows
   */
  public MutableClock(Instant start) {
    this.now = start;
  }

  /**
   * Moves the clock forward.
   *
   * @param duration how far
   */
  public void advance(Duration duration) {
    now = now.plus(duration);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException();
  }
}
