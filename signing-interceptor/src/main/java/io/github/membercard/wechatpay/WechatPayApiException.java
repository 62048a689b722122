package io.github.membercard.wechatpay;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * WeChat Pay answered with a 4xx or 5xx status. Carries the status, WeChat Pay's {@code code},
 * {@code message} and {@code detail}, the {@code Request-ID} to quote to support, and the raw body
 * (which may be a gateway's HTML rather than JSON, in which case {@link #code()} is {@code null}).
 */
public class WechatPayApiException extends WechatPayException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final String errorMessage;
  private final ErrorDetail detail;
  private final String requestId;
  private final byte[] rawBody;

  public WechatPayApiException(int status, String code, String errorMessage, ErrorDetail detail,
      String requestId, byte[] rawBody) {
    super("HTTP " + status
        + (code == null ? " with no WeChat Pay error body" : " " + code + ": " + errorMessage)
        + (detail == null ? "" : " [" + detail + "]")
        + (requestId == null ? "" : " (Request-ID " + requestId + ")"));
    this.status = status;
    this.code = code;
    this.errorMessage = errorMessage;
    this.detail = detail;
    this.requestId = requestId;
    this.rawBody = rawBody.clone();
  }

  /** @return the HTTP status */
  public int status() {
    return status;
  }

  /** @return WeChat Pay's error code, such as {@code PARAM_ERROR}, or {@code null} for a non-JSON body */
  public String code() {
    return code;
  }

  /** @return WeChat Pay's error message, or {@code null} for a non-JSON body */
  public String errorMessage() {
    return errorMessage;
  }

  /** @return which input WeChat Pay objected to, when it said */
  public Optional<ErrorDetail> detail() {
    return Optional.ofNullable(detail);
  }

  /** @return the {@code Request-ID} header, or {@code null} if the answer had none */
  public String requestId() {
    return requestId;
  }

  /** @return the body exactly as received */
  public byte[] rawBody() {
    return rawBody.clone();
  }

  /** @return the body decoded as UTF-8 */
  public String rawBodyText() {
    return new String(rawBody, StandardCharsets.UTF_8);
  }

  /**
   * The {@code detail} object of a WeChat Pay error.
   *
   * @param field the field: a JSON pointer for body fields, the parameter name otherwise
   * @param value the value given, as text
   * @param issue what is wrong with it
   * @param location where the field is: {@code body}, {@code query}, {@code path} or {@code header}
   */
  public record ErrorDetail(String field, String value, String issue, String location) {
    @Override
    public String toString() {
      return location + " " + field + ": " + issue;
    }
  }
}
