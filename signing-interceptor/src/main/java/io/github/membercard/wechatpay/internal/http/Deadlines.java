package io.github.membercard.wechatpay.internal.http;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread for every client, which only ends exchanges that outlast their read timeout: it
 * closes a response still arriving, or cancels a call still waiting for its status line and
 * headers.
 */
final class Deadlines {

  private static final ScheduledThreadPoolExecutor ALARMS = alarms();

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

  /**
   * Nearly every alarm is cancelled well before it is due. Removed from the queue when cancelled,
   * it is gone at once, with the exchange it would have ended; kept, each call's two alarms would
   * hold their exchanges for the whole read timeout (30 s by default), so a busy client kept tens
   * of thousands queued, each queueing later ones slower and each surviving young collections.
   */
  private static ScheduledThreadPoolExecutor alarms() {
    ScheduledThreadPoolExecutor alarms =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, "wechatpay-response-deadline");
              thread.setDaemon(true);
              return thread;
            });
    alarms.setRemoveOnCancelPolicy(true);
    return alarms;
  }
}
