package io.github.membercard.wechatpay;

import feign.Client;
import feign.Logger;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

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

  private final String baseUrl;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Client httpClient;
  private final Logger.Level logLevel;

  private TransportOptions(
      String baseUrl,
      Duration connectTimeout,
      Duration readTimeout,
      Client httpClient,
      Logger.Level logLevel) {
    this.baseUrl = baseUrl;
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
    this.httpClient = httpClient;
    this.logLevel = logLevel;
  }

  /**
   * Returns the options a {@link WechatPayClient.Builder} uses when given none.
   *
   * @return production, 10 s to connect, 30 s to read, the JDK's HTTP client over HTTP/1.1, no
   *     logging
   */
  public static TransportOptions defaults() {
    return new TransportOptions(
        DEFAULT_BASE_URL, Duration.ofSeconds(10), Duration.ofSeconds(30), null, Logger.Level.NONE);
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
    return new TransportOptions(baseUrl, connectTimeout, readTimeout, httpClient, logLevel);
  }

  /**
   * Sets how long to wait for a connection, in a copy of these options; default 10 s.
   *
   * @param timeout how long to wait for a connection; default 10 s
   * @return options with that timeout
   */
  public TransportOptions connectTimeout(Duration timeout) {
    return new TransportOptions(
        baseUrl, Objects.requireNonNull(timeout, "timeout"), readTimeout, httpClient, logLevel);
  }

  /**
   * Sets how long to wait for an answer, in a copy of these options; default 30 s.
   *
   * @param timeout how long to wait for an answer; default 30 s
   * @return options with that timeout
   */
  public TransportOptions readTimeout(Duration timeout) {
    return new TransportOptions(
        baseUrl, connectTimeout, Objects.requireNonNull(timeout, "timeout"), httpClient, logLevel);
  }

  /**
   * Sets the Feign client requests go out through, in a copy of these options; the runtime wraps it
   * to sign each request and verify each answer.
   *
   * @param client the Feign HTTP client to send through; it must support PATCH. Default: the JDK's
   *     {@code java.net.http.HttpClient} over HTTP/1.1
   * @return options with that client
   */
  public TransportOptions httpClient(Client client) {
    return new TransportOptions(
        baseUrl, connectTimeout, readTimeout, Objects.requireNonNull(client, "client"), logLevel);
  }

  /**
   * Sets how much Feign logs, in a copy of these options; default none.
   *
   * @param level how much Feign logs, to the platform logger {@code
   *     io.github.membercard.wechatpay.http} at DEBUG; default none. Signatures are never logged.
   * @return options with that level
   */
  public TransportOptions logLevel(Logger.Level level) {
    return new TransportOptions(
        baseUrl, connectTimeout, readTimeout, httpClient, Objects.requireNonNull(level, "level"));
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

  @Override
  public String toString() {
    return "TransportOptions{baseUrl="
        + baseUrl
        + ", connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + ", httpClient="
        + (httpClient == null ? "JDK HttpClient" : httpClient.getClass().getSimpleName())
        + ", logLevel="
        + logLevel
        + "}";
  }
}
