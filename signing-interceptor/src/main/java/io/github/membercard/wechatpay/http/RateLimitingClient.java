package io.github.membercard.wechatpay.http;

import feign.Client;
import feign.Request;
import feign.Response;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps each generated method within the rate WeChat Pay documents for it ({@link RateLimit}): a
 * call that would exceed it waits for its turn. One instance serves every thread and every API
 * interface of a client, so the limit holds for the merchant as a whole.
 */
public final class RateLimitingClient implements Client {

  private final Client delegate;
  private final Map<Method, Turns> turns = new ConcurrentHashMap<>();

  /**
   * Creates the client.
   *
   * @param delegate sends each call once its turn has come
   */
  public RateLimitingClient(Client delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public Response execute(Request request, Request.Options options) throws IOException {
    Method method = GeneratedMethods.of(request);
    RateLimit limit = method == null ? null : method.getAnnotation(RateLimit.class);
    if (limit != null) {
      turns.computeIfAbsent(method, m -> new Turns(limit.requestsPerSecond())).await();
    }
    return delegate.execute(request, options);
  }

  /** Evenly spaced turns: the next call may start one interval after the previous one's turn. */
  static final class Turns {
    private final long intervalNanos;
    private long nextTurn = Long.MIN_VALUE;

    Turns(int perSecond) {
      this.intervalNanos = 1_000_000_000L / perSecond;
    }

    void await() {
      long turn;
      synchronized (this) {
        long now = System.nanoTime();
        turn = nextTurn == Long.MIN_VALUE || nextTurn - now < 0 ? now : nextTurn;
        nextTurn = turn + intervalNanos;
      }
      Pause.nanos(turn - System.nanoTime(), "for the rate limit");
    }
  }
}
