package io.github.membercard.wechatpay.http;

import feign.Client;
import feign.Request;
import feign.Response;
import io.github.membercard.wechatpay.WechatPayTransportException;
import io.github.membercard.wechatpay.WechatPayTransportException.Failure;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLHandshakeException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;

/**
 * Wraps the HTTP client so that a call ends within its read timeout, body included, and every I/O
 * failure reaches the caller as a {@link WechatPayTransportException}: it reads the whole answer
 * before handing it on, and closes an answer still arriving when the read timeout, counted from
 * when the request was sent, runs out.
 */
public final class TransportClient implements Client {

  // One daemon thread for every client: it only closes answers that outlast their deadline.
  private static final ScheduledExecutorService DEADLINES =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "wechatpay-answer-deadline");
            thread.setDaemon(true);
            return thread;
          });

  private final Client delegate;

  /**
   * Creates the wrapper.
   *
   * @param delegate the HTTP client that sends requests
   */
  public TransportClient(Client delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public Response execute(Request request, Request.Options options) throws IOException {
    long deadline = System.nanoTime() + options.readTimeoutUnit().toNanos(options.readTimeout());
    Response response;
    try {
      response = delegate.execute(request, options);
    } catch (IOException e) {
      throw beforeAnswer(request, e);
    }
    return withWholeBody(request, response, deadline);
  }

  private static Response withWholeBody(Request request, Response response, long deadline) {
    if (response.body() == null) {
      return response;
    }
    AtomicBoolean expired = new AtomicBoolean();
    ScheduledFuture<?> alarm =
        DEADLINES.schedule(
            () -> {
              expired.set(true);
              response.close();
            },
            Math.max(0, deadline - System.nanoTime()),
            TimeUnit.NANOSECONDS);
    try (InputStream in = response.body().asInputStream()) {
      byte[] body = in.readAllBytes();
      return response.toBuilder().body(body).build();
    } catch (IOException e) {
      throw failure(
          request, expired.get() ? Failure.TIMED_OUT : Failure.ANSWER_UNREADABLE, true, e);
    } finally {
      alarm.cancel(false);
    }
  }

  /** Classifies a failure before any answer arrived, and whether the request may have been sent. */
  static WechatPayTransportException beforeAnswer(Request request, IOException e) {
    if (e instanceof HttpConnectTimeoutException
        || e instanceof ConnectTimeoutException
        || e instanceof ConnectionRequestTimeoutException
        || (e instanceof SocketTimeoutException
            && String.valueOf(e.getMessage()).contains("connect"))) {
      return failure(request, Failure.CONNECT_TIMEOUT, false, e);
    }
    if (e instanceof HttpTimeoutException || e instanceof SocketTimeoutException) {
      return failure(request, Failure.TIMED_OUT, true, e);
    }
    if (e instanceof ConnectException
        || e instanceof UnknownHostException
        || e instanceof NoRouteToHostException
        || e instanceof SSLHandshakeException) {
      return failure(request, Failure.CONNECTION_FAILED, false, e);
    }
    return failure(request, Failure.CONNECTION_RESET, true, e);
  }

  private static WechatPayTransportException failure(
      Request request, Failure failure, boolean mayHaveReached, IOException cause) {
    return new WechatPayTransportException(
        failure,
        request.httpMethod().name(),
        URI.create(request.url()).getRawPath(),
        mayHaveReached,
        cause);
  }
}
