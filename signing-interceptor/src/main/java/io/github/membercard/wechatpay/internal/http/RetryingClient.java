package io.github.membercard.wechatpay.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Client;
import feign.Request;
import feign.Response;
import io.github.membercard.wechatpay.RetryPolicy;
import io.github.membercard.wechatpay.WechatPayTransportException;
import io.github.membercard.wechatpay.WechatPayTransportException.Failure;
import io.github.membercard.wechatpay.http.Idempotent;
import java.io.IOException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends a call again when its {@link RetryPolicy} allows and the failure is one that is safe to
 * repeat. It sits outside the signing client, so every attempt carries a fresh timestamp, nonce and
 * signature.
 */
public final class RetryingClient implements Client {

  private static final Set<String> THROTTLED = Set.of("FREQUENCY_LIMITED", "RATE_LIMITED");

  private final Client delegate;
  private final RetryPolicy policy;
  private final ObjectMapper mapper;

  /**
   * Creates the client.
   *
   * @param delegate signs, sends and verifies one attempt
   * @param policy how many attempts, how far apart
   * @param mapper reads the code of an error response
   */
  public RetryingClient(Client delegate, RetryPolicy policy, ObjectMapper mapper) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.mapper = Objects.requireNonNull(mapper, "mapper");
  }

  @Override
  public Response execute(Request request, Request.Options options) throws IOException {
    boolean safe = isSafeToRepeat(request);
    long started = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      boolean last = attempt >= policy.maxAttempts();
      Response response;
      try {
        response = delegate.execute(request, options);
      } catch (WechatPayTransportException e) {
        if (last || !retryable(e, safe, request) || !waitBefore(attempt + 1, started)) {
          throw e;
        }
        continue;
      }
      if (last || !safe || !retryable(response) || !waitBefore(attempt + 1, started)) {
        return response;
      }
    }
  }

  /** A GET, or a write the spec marks idempotent. */
  private static boolean isSafeToRepeat(Request request) {
    if (request.httpMethod() == Request.HttpMethod.GET) {
      return true;
    }
    Method method = GeneratedMethods.of(request);
    return method != null && method.isAnnotationPresent(Idempotent.class);
  }

  /**
   * A request certainly not sent may always go again; a reset before any response only if safe.
   * Only a failure of this request's own exchange says so: one naming another request (such as a
   * certificate download made while verifying this one's answer) proves nothing about this one.
   */
  private static boolean retryable(WechatPayTransportException e, boolean safe, Request request) {
    if (!ExchangeLog.templatePath(request).equals(e.path())
        || !request.httpMethod().name().equals(e.method())) {
      return false;
    }
    return !e.mayHaveReachedWechatPay() || (safe && e.failure() == Failure.CONNECTION_RESET);
  }

  private boolean retryable(Response response) {
    return switch (response.status()) {
      case 429 -> THROTTLED.contains(code(response));
      case 500 -> "SYSTEM_ERROR".equals(code(response));
      case 502, 503 -> true;
      default -> false;
    };
  }

  private String code(Response response) {
    try {
      JsonNode error = mapper.readTree(VerifyingClient.readBody(response));
      return error == null ? null : error.path("code").asText(null);
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Waits before the next attempt, unless that attempt would start past the policy's total time.
   */
  private boolean waitBefore(int attempt, long started) {
    Duration backoff = policy.backoffBefore(attempt);
    long jittered = (long) (backoff.toNanos() * ThreadLocalRandom.current().nextDouble(0.5, 1.0));
    if (System.nanoTime() + jittered - started > policy.maxTotal().toNanos()) {
      return false;
    }
    Pause.nanos(jittered, "to retry");
    return true;
  }
}
