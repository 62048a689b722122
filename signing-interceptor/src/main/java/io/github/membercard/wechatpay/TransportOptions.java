package io.github.membercard.wechatpay;

import feign.Client;
import io.github.membercard.wechatpay.internal.http.BoundedBody;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;

/**
 * How calls reach WeChat Pay: the base URL, timeouts, the HTTP client, the response size limit and
 * logging. Immutable: each setter returns a copy, so one set of options can be shared and varied.
 *
 * <pre>{@code
 * TransportOptions.defaults().baseUrl("https://api2.wechatpay.cn").readTimeout(Duration.ofSeconds(10))
 * }</pre>
 */
public final class TransportOptions {

  /** WeChat Pay's production host. */
  public static final String DEFAULT_BASE_URL = "https://api.mch.weixin.qq.com";

  /** An IPv4 literal or a bracketed IPv6 literal, as {@link URI#getHost()} returns them. */
  private static final Pattern IP_LITERAL =
      Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}|\\[[0-9A-Fa-f:.]+\\]");

  // Not final so that each setter can change one field of a copy; no instance is changed once
  // shared.
  private String baseUrl = DEFAULT_BASE_URL;
  private boolean plainHttpAllowed;
  private Duration connectTimeout = Duration.ofSeconds(10);
  private Duration readTimeout = Duration.ofSeconds(30);
  private Client httpClient;
  private OkHttpClient okHttpClient;
  private int maxResponseBytes = BoundedBody.DEFAULT_LIMIT;
  private boolean unsafeLogUnredacted;
  private RetryPolicy retries = RetryPolicy.none();
  private boolean rateLimited;

  private TransportOptions() {}

  private TransportOptions with(Consumer<TransportOptions> change) {
    TransportOptions copy = new TransportOptions();
    copy.baseUrl = baseUrl;
    copy.plainHttpAllowed = plainHttpAllowed;
    copy.connectTimeout = connectTimeout;
    copy.readTimeout = readTimeout;
    copy.httpClient = httpClient;
    copy.okHttpClient = okHttpClient;
    copy.maxResponseBytes = maxResponseBytes;
    copy.unsafeLogUnredacted = unsafeLogUnredacted;
    copy.retries = retries;
    copy.rateLimited = rateLimited;
    change.accept(copy);
    return copy;
  }

  /**
   * Returns the options a {@link WechatPayClient.Builder} uses when given none.
   *
   * @return production, 10 s to connect, 30 s to read, OkHttp sending each request once (no retry
   *     of its own, no redirects, no cookies, no compression, HTTP/1.1), responses of at most 1
   *     MiB, redacted logs
   */
  public static TransportOptions defaults() {
    return new TransportOptions();
  }

  /**
   * Sets where calls go, in a copy of these options; the URL is checked, and trailing slashes
   * dropped, when the client is built. It must be {@code https}, or {@code http} on loopback (or
   * with {@link #insecurePlainHttpForTesting()}), without user-info (no {@code @} anywhere), query
   * or fragment.
   *
   * @param baseUrl the API host, and a path prefix if a gateway needs one; default {@value
   *     #DEFAULT_BASE_URL} (the backup host is {@code https://api2.wechatpay.cn})
   * @return options with that base URL
   */
  public TransportOptions baseUrl(String baseUrl) {
    return with(copy -> copy.baseUrl = baseUrl);
  }

  /**
   * Allows a plain {@code http://} base URL on a host other than loopback, in a copy of these
   * options: for a test double on another machine or container only. Requests then travel in clear
   * text, {@code Authorization} header and members' personal data included. Loopback ({@code
   * localhost}, {@code 127.0.0.0/8}, {@code [::1]}) needs no opt-in.
   *
   * @return options that accept a plain-http base URL
   */
  public TransportOptions insecurePlainHttpForTesting() {
    return with(copy -> copy.plainHttpAllowed = true);
  }

  /**
   * Sets how long to wait for a connection, in a copy of these options; default 10 s.
   *
   * @param timeout how long to wait for a connection, positive; default 10 s
   * @return options with that timeout
   */
  public TransportOptions connectTimeout(Duration timeout) {
    return with(copy -> copy.connectTimeout = timeout);
  }

  /**
   * Sets how long to wait for a response, in a copy of these options; default 30 s.
   *
   * @param timeout how long to wait for a response, positive; default 30 s
   * @return options with that timeout
   */
  public TransportOptions readTimeout(Duration timeout) {
    return with(copy -> copy.readTimeout = timeout);
  }

  /**
   * Sets the Feign client requests go out through, in a copy of these options; the runtime wraps it
   * to sign each request and verify each response.
   *
   * @param client the Feign HTTP client to send through; it must support PATCH and should not retry
   *     on its own, follow redirects or decompress. Default: OkHttp as {@link #defaults()}
   *     describes
   * @return options with that client
   */
  public TransportOptions httpClient(Client client) {
    return with(copy -> copy.httpClient = client);
  }

  /**
   * Sends through the default OkHttp transport over an OkHttp client you configured (a proxy, your
   * TLS trust, DNS, a connection pool or dispatcher shared with the rest of your service), in a
   * copy of these options. The runtime keeps what it relies on over a copy of your client: no retry
   * on a connection failure, no redirects, no cookies, HTTP/1.1, and the connect timeout set here;
   * the read timeout set here bounds each whole response. Set this or {@link #httpClient(Client)},
   * not both.
   *
   * @param client the OkHttp client to send through
   * @return options with that client
   */
  public TransportOptions okHttpClient(OkHttpClient client) {
    return with(copy -> copy.okHttpClient = client);
  }

  /**
   * Sets the largest response body read, error responses and the platform-certificate download
   * included, in a copy of these options; default 1 MiB. A larger response fails the call with a
   * {@link WechatPayTransportException} ({@code RESPONSE_TOO_LARGE}) without the rest being read.
   *
   * @param bytes the most bytes of one response body to read; default 1 MiB (1 048 576)
   * @return options with that limit
   */
  public TransportOptions maxResponseBytes(int bytes) {
    return with(copy -> copy.maxResponseBytes = bytes);
  }

  /**
   * <b>Unsafe:</b> makes the TRACE log of each exchange show request and response bodies as they
   * are, personal data in plaintext, and every path parameter (card codes), in a copy of these
   * options; default false. Only for a developer's machine with test data: logs are copied, kept
   * and read by many. Changes nothing below TRACE; {@code Authorization}, signatures, keys and the
   * ciphertext of encrypted fields stay out of every log line either way.
   *
   * @param unsafe true to log personal data and card codes at TRACE
   * @return options with that setting
   */
  public TransportOptions unsafeLogUnredacted(boolean unsafe) {
    return with(copy -> copy.unsafeLogUnredacted = unsafe);
  }

  /**
   * Sets when a call is sent again, in a copy of these options; default {@link RetryPolicy#none()}.
   * {@link RetryPolicy#safeRetries()} retries only what is safe to repeat; see {@link RetryPolicy}.
   *
   * @param retries the retry policy
   * @return options with that policy
   */
  public TransportOptions retries(RetryPolicy retries) {
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
   * Checks every option, when the client is built, and returns the base URL in the form requests
   * are built from.
   *
   * @return the base URL without trailing slashes
   * @throws WechatPayConfigurationException naming the first unusable option: a base URL that is
   *     not an https URL with a host (or http on loopback or opted in), or carries user-info, a
   *     query or a fragment; a timeout or size that is not positive; an unusable retry policy
   */
  String check() {
    Settings.positive(connectTimeout, "connectTimeout", "10s");
    Settings.positive(readTimeout, "readTimeout", "10s");
    Settings.positiveSize(maxResponseBytes, "maxResponseBytes");
    Settings.required(retries, "retries", "RetryPolicy.none() sends each call once");
    if (httpClient != null && okHttpClient != null) {
      throw new WechatPayConfigurationException(
          "okHttpClient",
          "okHttpClient and httpClient are both set: set one, the client requests go out through");
    }
    retries.check();
    Settings.required(baseUrl, "baseUrl", "leave it unset for " + DEFAULT_BASE_URL);
    String trimmed = baseUrl.replaceFirst("/+$", "");
    URI uri;
    try {
      uri = new URI(trimmed);
    } catch (URISyntaxException e) {
      throw new WechatPayConfigurationException(
          "baseUrl", "baseUrl is not a URL: " + redacted(baseUrl) + " (" + e.getReason() + ")");
    }
    if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
        || uri.getHost() == null) {
      throw new WechatPayConfigurationException(
          "baseUrl", "baseUrl must be an https URL with a host, but is " + redacted(baseUrl));
    }
    if (uri.getRawUserInfo() != null || baseUrl.indexOf('@') >= 0) {
      // Also an @ the parser read as part of a path: a password holding / or ? ends the
      // authority early, and the rest would be sent, and shown, as the path.
      throw new WechatPayConfigurationException(
          "baseUrl",
          "baseUrl must not carry user-info (user:password@): requests are authenticated by their"
              + " signature; remove it from "
              + redacted(baseUrl));
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new WechatPayConfigurationException(
          "baseUrl",
          "baseUrl must be a host and an optional path prefix: remove the query or fragment from "
              + uri.getScheme()
              + "://"
              + uri.getRawAuthority()
              + uri.getRawPath());
    }
    if ("http".equals(uri.getScheme()) && !plainHttpAllowed && !isLoopback(uri.getHost())) {
      throw new WechatPayConfigurationException(
          "baseUrl",
          "baseUrl must be https: over http the Authorization header and members' personal data"
              + " travel in clear text. http is accepted for localhost, 127.0.0.0/8 and [::1], and"
              + " elsewhere only with TransportOptions.insecurePlainHttpForTesting(); baseUrl is "
              + redacted(baseUrl));
    }
    return trimmed;
  }

  /** Loopback by its literal name or address, never by a DNS lookup. */
  private static boolean isLoopback(String host) {
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!IP_LITERAL.matcher(host).matches()) {
      return false;
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress(); // a literal: no lookup
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /**
   * The URL with anything that may be user-info masked, for messages and {@link #toString()}:
   * everything from the scheme's {@code //} (or the start) to the last {@code @}, since a password
   * may hold {@code /}, {@code ?} or {@code #} that a parser would read as the end of the
   * authority.
   */
  private static String redacted(String url) {
    int at = url == null ? -1 : url.lastIndexOf('@');
    if (at < 0) {
      return url;
    }
    int slashes = url.indexOf("//");
    int from = slashes >= 0 && slashes < at ? slashes + 2 : 0;
    return url.substring(0, from) + "***" + url.substring(at);
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

  OkHttpClient okHttpClient() {
    return okHttpClient;
  }

  int maxResponseBytes() {
    return maxResponseBytes;
  }

  boolean unsafeLogUnredacted() {
    return unsafeLogUnredacted;
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
        + redacted(baseUrl)
        + (plainHttpAllowed ? " (insecurePlainHttpForTesting)" : "")
        + ", connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + ", httpClient="
        + (httpClient != null
            ? httpClient.getClass().getSimpleName()
            : okHttpClient != null
                ? "OkHttpTransport over a given OkHttpClient"
                : "OkHttpTransport")
        + ", maxResponseBytes="
        + maxResponseBytes
        + (unsafeLogUnredacted ? ", UNSAFE: logs unredacted" : "")
        + ", retries="
        + retries
        + ", rateLimited="
        + rateLimited
        + "}";
  }
}
