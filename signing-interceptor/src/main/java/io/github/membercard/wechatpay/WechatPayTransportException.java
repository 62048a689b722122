package io.github.membercard.wechatpay;

import java.util.Objects;

/**
 * A call that got no complete response from WeChat Pay: the connection could not be made, timed
 * out, was reset, or the response arrived cut short, unreadable, larger than the limit or encoded;
 * or, rate-limited, the call's turn was too far off to wait for. Says whether the request's bytes
 * may have reached WeChat Pay: when they may have, a write may have taken effect, so query its
 * result before sending it again.
 */
public final class WechatPayTransportException extends WechatPayException {

  private static final long serialVersionUID = 1L;

  /** What went wrong on the way. */
  public enum Failure {
    /** No connection could be made (refused, unknown host, TLS handshake failed). */
    CONNECTION_FAILED,
    /** No connection within the connect timeout. */
    CONNECT_TIMEOUT,
    /** No complete response within the read timeout, headers and body together. */
    TIMED_OUT,
    /** The connection broke before a complete response arrived. */
    CONNECTION_RESET,
    /** The response's body was cut short or could not be read. */
    RESPONSE_UNREADABLE,
    /**
     * The response's body is larger than {@code TransportOptions.maxResponseBytes}; the rest of it
     * was not read.
     */
    RESPONSE_TOO_LARGE,
    /**
     * The response came with a {@code Content-Encoding} (such as {@code gzip}) that was not asked
     * for; it was not read, let alone inflated.
     */
    RESPONSE_ENCODED,
    /**
     * With {@code TransportOptions.rateLimited(true)}, the call's turn under WeChat Pay's
     * documented rate was further off than the read timeout, so it was not sent.
     */
    RATE_LIMITED
  }

  /** What went wrong. */
  private final Failure failure;

  /** The request's HTTP method. */
  private final String method;

  /** The request's path template, without parameter values or the query. */
  private final String path;

  /** Whether the request's bytes may have reached WeChat Pay. */
  private final boolean mayHaveReachedWechatPay;

  /**
   * Creates the failure of one call.
   *
   * @param failure what went wrong
   * @param method the request's HTTP method
   * @param path the request's path template, such as {@code
   *     /v3/marketing/membercard-open/cards/{cardId}/codes/{code}}: without parameter values (card
   *     codes) nor the query (which may hold an encrypted value)
   * @param mayHaveReachedWechatPay false only where it is certain the request was not sent
   * @param cause the transport's exception
   */
  public WechatPayTransportException(
      Failure failure,
      String method,
      String path,
      boolean mayHaveReachedWechatPay,
      Throwable cause) {
    super(
        method
            + " "
            + path
            + ": "
            + describe(failure)
            + (mayHaveReachedWechatPay
                ? " (the request may have reached WeChat Pay)"
                : " (the request was not sent)"),
        cause);
    this.failure = Objects.requireNonNull(failure, "failure");
    this.method = method;
    this.path = path;
    this.mayHaveReachedWechatPay = mayHaveReachedWechatPay;
  }

  /**
   * Returns what went wrong.
   *
   * @return the kind of failure
   */
  public Failure failure() {
    return failure;
  }

  /**
   * Returns the request's HTTP method.
   *
   * @return the HTTP method, such as {@code POST}
   */
  public String method() {
    return method;
  }

  /**
   * Returns the request's path template, such as {@code
   * /v3/marketing/membercard-open/cards/{cardId}/codes/{code}}: the values of path parameters (card
   * codes) and the query are left out, so the message can be logged.
   *
   * @return the path template
   */
  public String path() {
    return path;
  }

  /**
   * Returns whether the request's bytes may have reached WeChat Pay: false only where that is
   * certain, such as a refused connection. When true, a write may have taken effect.
   *
   * @return false only if the request was certainly not sent
   */
  public boolean mayHaveReachedWechatPay() {
    return mayHaveReachedWechatPay;
  }

  private static String describe(Failure failure) {
    return switch (failure) {
      case CONNECTION_FAILED -> "could not connect to WeChat Pay";
      case CONNECT_TIMEOUT -> "timed out connecting to WeChat Pay";
      case TIMED_OUT -> "timed out waiting for WeChat Pay's response";
      case CONNECTION_RESET -> "the connection broke before WeChat Pay answered";
      case RESPONSE_UNREADABLE -> "WeChat Pay's response was cut short or unreadable";
      case RESPONSE_TOO_LARGE ->
          "WeChat Pay's response is larger than the limit (maxResponseBytes)";
      case RESPONSE_ENCODED ->
          "WeChat Pay's response has a Content-Encoding that was not asked for";
      case RATE_LIMITED ->
          "its turn under WeChat Pay's documented request rate is further off than the read"
              + " timeout";
    };
  }
}
