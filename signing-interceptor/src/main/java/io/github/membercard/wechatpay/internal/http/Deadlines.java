package io.github.membercard.wechatpay.internal.http;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread for every client, which only ends exchanges that outlast their read timeout: it
 * closes a response still arriving, or cancels a call still waiting for its status line and
 * headers.
 */
final class Deadlines {

  private static final ScheduledExecutorService ALARMS =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "wechatpay-answer-deadline");
            thread.setDaemon(true);
            return thread;
          });

  private Deadlines() {}

  /**
   * Runs {@code action} after {@code nanos}, unless the returned alarm is cancelled first.
   *
   * @param action what ends the exchange; must be quick
   * @param nanos how long from now, in nanoseconds; 0 or less runs it at once
   * @return the alarm, to cancel once the exchange is done
   */
  static ScheduledFuture<?> after(long nanos, Runnable action) {
    return ALARMS.schedule(action, Math.max(0, nanos), TimeUnit.NANOSECONDS);
  }
}
