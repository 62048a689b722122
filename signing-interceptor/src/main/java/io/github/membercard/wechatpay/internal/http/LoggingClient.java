package io.github.membercard.wechatpay.internal.http;

import feign.Client;
import feign.Request;
import feign.Response;
import io.github.membercard.wechatpay.WechatPayException;
import io.github.membercard.wechatpay.WechatPayTransportException;
import io.github.membercard.wechatpay.WechatPayVerificationException;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Logs each attempt of a call through {@link ExchangeLog}: at DEBUG one line with the method, the
 * path (redacted), the status or the failure, the {@code Request-ID} and the time taken; at TRACE
 * the request's and the response's headers without signatures. Costs nothing when DEBUG is off.
 */
public final class LoggingClient implements Client {

  private final Client delegate;
  private final ExchangeLog log;

  /**
   * Creates a client that logs each exchange of {@code delegate}.
   *
   * @param delegate sends the request and verifies the response
   * @param log where and how exchanges are logged
   */
  public LoggingClient(Client delegate, ExchangeLog log) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.log = Objects.requireNonNull(log, "log");
  }

  @Override
  public Response execute(Request request, Request.Options options) throws IOException {
    Logger logger = log.logger();
    if (!logger.isDebugEnabled()) {
      return delegate.execute(request, options);
    }
    String method = request.httpMethod().name();
    String path = log.path(request);
    if (logger.isTraceEnabled()) {
      logger.trace("--> {} {} headers {}", method, path, log.headers(request.headers()));
    }
    long started = System.nanoTime();
    Response response;
    try {
      response = delegate.execute(request, options);
    } catch (WechatPayException e) {
      logger.debug("{} {} failed: {} ({} ms)", method, path, outcome(e), millisSince(started));
      throw e;
    }
    logger.debug(
        "{} {} -> {} (Request-ID {}, {} ms)",
        method,
        path,
        response.status(),
        UntrustedText.header(VerifyingClient.requestId(response)),
        millisSince(started));
    if (logger.isTraceEnabled()) {
      logger.trace(
          "<-- {} {} {} headers {}",
          method,
          path,
          response.status(),
          log.headers(response.headers()));
    }
    return response;
  }

  /** Says what failed without the exception's message, which may name a path value. */
  private static String outcome(WechatPayException e) {
    if (e instanceof WechatPayTransportException transport) {
      return "transport " + transport.failure();
    }
    if (e instanceof WechatPayVerificationException verification) {
      return "verification "
          + verification.reason()
          + " (Request-ID "
          + verification.requestId() // cleaned by the exception
          + ")";
    }
    return e.getClass().getSimpleName();
  }

  private static long millisSince(long started) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
  }
}
