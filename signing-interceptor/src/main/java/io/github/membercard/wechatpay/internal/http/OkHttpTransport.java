package io.github.membercard.wechatpay.internal.http;

import feign.Client;
import feign.Request;
import feign.Response;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.SocketTimeoutException;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.CookieJar;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;

/**
 * Sends Feign requests through OkHttp: the runtime's default transport. {@link
 * #withDefaults(Duration)} builds a client that never sends a request twice (no retry on a
 * connection failure, not even of a GET over a connection that was reset), asks for answers
 * unencoded and leaves them as the server sent them, follows no redirects, keeps no cookies, speaks
 * HTTP/1.1 and pools connections for concurrent callers. OkHttp writes no log of its own, so the
 * {@code Authorization} header and card codes in paths reach no log through it.
 *
 * <p>The read timeout bounds the whole response, not only each read: once connected, a call whose
 * status line and headers have not all arrived within it is cancelled, and fails as a {@link
 * SocketTimeoutException}, however slowly they trickle in. Closing a response before its body was
 * read to the end cancels the call, which is how {@link TransportClient} cuts off a body that
 * stalls.
 */
public final class OkHttpTransport implements Client {

  /** Idle connections kept for reuse; WeChat Pay is one host. */
  static final int MAX_IDLE_CONNECTIONS = 64;

  // Shorter than the keep-alive timeouts servers commonly use, so an idle connection is dropped
  // here before the server closes it: without retries, writing to one the server had closed would
  // fail a call needlessly.
  private static final Duration KEEP_ALIVE = Duration.ofSeconds(30);

  private static final String ACCEPT_ENCODING = "Accept-Encoding";
  private static final String CONTENT_LENGTH = "Content-Length";
  private static final String TRANSFER_ENCODING = "Transfer-Encoding";
  private static final byte[] NO_BYTES = new byte[0];

  private final OkHttpClient http;
  // Calls of one client share one read timeout, so its client is reused, not rebuilt per call.
  private volatile TimedClient lastClient;

  private OkHttpTransport(OkHttpClient http) {
    this.http = http;
  }

  /**
   * Creates the runtime's default transport: no retries, no redirects, no cookies, HTTP/1.1, up to
   * {@value #MAX_IDLE_CONNECTIONS} idle connections kept for 30 seconds.
   *
   * @param connectTimeout how long to wait for a connection
   * @return the transport
   */
  public static OkHttpTransport withDefaults(Duration connectTimeout) {
    return new OkHttpTransport(
        withRuntimeRules(
                new OkHttpClient.Builder()
                    .connectionPool(
                        new ConnectionPool(
                            MAX_IDLE_CONNECTIONS, KEEP_ALIVE.toSeconds(), TimeUnit.SECONDS)),
                connectTimeout)
            .build());
  }

  /**
   * Creates the transport over a client the caller configured (proxy, TLS, DNS, pool, dispatcher),
   * with what the runtime relies on set over a copy of it: no retries, no redirects, no cookies,
   * HTTP/1.1 and the connect timeout.
   *
   * @param http the caller's client, which is not changed
   * @param connectTimeout how long to wait for a connection
   * @return the transport
   */
  public static OkHttpTransport over(OkHttpClient http, Duration connectTimeout) {
    return new OkHttpTransport(
        withRuntimeRules(Objects.requireNonNull(http, "http").newBuilder(), connectTimeout)
            .build());
  }

  /**
   * Sets what the runtime relies on, whoever configured the rest; one client is built from it, so
   * the default transport does not build its client twice at start-up.
   */
  private static OkHttpClient.Builder withRuntimeRules(
      OkHttpClient.Builder builder, Duration connectTimeout) {
    return builder
        .connectTimeout(connectTimeout)
        .retryOnConnectionFailure(false)
        .followRedirects(false)
        .followSslRedirects(false)
        .cookieJar(CookieJar.NO_COOKIES)
        .protocols(List.of(Protocol.HTTP_1_1));
  }

  @Override
  public Response execute(Request request, Request.Options options) throws IOException {
    okhttp3.Request.Builder outgoing = new okhttp3.Request.Builder().url(request.url());
    boolean acceptEncodingGiven = false;
    for (Map.Entry<String, Collection<String>> header : request.headers().entrySet()) {
      String name = header.getKey();
      // OkHttp writes the framing headers itself, from the body.
      if (CONTENT_LENGTH.equalsIgnoreCase(name) || TRANSFER_ENCODING.equalsIgnoreCase(name)) {
        continue;
      }
      acceptEncodingGiven |= ACCEPT_ENCODING.equalsIgnoreCase(name);
      for (String value : header.getValue()) {
        outgoing.addHeader(name, value);
      }
    }
    if (!acceptEncodingGiven) {
      // Otherwise OkHttp asks for gzip and inflates the response before any size limit applies.
      outgoing.header(ACCEPT_ENCODING, "identity");
    }
    String method = request.httpMethod().name();
    // Content-Type travels as one of the request's headers, so the body carries none.
    outgoing.method(
        method,
        request.body() != null
            ? RequestBody.create(request.body(), null)
            : request.httpMethod().isWithBody() ? RequestBody.create(NO_BYTES, null) : null);
    Call call = client(options).newCall(outgoing.build());
    okhttp3.Response answer;
    try {
      answer = call.execute();
    } catch (IOException e) {
      if (call.isCanceled()) { // only the header deadline cancels a call before it returns
        SocketTimeoutException timeout =
            new SocketTimeoutException("the status line and headers took longer than the timeout");
        timeout.initCause(e);
        throw timeout;
      }
      throw e;
    }
    return Response.builder()
        .request(request)
        .status(answer.code())
        .reason(answer.message())
        .headers(headers(answer.headers()))
        .body(body(call, answer))
        .build();
  }

  /** The client with the call's read timeout, built once per timeout value. */
  private OkHttpClient client(Request.Options options) {
    long readTimeoutMillis = options.readTimeoutUnit().toMillis(options.readTimeout());
    TimedClient current = lastClient;
    if (current == null || current.readTimeoutMillis() != readTimeoutMillis) {
      // A derived client shares the connection pool and threads of the one it came from.
      current =
          new TimedClient(
              readTimeoutMillis,
              http.newBuilder()
                  .readTimeout(readTimeoutMillis, TimeUnit.MILLISECONDS)
                  .writeTimeout(readTimeoutMillis, TimeUnit.MILLISECONDS)
                  .addNetworkInterceptor(headerDeadline(readTimeoutMillis))
                  .build());
      lastClient = current;
    }
    return current.client();
  }

  private record TimedClient(long readTimeoutMillis, OkHttpClient client) {}

  /**
   * Cancels a call whose status line and headers have not all arrived within the read timeout of
   * its request being sent: OkHttp's own read timeout bounds each read, so a server sending a byte
   * at a time would hold the call for as long as it liked. Runs once connected, just before the
   * request is written.
   */
  private static Interceptor headerDeadline(long readTimeoutMillis) {
    return chain -> {
      Call call = chain.call();
      ScheduledFuture<?> alarm =
          Deadlines.after(TimeUnit.MILLISECONDS.toNanos(readTimeoutMillis), call::cancel);
      try {
        return chain.proceed(chain.request());
      } finally {
        alarm.cancel(false);
      }
    };
  }

  private static Map<String, Collection<String>> headers(Headers received) {
    Map<String, Collection<String>> headers = new LinkedHashMap<>();
    for (int i = 0; i < received.size(); i++) {
      headers.computeIfAbsent(received.name(i), name -> new ArrayList<>(1)).add(received.value(i));
    }
    return headers;
  }

  private static Response.Body body(Call call, okhttp3.Response answer) {
    ResponseBody body = answer.body();
    if (body == null) {
      answer.close();
      return null;
    }
    long length = body.contentLength();
    return new StreamBody(
        new Releasing(body.byteStream(), call, body),
        length >= 0 && length <= Integer.MAX_VALUE ? (int) length : null);
  }

  /** A Feign body over the response's stream. */
  private record StreamBody(InputStream stream, Integer length) implements Response.Body {

    @Override
    public boolean isRepeatable() {
      return false;
    }

    @Override
    public InputStream asInputStream() {
      return stream;
    }

    @Override
    public Reader asReader(Charset charset) {
      return new InputStreamReader(stream, charset);
    }

    @Override
    public void close() throws IOException {
      stream.close();
    }
  }

  /**
   * Returns the connection to the pool when the body was read to the end, and cancels the call
   * otherwise: closing a half-read answer must not wait for, or read, the rest of its body.
   */
  private static final class Releasing extends FilterInputStream {

    private final Call call;
    private final ResponseBody body;
    private volatile boolean ended;

    Releasing(InputStream in, Call call, ResponseBody body) {
      super(in);
      this.call = call;
      this.body = body;
    }

    @Override
    public int read() throws IOException {
      int read = super.read();
      ended |= read < 0;
      return read;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int read = super.read(buffer, offset, length);
      ended |= read < 0;
      return read;
    }

    @Override
    public void close() {
      if (!ended) {
        call.cancel();
      }
      body.close();
    }
  }
}
