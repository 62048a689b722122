package io.github.membercard.fake;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivers the members' notifications in the background as WeChat Pay does: at once, then again
 * after each interval of the event's schedule until the endpoint answers 2xx or the schedule ends.
 * Intervals are multiplied by a time scale, so a test or a demo need not wait a minute. An endpoint
 * that never answers holds nothing: each attempt is asynchronous and ends at the sender's timeout.
 */
final class Redeliveries implements AutoCloseable {

  private final NotificationSender sender;
  private final double timeScale;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "fake-wechatpay-redeliveries");
            thread.setDaemon(true);
            return thread;
          });
  private final List<Delivery> attempts = new CopyOnWriteArrayList<>();

  /** Bumped by {@link #reset()}: attempts of an earlier generation are dropped. */
  private final AtomicLong generation = new AtomicLong();

  Redeliveries(NotificationSender sender, double timeScale) {
    if (!(timeScale > 0)) {
      throw new IllegalArgumentException("timeScale must be above 0, but is " + timeScale);
    }
    this.sender = sender;
    this.timeScale = timeScale;
  }

  /** Starts delivering a notification, returning at once. */
  void deliver(String url, String eventType, String envelope, List<Duration> schedule) {
    attempt(url, eventType, envelope, schedule, 0, generation.get());
  }

  /** Every attempt made since the start or the last reset, oldest first. */
  List<Delivery> attempts() {
    return List.copyOf(attempts);
  }

  /** Forgets the attempts made and drops those still scheduled. */
  void reset() {
    generation.incrementAndGet();
    attempts.clear();
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  private void attempt(
      String url,
      String eventType,
      String envelope,
      List<Duration> schedule,
      int redelivery,
      long startedIn) {
    if (generation.get() != startedIn || timer.isShutdown()) {
      return;
    }
    sender
        .postAsync(url, eventType, envelope)
        .thenAccept(
            delivery -> {
              if (generation.get() != startedIn) {
                return;
              }
              attempts.add(delivery);
              if (!delivery.acknowledged() && redelivery < schedule.size()) {
                long delay = (long) (schedule.get(redelivery).toMillis() * timeScale);
                timer.schedule(
                    () -> attempt(url, eventType, envelope, schedule, redelivery + 1, startedIn),
                    delay,
                    TimeUnit.MILLISECONDS);
              }
            });
  }
}
