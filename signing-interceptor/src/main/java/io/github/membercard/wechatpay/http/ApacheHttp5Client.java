package io.github.membercard.wechatpay.http;

import feign.Client;
import feign.Request;
import feign.Response;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.Configurable;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends Feign requests through Apache HttpClient 5's classic (blocking) API: the runtime's default
 * transport. {@link #withDefaults(Duration)} builds a client that never sends a request twice (no
 * automatic retries, not even of a GET over a connection that was reset), leaves bodies as the
 * server sent them (no decompression, no redirects, no cookies) and pools connections for
 * concurrent callers. Closing an answer before its body was read to the end discards the connection
 * at once, which is how the read timeout cuts off a body that stalls.
 */
public final class ApacheHttp5Client implements Client {

  /** Connections kept per host; WeChat Pay is one host, so this bounds concurrent calls too. */
  static final int MAX_CONNECTIONS = 256;

  // Connections idle for longer are checked before reuse, so a pooled connection the server closed
  // in the meantime is not written to: without retries, that would fail a call needlessly.
  private static final TimeValue CHECK_AFTER_IDLE = TimeValue.ofSeconds(1);

  private final CloseableHttpClient http;
  private final RequestConfig defaults;
  // Calls of one client share one read timeout, so its settings are reused, not rebuilt per call.
  private volatile TimedConfig lastConfig;

  /**
   * Creates a transport over a client the caller configured.
   *
   * @param http the Apache HttpClient 5 client to send through
   */
  public ApacheHttp5Client(CloseableHttpClient http) {
    this.http = Objects.requireNonNull(http, "http");
    // Each call sets its read timeout on top of the client's own request settings.
    this.defaults =
        http instanceof Configurable configurable && configurable.getConfig() != null
            ? configurable.getConfig()
            : RequestConfig.DEFAULT;
  }

  /**
   * Creates the runtime's default transport: no retries, no decompression, no redirects, no
   * cookies, no header or wire log (which would show signatures and personal data at DEBUG), a pool
   * of {@value #MAX_CONNECTIONS} connections, and a caller waits for a pooled connection no longer
   * than it would wait to connect.
   *
   * @param connectTimeout how long to wait for a connection, or for a free one from the pool
   * @return the transport
   */
  public static ApacheHttp5Client withDefaults(Duration connectTimeout) {
    Timeout connect = Timeout.ofMilliseconds(connectTimeout.toMillis());
    return new ApacheHttp5Client(
        HttpClients.custom()
            .setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create()
                    .setConnectionFactory(new UnloggedConnections())
                    .setMaxConnTotal(MAX_CONNECTIONS)
                    .setMaxConnPerRoute(MAX_CONNECTIONS)
                    .setDefaultConnectionConfig(
                        ConnectionConfig.custom()
                            .setConnectTimeout(connect)
                            .setValidateAfterInactivity(CHECK_AFTER_IDLE)
                            .build())
                    .build())
            .setDefaultRequestConfig(
                RequestConfig.custom().setConnectionRequestTimeout(connect).build())
            .disableAutomaticRetries()
            .disableContentCompression()
            .disableRedirectHandling()
            .disableCookieManagement()
            .build());
  }

  @Override
  public Response execute(Request request, Request.Options options) throws IOException {
    HttpUriRequestBase outgoing =
        new HttpUriRequestBase(request.httpMethod().name(), URI.create(request.url()));
    request
        .headers()
        .forEach(
            (name, values) -> {
              // HttpClient writes the framing headers itself, from the entity.
              if (!HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name)
                  && !HttpHeaders.TRANSFER_ENCODING.equalsIgnoreCase(name)) {
                values.forEach(value -> outgoing.addHeader(name, value));
              }
            });
    if (request.body() != null) {
      // Content-Type travels as one of the request's headers.
      outgoing.setEntity(new ByteArrayEntity(request.body(), null));
    }
    HttpClientContext context = HttpClientContext.create();
    context.setRequestConfig(config(options));
    ClassicHttpResponse answer = http.executeOpen(null, outgoing, context);
    return Response.builder()
        .request(request)
        .status(answer.getCode())
        .reason(answer.getReasonPhrase())
        .headers(headers(answer))
        .body(body(outgoing, answer))
        .build();
  }

  /** The client's request settings with the call's read timeout, built once per timeout value. */
  private RequestConfig config(Request.Options options) {
    long readTimeoutMillis = options.readTimeoutUnit().toMillis(options.readTimeout());
    TimedConfig current = lastConfig;
    if (current == null || current.readTimeoutMillis() != readTimeoutMillis) {
      current =
          new TimedConfig(
              readTimeoutMillis,
              RequestConfig.copy(defaults)
                  .setResponseTimeout(Timeout.ofMilliseconds(readTimeoutMillis))
                  .build());
      lastConfig = current;
    }
    return current.config();
  }

  private record TimedConfig(long readTimeoutMillis, RequestConfig config) {}

  private static Map<String, Collection<String>> headers(ClassicHttpResponse answer) {
    Map<String, Collection<String>> headers = new LinkedHashMap<>();
    for (Header header : answer.getHeaders()) {
      headers.computeIfAbsent(header.getName(), name -> new ArrayList<>(1)).add(header.getValue());
    }
    return headers;
  }

  private static Response.Body body(HttpUriRequestBase outgoing, ClassicHttpResponse answer)
      throws IOException {
    HttpEntity entity = answer.getEntity();
    if (entity == null) {
      answer.close();
      return null;
    }
    long length = entity.getContentLength();
    return new AnswerBody(
        new Releasing(entity.getContent(), outgoing, answer),
        length >= 0 && length <= Integer.MAX_VALUE ? (int) length : null);
  }

  /** A Feign body over the answer's stream. */
  private record AnswerBody(InputStream stream, Integer length) implements Response.Body {

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
   * Returns the connection to the pool when the body was read to the end, and discards it at once
   * otherwise: closing a half-read answer must not wait for the rest of a body that stalls.
   */
  private static final class Releasing extends FilterInputStream {

    private final HttpUriRequestBase outgoing;
    private final ClassicHttpResponse answer;
    private volatile boolean ended;

    Releasing(InputStream in, HttpUriRequestBase outgoing, ClassicHttpResponse answer) {
      super(in);
      this.outgoing = outgoing;
      this.answer = answer;
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
    public void close() throws IOException {
      if (!ended) {
        outgoing.cancel();
      }
      answer.close();
    }
  }
}
