package io.github.membercard.wechatpay.internal.http;

import feign.Client;
import feign.Request;
import feign.Response;
import io.github.membercard.wechatpay.WechatPayTransportException;
import io.github.membercard.wechatpay.WechatPayTransportException.Failure;
import io.github.membercard.wechatpay.http.RateLimit;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps each generated method within the rate WeChat Pay documents for it ({@link RateLimit}): a
 * call that would exceed it waits for its turn. Turns are spaced a tenth wider than the documented
 * rate, so that jitter between here and WeChat Pay does not put one call too many into a second. A
 * call whose turn is further off than its read timeout does not wait: it fails at once with a
 * {@link WechatPayTransportException} ({@code RATE_LIMITED}, not sent). A caller interrupted while
 * waiting gives its turn back. One instance serves every thread and every API interface of a
 * client, so the limit holds for the merchant as a whole.
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
      Turns methodTurns = turns.computeIfAbsent(method, m -> new Turns(limit.requestsPerSecond()));
      long maxWait = options.readTimeoutUnit().toNanos(options.readTimeout());
      if (!methodTurns.await(maxWait)) {
        throw new WechatPayTransportException(
            Failure.RATE_LIMITED,
            request.httpMethod().name(),
            ExchangeLog.templatePath(request),
            false,
            null);
      }
    }
    return delegate.execute(request, options);
  }

  /**
   * Evenly spaced turns: the next call may start one interval after the previous one's turn, or at
   * a turn given back that has not passed yet.
   */
  static final class Turns {

    /** How much wider than the documented rate turns are spaced. */
    static final double MARGIN = 1.1;

    private final long intervalNanos;
    private final TreeSet<Long> givenBack = new TreeSet<>();
    private long nextTurn;
    private boolean taken;

    Turns(int perSecond) {
      this.intervalNanos = (long) Math.ceil(1_000_000_000L * MARGIN / perSecond);
    }

    /**
     * Waits for the next turn, unless it is more than {@code maxWaitNanos} away.
     *
     * @return false, without waiting, if the next turn is too far off
     * @throws io.github.membercard.wechatpay.WechatPayException if interrupted, the turn given back
     */
    boolean await(long maxWaitNanos) {
      long turn;
      synchronized (this) {
        long now = System.nanoTime();
        givenBack.headSet(now).clear(); // passed unused: spacing after them holds anyway
        Long back = givenBack.isEmpty() ? null : givenBack.first();
        turn = back != null ? back : taken && nextTurn - now > 0 ? nextTurn : now;
        if (turn - now > maxWaitNanos) {
          return false;
        }
        if (back != null) {
          givenBack.remove(back);
        } else {
          nextTurn = turn + intervalNanos;
          taken = true;
        }
      }
      try {
        Pause.nanos(turn - System.nanoTime(), "for the rate limit");
      } catch (RuntimeException e) {
        giveBack(turn);
        throw e;
      }
      return true;
    }

    private synchronized void giveBack(long turn) {
      if (turn + intervalNanos == nextTurn) {
        nextTurn = turn; // the last turn handed out: the next caller takes it
      } else {
        givenBack.add(turn);
      }
    }
  }
}
