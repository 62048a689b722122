package io.github.membercard.fake;

import io.github.membercard.client.api.BrandPointsApi;
import io.github.membercard.client.api.BrandUserCardsApi;
import io.github.membercard.client.api.BrandUserCardsApi.ConfirmUserCardParams;
import io.github.membercard.client.api.MembercardUserCardsApi;
import io.github.membercard.client.api.MembercardUserCardsApi.GetUserCardParams;
import io.github.membercard.client.api.MembercardUserCardsApi.UpdateUserCardParams;
import io.github.membercard.client.model.ConfirmUserCardRequest;
import io.github.membercard.client.model.MembercardUserCard;
import io.github.membercard.client.model.UpdateUserCardRequest;
import io.github.membercard.client.model.UserCard;
import io.github.membercard.client.model.UserCardConfirmState;
import io.github.membercard.client.model.UserPointBalance;
import io.github.membercard.wechatpay.WechatPayApiException;
import io.github.membercard.wechatpay.WechatPayClient;
import io.github.membercard.wechatpay.WechatPayVerificationException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Bounded load for the load tests: {@code threads} threads of their own share one client and make a
 * mix of calls, each checked against what it sent, until {@code maxCalls} calls have started or
 * {@link #stop()}; every failure is counted by phase and kind, and the first few are kept whole.
 *
 * <p>The mix, by call number: {@code GET getUserCard}, {@code POST syncUserPoints}, {@code PATCH
 * updateUserCard} (204) and {@code POST confirmUserCard} with a phone number the runtime encrypts
 * under WeChat Pay's key and the fake echoes encrypted for the merchant. The card code, point
 * balance and phone number differ per call, so a response crossed between threads is a failure too.
 */
final class MemberCardLoad implements AutoCloseable {

  static final String CARD_ID = "pbLatjvWOibDc5-TBnbUk1pD12o0";
  private static final long FIRST_CODE = 478515832665L;
  private static final int KEPT_FAILURES = 5;

  private final MembercardUserCardsApi membercard;
  private final BrandPointsApi points;
  private final BrandUserCardsApi userCards;
  private final int maxCalls;
  private final AtomicInteger started = new AtomicInteger();
  private final AtomicInteger completed = new AtomicInteger();
  private final LongAdder failed = new LongAdder();
  private final LongAdder apiErrors = new LongAdder();
  private final LongAdder verificationErrors = new LongAdder();
  private final Map<String, LongAdder> failuresByKind = new ConcurrentHashMap<>();
  private final Queue<String> keptFailures = new ConcurrentLinkedQueue<>();
  private final CountDownLatch finished;
  private final List<Thread> threads;
  private volatile String phase = "start";
  private volatile boolean stopped;

  private MemberCardLoad(WechatPayClient client, String name, int threads, int maxCalls) {
    this.membercard = client.create(MembercardUserCardsApi.class);
    this.points = client.create(BrandPointsApi.class);
    this.userCards = client.create(BrandUserCardsApi.class);
    this.maxCalls = maxCalls;
    this.finished = new CountDownLatch(threads);
    this.threads =
        IntStream.range(0, threads)
            .mapToObj(index -> new Thread(this::callUntilDone, name + "-" + index))
            .toList();
    this.threads.forEach(thread -> thread.setDaemon(true)); // never keeps a failed run's JVM up
  }

  /**
   * Starts {@code threads} threads calling through {@code client} until {@code maxCalls} calls have
   * started or the load is stopped.
   */
  static MemberCardLoad start(WechatPayClient client, String name, int threads, int maxCalls) {
    MemberCardLoad load = new MemberCardLoad(client, name, threads, maxCalls);
    load.threads.forEach(Thread::start);
    return load;
  }

  /** Labels the failures from now on, to tell which phase of a test they happened in. */
  void phase(String phase) {
    this.phase = phase;
  }

  /** Returns how many calls have finished, successfully or not. */
  int completed() {
    return completed.get();
  }

  /**
   * Waits until {@code count} calls have finished in all.
   *
   * @throws AssertionError if they have not within {@code timeout}, or the load ran out first
   */
  void awaitCompleted(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (completed.get() < count) {
      if (finished.getCount() == 0) {
        throw new AssertionError(
            "The load ended after " + completed.get() + " calls, before " + count);
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "Only " + completed.get() + " of " + count + " calls finished within " + timeout);
      }
      Thread.sleep(5);
    }
  }

  /**
   * Waits until every call has finished: all {@code maxCalls}, or those started before {@link
   * #stop()}.
   *
   * @throws AssertionError if they have not within {@code timeout}
   */
  void awaitFinished(Duration timeout) throws InterruptedException {
    if (!finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(
          "Only " + completed.get() + " calls finished within " + timeout + "; still running");
    }
    for (Thread thread : threads) {
      thread.join(timeout.toMillis()); // gone from the live threads once awaitFinished returns
    }
  }

  /** Makes the threads start no further call. */
  void stop() {
    stopped = true;
  }

  /** Stops the load and waits for the calls under way, so that no thread of it outlives a test. */
  @Override
  public void close() {
    stop();
    try {
      awaitFinished(Duration.ofSeconds(60));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while the load stopped", e);
    }
  }

  /** Returns how many calls failed, for any reason. */
  long failed() {
    return failed.sum();
  }

  /**
   * Returns how many calls WeChat Pay (the fake) answered with an error, 401 SIGN_ERROR among them.
   */
  long apiErrors() {
    return apiErrors.sum();
  }

  /** Returns how many responses failed the client's verification. */
  long verificationErrors() {
    return verificationErrors.sum();
  }

  /** Describes the failures: counts by phase and kind, and the first few in full. */
  String failureReport() {
    if (failed.sum() == 0) {
      return "no failed call";
    }
    return failed.sum()
        + " failed call(s) of "
        + completed.get()
        + ": "
        + failuresByKind.entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .map(entry -> entry.getKey() + " x" + entry.getValue().sum())
            .collect(Collectors.joining(", "))
        + "; first ones:\n  "
        + String.join("\n  ", keptFailures);
  }

  private void callUntilDone() {
    try {
      int call;
      while (!stopped && (call = started.getAndIncrement()) < maxCalls) {
        try {
          call(call);
        } catch (Throwable e) {
          recordFailure(call, e);
        } finally {
          completed.incrementAndGet();
        }
      }
    } finally {
      finished.countDown();
    }
  }

  private void recordFailure(int call, Throwable e) {
    failed.increment();
    String kind = e.getClass().getSimpleName();
    if (e instanceof WechatPayApiException api) {
      apiErrors.increment();
      kind += " " + api.status() + " " + api.code();
    } else if (e instanceof WechatPayVerificationException verification) {
      verificationErrors.increment();
      kind += " " + verification.reason();
    }
    String where = phase;
    failuresByKind.computeIfAbsent(where + ": " + kind, k -> new LongAdder()).increment();
    if (keptFailures.size() < KEPT_FAILURES) {
      keptFailures.add(
          "call " + call + " (" + where + ", " + Thread.currentThread().getName() + "): " + e);
    }
  }

  /** Makes call number {@code call} of the mix and checks its response against what it sent. */
  private void call(int call) {
    String code = Long.toString(FIRST_CODE + call);
    switch (call % 4) {
      case 0 -> {
        MembercardUserCard card =
            membercard.getUserCard(GetUserCardParams.builder().cardId(CARD_ID).code(code).build());
        expect(code, card.getCode(), "getUserCard code");
      }
      case 1 -> {
        UserPointBalance balance =
            points.syncUserPoints(
                new UserPointBalance()
                    .outRequestNo("soak" + call)
                    .brandId("1004")
                    .cardId(CARD_ID)
                    .openid("obLatjnx9gnqzS4myYGmLZ7LgLBA")
                    .userCardCode(code)
                    .pointBalance((long) call));
        expect((long) call, balance.getPointBalance(), "syncUserPoints point_balance");
      }
      case 2 ->
          membercard.updateUserCard(
              UpdateUserCardParams.builder()
                  .cardId(CARD_ID)
                  .code(code)
                  .body(new UpdateUserCardRequest().level("金卡").needInformLevel(false))
                  .build());
      default -> {
        String phone = String.format("138%08d", call % 100_000_000);
        UserCard card =
            userCards.confirmUserCard(
                ConfirmUserCardParams.builder()
                    .userCardCode(code)
                    .cardId(CARD_ID)
                    .body(
                        new ConfirmUserCardRequest()
                            .brandId("1004")
                            .openid("obLatjnx9gnqzS4myYGmLZ7LgLBA")
                            .phoneNumber(phone)
                            .userCardConfirmState(UserCardConfirmState.CREATE_CARD_SUCCESS))
                    .build());
        expect(phone, card.getPhoneNumber(), "confirmUserCard phone_number");
        expect(code, card.getUserCardCode(), "confirmUserCard user_card_code");
      }
    }
  }

  private static void expect(Object sent, Object answered, String what) {
    if (!sent.equals(answered)) {
      throw new AssertionError(what + ": sent " + sent + ", answered " + answered);
    }
  }
}
