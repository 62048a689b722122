package io.github.membercard.wechatpay;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
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

  public WechatPayApiException(
      int status,
      String code,
      String errorMessage,
      ErrorDetail detail,
      String requestId,
      byte[] rawBody) {
    super(
        "HTTP "
            + status
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

  /**
   * Returns the HTTP status WeChat Pay answered with.
   *
   * @return the HTTP status
   */
  public int status() {
    return status;
  }

  /**
   * Returns the {@code code} member of the error body; {@code null} when the body was not WeChat
   * Pay's JSON, such as a gateway's HTML page.
   *
   * @return WeChat Pay's error code, such as {@code PARAM_ERROR}, or {@code null} for a non-JSON
   *     body
   */
  public String code() {
    return code;
  }

  /**
   * Returns the {@code message} member of the error body, as WeChat Pay wrote it.
   *
   * @return WeChat Pay's error message, or {@code null} for a non-JSON body
   */
  public String errorMessage() {
    return errorMessage;
  }

  /**
   * Returns the {@code detail} member of the error body, naming the field, value and location
   * WeChat Pay rejected; empty when the body had none.
   *
   * @return which input WeChat Pay objected to, when it said
   */
  public Optional<ErrorDetail> detail() {
    return Optional.ofNullable(detail);
  }

  /**
   * Returns the answer's {@code Request-ID}, the id to quote to WeChat Pay support.
   *
   * @return the {@code Request-ID} header, or {@code null} if the answer had none
   */
  public String requestId() {
    return requestId;
  }

  /**
   * Returns a copy of the answer body's bytes, exactly as received.
   *
   * @return the body exactly as received
   */
  public byte[] rawBody() {
    return rawBody.clone();
  }

  /**
   * Returns the answer body as UTF-8 text, whatever its content type.
   *
   * @return the body decoded as UTF-8
   */
  public String rawBodyText() {
    return new String(rawBody, StandardCharsets.UTF_8);
  }

  /**
   * The {@code detail} object of a WeChat Pay error: the spec's {@code ErrorDetail} schema. It is
   * the one type for it: {@link #detail()} returns it, and the generated {@code ErrorResponse}
   * model types its {@code detail} with it (the generator is told not to write a model of its own).
   * Jackson reads it with {@link #fromJson(JsonNode)} and writes its four components, leaving out
   * absent ones.
   *
   * @param field the field: a JSON pointer for body fields, the parameter name otherwise
   * @param value the value given, as text
   * @param issue what is wrong with it
   * @param location where the field is: {@code body}, {@code query}, {@code path} or {@code header}
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ErrorDetail(String field, String value, String issue, String location) {

    /**
     * Reads a {@code detail} object as WeChat Pay sends it, the way {@link #detail()} is read from
     * an error answer: a member that is not text (a number, an object) as its JSON text, members
     * the spec does not describe ignored.
     *
     * @param detail the {@code detail} JSON
     * @return the detail, or {@code null} if {@code detail} is not a JSON object
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ErrorDetail fromJson(JsonNode detail) {
      if (detail == null || !detail.isObject()) {
        return null;
      }
      return new ErrorDetail(
          text(detail, "field"),
          text(detail, "value"),
          text(detail, "issue"),
          text(detail, "location"));
    }

    private static String text(JsonNode node, String member) {
      JsonNode value = node.get(member);
      return value == null || value.isNull()
          ? null
          : value.isValueNode() ? value.asText() : value.toString();
    }

    @Override
    public String toString() {
      return location + " " + field + ": " + issue;
    }
  }
}
