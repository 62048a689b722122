package io.github.membercard.wechatpay;

import feign.Client;
import feign.Logger;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How calls reach WeChat Pay: the base URL, timeouts, the HTTP client and logging. Immutable: each
 * setter returns a copy, so one set of options can be shared and varied.
 *
 * <pre>{@code
 * TransportOptions.defaults().baseUrl("https://api2.wechatpay.cn").readTimeout(Duration.ofSeconds(10))
 * }</pre>
 */
public final class TransportOptions {

  /** WeChat Pay's production host. */
  public static final String DEFAULT_BASE_URL = "https://api.mch.weixin.qq.com";

  // Not final so that each setter can change one field of a copy; no instance is changed once
  // shared.
  private String baseUrl = DEFAULT_BASE_URL;
  private Duration connectTimeout = Duration.ofSeconds(10);
  private Duration readTimeout = Duration.ofSeconds(30);
  private Client httpClient;
  private Logger.Level logLevel = Logger.Level.NONE;
  private RetryPolicy retries = RetryPolicy.none();
  private boolean rateLimited;

  private TransportOptions() {}

  private TransportOptions with(Consumer<TransportOptions> change) {
    TransportOptions copy = new TransportOptions();
    copy.baseUrl = baseUrl;
    copy.connectTimeout = connectTimeout;
    copy.readTimeout = readTimeout;
    copy.httpClient = httpClient;
    copy.logLevel = logLevel;
    copy.retries = retries;
    copy.rateLimited = rateLimited;
    change.accept(copy);
    return copy;
  }

  /**
   * Returns the options a {@link WechatPayClient.Builder} uses when given none.
   *
   * @return production, 10 s to connect, 30 s to read, Apache HttpClient 5 without retries (see
   *     {@link io.github.membercard.wechatpay.http.ApacheHttp5Client#withDefaults}), no logging
   */
  public static TransportOptions defaults() {
    return new TransportOptions();
  }

  /**
   * Sets where calls go, in a copy of these options; the URL is checked, and a trailing slash
   * dropped, when the client is built.
   *
   * @param baseUrl the API host, and a path prefix if a gateway needs one; default {@value
   *     #DEFAULT_BASE_URL} (the backup host is {@code https://api2.wechatpay.cn})
   * @return options with that base URL
   */
  public TransportOptions baseUrl(String baseUrl) {
    return with(copy -> copy.baseUrl = baseUrl);
  }

  /**
   * Sets how long to wait for a connection, in a copy of these options; default 10 s.
   *
   * @param timeout how long to wait for a connection; default 10 s
   * @return options with that timeout
   */
  public TransportOptions connectTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    return with(copy -> copy.connectTimeout = timeout);
  }

  /**
   * Sets how long to wait for an answer, in a copy of these options; default 30 s.
   *
   * @param timeout how long to wait for an answer; default 30 s
   * @return options with that timeout
   */
  public TransportOptions readTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    return with(copy -> copy.readTimeout = timeout);
  }

  /**
   * Sets the Feign client requests go out through, in a copy of these options; the runtime wraps it
   * to sign each request and verify each answer.
   *
   * @param client the Feign HTTP client to send through; it must support PATCH and should not retry
   *     on its own. Default: Apache HttpClient 5 without retries, see {@link
   *     io.github.membercard.wechatpay.http.ApacheHttp5Client#withDefaults}
   * @return options with that client
   */
  public TransportOptions httpClient(Client client) {
    Objects.requireNonNull(client, "client");
    return with(copy -> copy.httpClient = client);
  }

  /**
   * Sets how much Feign logs, in a copy of these options; default none.
   *
   * @param level how much Feign logs, to the platform logger {@code
   *     io.github.membercard.wechatpay.http} at DEBUG; default none. Signatures are never logged.
   * @return options with that level
   */
  public TransportOptions logLevel(Logger.Level level) {
    Objects.requireNonNull(level, "level");
    return with(copy -> copy.logLevel = level);
  }

  /**
   * Sets when a call is sent again, in a copy of these options; default {@link RetryPolicy#none()}.
   * {@link RetryPolicy#safeRetries()} retries only what is safe to repeat; see {@link RetryPolicy}.
   *
   * @param retries the retry policy
   * @return options with that policy
   */
  public TransportOptions retries(RetryPolicy retries) {
    Objects.requireNonNull(retries, "retries");
    return with(copy -> copy.retries = retries);
  }

  /**
   * Sets whether calls keep to the request rates WeChat Pay documents for their operations (the
   * point endpoints' 5 a second, for example), in a copy of these options; default off. When on, a
   * call that would exceed its operation's rate waits for its turn, counted across every thread and
   * API interface of the client.
   *
   * @param rateLimited whether to keep to the documented rates
   * @return options with that setting
   */
  public TransportOptions rateLimited(boolean rateLimited) {
    return with(copy -> copy.rateLimited = rateLimited);
  }

  /**
   * Checks the base URL, when the client is built, and returns it in the form requests are built
   * from.
   *
   * @return the base URL without a trailing slash
   * @throws WechatPayConfigurationException if it is not an http(s) URL with a host
   */
  String checkedBaseUrl() {
    MerchantCredentials.require(baseUrl, "baseUrl");
    String trimmed = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    URI uri;
    try {
      uri = URI.create(trimmed);
    } catch (IllegalArgumentException e) {
      throw new WechatPayConfigurationException("baseUrl is not a URL: " + baseUrl, e);
    }
    if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
        || uri.getHost() == null) {
      throw new WechatPayConfigurationException(
          "baseUrl must be an http(s) URL with a host, but is " + baseUrl);
    }
    return trimmed;
  }

  Duration connectTimeout() {
    return connectTimeout;
  }

  Duration readTimeout() {
    return readTimeout;
  }

  /**
   * Returns the HTTP client set with {@link #httpClient(Client)}, or, when none was, {@code null},
   * so the client builds the default.
   *
   * @return the HTTP client given, or {@code null} for the default
   */
  Client httpClient() {
    return httpClient;
  }

  Logger.Level logLevel() {
    return logLevel;
  }

  RetryPolicy retries() {
    return retries;
  }

  boolean rateLimited() {
    return rateLimited;
  }

  @Override
  public String toString() {
    return "TransportOptions{baseUrl="
        + baseUrl
        + ", connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + ", httpClient="
        + (httpClient == null ? "ApacheHttp5Client" : httpClient.getClass().getSimpleName())
        + ", logLevel="
        + logLevel
        + ", retries="
        + retries
        + ", rateLimited="
        + rateLimited
        + "}";
  }
}
