package io.github.membercard.fake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The system's UTC time, moved forward by hand: to let a client's once-a-minute limits pass. */
final class MovableClock extends Clock {

  private volatile Duration offset = Duration.ZERO;

  /** Moves the clock forward. */
  void advance(Duration duration) {
    offset = offset.plus(duration);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return Clock.offset(Clock.system(zone), offset);
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(offset);
  }
}
