package io.github.membercard.wechatpay.internal.keys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A monotonic count of the time that has passed, to schedule by: it follows a clock while the clock
 * moves forward (so a clock a test moves on, or one set ahead, brings what is scheduled forward),
 * and across a step back it counts the monotonic {@link System#nanoTime()} instead, so setting the
 * clock back delays nothing. Wall-clock instants would instead hold back everything scheduled by
 * the size of the correction.
 */
final class ElapsedTime {

  private final Clock clock;
  private final LongSupplier nanoTime;
  private long lastNanoTime;
  private Instant lastInstant;
  private Duration elapsed = Duration.ZERO;

  /**
   * Starts counting now.
   *
   * @param clock the wall clock whose forward moves count too
   * @param nanoTime a monotonic source of nanoseconds, such as {@code System::nanoTime}
   */
  ElapsedTime(Clock clock, LongSupplier nanoTime) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    this.lastNanoTime = nanoTime.getAsLong();
    this.lastInstant = clock.instant();
  }

  /** Returns the time passed since this count started; never less than a reading before. */
  synchronized Duration now() {
    long nanos = nanoTime.getAsLong();
    Instant instant = clock.instant();
    Duration byClock = Duration.between(lastInstant, instant);
    elapsed =
        elapsed.plus(
            byClock.isNegative() ? Duration.ofNanos(Math.max(0, nanos - lastNanoTime)) : byClock);
    lastNanoTime = nanos;
    lastInstant = instant;
    return elapsed;
  }
}
