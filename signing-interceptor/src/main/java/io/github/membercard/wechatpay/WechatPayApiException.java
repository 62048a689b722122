package io.github.membercard.wechatpay;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.membercard.wechatpay.internal.http.UntrustedText;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * WeChat Pay answered with a 4xx or 5xx status. Carries the status, WeChat Pay's {@code code},
 * {@code message} and {@code detail}, the {@code Request-ID} to quote to support, and the raw body
 * (which may be a gateway's HTML rather than JSON, in which case {@link #code()} is {@code null}).
 *
 * <p>Error responses are not signed, so anything between the client and WeChat Pay could have
 * written them: {@code code}, {@code message}, {@code detail} and {@code Request-ID} are
 * unauthenticated text. They are cleaned before they reach this exception's accessors and message,
 * so they can be logged as they are: control characters (CR, LF, tab, …, and Unicode line
 * separators and format characters) become spaces, and each is cut to a bounded length ({@value
 * #MAX_CODE_LENGTH} characters for the code and Request-ID, {@value #MAX_TEXT_LENGTH} for the
 * message and each detail member). {@link #rawBody()} is the body as received.
 */
public class WechatPayApiException extends WechatPayException {

  private static final long serialVersionUID = 1L;

  /** The longest {@link #code()} and {@link #requestId()} kept, in characters. */
  public static final int MAX_CODE_LENGTH = 64;

  /** The longest {@link #errorMessage()} and member of {@link #detail()} kept, in characters. */
  public static final int MAX_TEXT_LENGTH = 512;

  /** The HTTP status WeChat Pay answered with. */
  private final int status;

  /** The error body's {@code code}, cleaned; {@code null} for a non-JSON body. */
  private final String code;

  /** The error body's {@code message}, cleaned; {@code null} for a non-JSON body. */
  private final String errorMessage;

  /**
   * The error body's {@code detail}, or {@code null} when it had none. Not serialized: the message
   * keeps its text.
   */
  private final transient ErrorDetail detail;

  /** The response's {@code Request-ID}, cleaned, or {@code null} if it had none. */
  private final String requestId;

  /** The response body exactly as received. */
  private final byte[] rawBody;

  /** Whether the error body ended before its end. */
  private final boolean bodyCutShort;

  /**
   * Creates the failure of one call from what its error response said; the texts are cleaned and
   * cut as the class describes.
   *
   * @param status the HTTP status
   * @param code the error body's {@code code}, or {@code null}
   * @param errorMessage the error body's {@code message}, or {@code null}
   * @param detail the error body's {@code detail}, or {@code null}
   * @param requestId the {@code Request-ID} header, or {@code null}
   * @param rawBody the body as received
   * @param bodyCutShort whether the body ended before its end: the connection closed before its
   *     {@code Content-Length}, or its JSON stops mid-way
   */
  public WechatPayApiException(
      int status,
      String code,
      String errorMessage,
      ErrorDetail detail,
      String requestId,
      byte[] rawBody,
      boolean bodyCutShort) {
    super(
        message(
            status,
            UntrustedText.clean(code, MAX_CODE_LENGTH),
            UntrustedText.clean(errorMessage, MAX_TEXT_LENGTH),
            detail,
            UntrustedText.clean(requestId, MAX_CODE_LENGTH),
            bodyCutShort));
    this.status = status;
    this.code = UntrustedText.clean(code, MAX_CODE_LENGTH);
    this.errorMessage = UntrustedText.clean(errorMessage, MAX_TEXT_LENGTH);
    this.detail = detail;
    this.requestId = UntrustedText.clean(requestId, MAX_CODE_LENGTH);
    this.rawBody = rawBody.clone();
    this.bodyCutShort = bodyCutShort;
  }

  private static String message(
      int status,
      String code,
      String errorMessage,
      ErrorDetail detail,
      String requestId,
      boolean bodyCutShort) {
    String said =
        code != null
            ? " " + code + (errorMessage == null ? "" : ": " + errorMessage)
            : bodyCutShort ? " with an error body cut short" : " with no WeChat Pay error body";
    return "HTTP "
        + status
        + said
        + (detail == null ? "" : " [" + detail + "]")
        + (code != null && bodyCutShort ? " (error body cut short)" : "")
        + (requestId == null ? "" : " (Request-ID " + requestId + ")");
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
   * WeChat Pay rejected; empty when the body had none, and in a deserialized copy of the exception
   * (whose message keeps the detail's text).
   *
   * @return which input WeChat Pay objected to, when it said
   */
  public Optional<ErrorDetail> detail() {
    return Optional.ofNullable(detail);
  }

  /**
   * Returns the response's {@code Request-ID}, the id to quote to WeChat Pay support.
   *
   * @return the {@code Request-ID} header, or {@code null} if the response had none
   */
  public String requestId() {
    return requestId;
  }

  /**
   * Returns whether the error body ended before its end: the connection closed before the {@code
   * Content-Length} it declared, or its JSON stops mid-way. {@link #code()} and the rest then hold
   * what arrived before the cut, if anything.
   *
   * @return true if the body was cut short
   */
  public boolean bodyCutShort() {
    return bodyCutShort;
  }

  /**
   * Returns a copy of the response body's bytes, exactly as received: unauthenticated, uncleaned.
   *
   * @return the body exactly as received
   */
  public byte[] rawBody() {
    return rawBody.clone();
  }

  /**
   * Returns the response body as UTF-8 text, whatever its content type: unauthenticated, uncleaned,
   * so not for a log line as it is.
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
   * absent ones. Its members are unauthenticated text, cleaned like the exception's.
   *
   * @param field the field: a JSON pointer for body fields, the parameter name otherwise
   * @param value the value given, as text
   * @param issue what is wrong with it
   * @param location where the field is: {@code body}, {@code query}, {@code path} or {@code header}
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ErrorDetail(String field, String value, String issue, String location) {

    /**
     * Cleans each member as untrusted text.
     *
     * @param field the field: a JSON pointer for body fields, the parameter name otherwise
     * @param value the value given, as text
     * @param issue what is wrong with it
     * @param location where the field is: {@code body}, {@code query}, {@code path} or {@code
     *     header}
     */
    public ErrorDetail {
      field = UntrustedText.clean(field, MAX_TEXT_LENGTH);
      value = UntrustedText.clean(value, MAX_TEXT_LENGTH);
      issue = UntrustedText.clean(issue, MAX_TEXT_LENGTH);
      location = UntrustedText.clean(location, MAX_TEXT_LENGTH);
    }

    /**
     * Reads a {@code detail} object as WeChat Pay sends it, the way {@link #detail()} is read from
     * an error response: a member that is not text (a number, an object) as its JSON text, members
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
