package io.github.membercard.wechatpay.internal.http;

import feign.Client;
import feign.Request;
import feign.Response;
import io.github.membercard.wechatpay.WechatPayTransportException;
import io.github.membercard.wechatpay.WechatPayTransportException.Failure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLHandshakeException;

/**
 * Wraps the HTTP client so that a call ends within its read timeout, body included (the status line
 * and headers are the HTTP client's to bound, as {@link OkHttpTransport} does), reads no more than
 * a bounded body, and every I/O failure reaches the caller as a {@link
 * WechatPayTransportException}: it reads the whole response before handing it on, and closes an
 * answer still arriving when the read timeout, counted from when the request was sent, runs out. An
 * answer with a {@code Content-Encoding} other than {@code identity} (which a transport may inflate
 * on its own, whatever size it inflates to) or larger than the limit is refused without reading the
 * rest. An error response cut short is handed on with what arrived, for the error decoder to report
 * as cut short.
 */
public final class TransportClient implements Client {

  private static final String IDENTITY = "identity";
  private static final int BUFFER_BYTES = 8192;

  private final Client delegate;
  private final int maxResponseBytes;

  /**
   * Creates the wrapper.
   *
   * @param delegate the HTTP client that sends requests
   * @param maxResponseBytes the largest response body read, error responses included
   */
  public TransportClient(Client delegate, int maxResponseBytes) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.maxResponseBytes = BoundedBody.checkLimit(maxResponseBytes, "maxResponseBytes");
  }

  @Override
  public Response execute(Request request, Request.Options options) throws IOException {
    long deadline = System.nanoTime() + options.readTimeoutUnit().toNanos(options.readTimeout());
    Response response;
    try {
      response = delegate.execute(request, options);
    } catch (IOException e) {
      throw beforeResponse(request, e);
    }
    return withWholeBody(request, response, deadline);
  }

  private Response withWholeBody(Request request, Response response, long deadline) {
    if (response.body() == null) {
      return response;
    }
    refuseUnbounded(request, response);
    AtomicBoolean expired = new AtomicBoolean();
    ScheduledFuture<?> alarm =
        Deadlines.after(
            deadline - System.nanoTime(),
            () -> {
              expired.set(true);
              response.close();
            });
    // Sized to the declared length where there is one (one byte more, to see the end), so that an
    // answer of a few hundred bytes needs neither an 8 KiB buffer nor growing copies.
    Integer declared = response.body().length();
    int size = declared == null || declared > BUFFER_BYTES ? BUFFER_BYTES : declared + 1;
    ByteArrayOutputStream received = new ByteArrayOutputStream(size);
    try (InputStream in = response.body().asInputStream()) {
      if (!BoundedBody.readAtMost(in, maxResponseBytes, received, new byte[size])) {
        throw failure(
            request,
            Failure.RESPONSE_TOO_LARGE,
            true,
            new IOException("the body is longer than " + maxResponseBytes + " bytes"));
      }
      return response.toBuilder().body(received.toByteArray()).build();
    } catch (IOException e) {
      if (!expired.get() && !VerifyingClient.isSuccess(response.status())) {
        return response.toBuilder().body(new CutShortBody(received.toByteArray())).build();
      }
      throw failure(
          request, expired.get() ? Failure.TIMED_OUT : Failure.RESPONSE_UNREADABLE, true, e);
    } finally {
      alarm.cancel(false);
    }
  }

  /**
   * Refuses, before reading a byte of it, a body that is encoded (the transport may be inflating
   * it) or that declares more than the limit.
   */
  private void refuseUnbounded(Request request, Response response) {
    Collection<String> encodings = header(response, "Content-Encoding");
    for (String encoding : String.join(",", encodings).split(",")) {
      if (!encoding.isBlank() && !IDENTITY.equalsIgnoreCase(encoding.strip())) {
        response.close();
        throw failure(
            request,
            Failure.RESPONSE_ENCODED,
            true,
            new IOException("Content-Encoding " + encodings + " was not asked for"));
      }
    }
    for (String length : header(response, "Content-Length")) {
      if (declaresMoreThan(length, maxResponseBytes)) {
        response.close();
        throw failure(
            request,
            Failure.RESPONSE_TOO_LARGE,
            true,
            new IOException(
                "Content-Length " + length + " is over " + maxResponseBytes + " bytes"));
      }
    }
  }

  private static boolean declaresMoreThan(String length, int limit) {
    try {
      return Long.parseLong(length.strip()) > limit;
    } catch (NumberFormatException e) {
      return false; // the transport's own concern; the body is still read no further than the limit
    }
  }

  /** Feign keys response headers case-insensitively. */
  private static Collection<String> header(Response response, String name) {
    return response.headers().getOrDefault(name, List.of());
  }

  /**
   * Classifies a failure before any response arrived, and whether the request may have been sent.
   */
  static WechatPayTransportException beforeResponse(Request request, IOException e) {
    if (e instanceof HttpConnectTimeoutException
        || (e instanceof SocketTimeoutException
            && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("connect"))) {
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
        ExchangeLog.templatePath(request),
        mayHaveReached,
        cause);
  }
}
