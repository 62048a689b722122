package io.github.membercard.fake;

import io.swagger.v3.oas.models.media.Schema;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One operation of the spec, as the fake needs it.
 *
 * @param operationId the spec's operationId
 * @param method the HTTP method, upper case
 * @param pathTemplate the path with {@code {parameter}} placeholders
 * @param path a pattern matching the path, one group per path parameter
 * @param pathParameters the path parameters' names, in order
 * @param query the query parameters
 * @param requestSchema the JSON body's schema, or {@code null} when there is no body
 * @param successStatus the documented 2xx status
 * @param successSchema the 2xx body's schema, or {@code null} when there is none (204)
 * @param requiresWechatpaySerial whether the request must carry {@code Wechatpay-Serial}
 * @param paging how the operation pages its response, or {@code null} when it is not a list
 * @param idempotencyKey the request property under which WeChat Pay processes a repeated request
 *     once ({@code x-wechatpay-idempotency-key}), or {@code null}
 */
record SpecOperation(
    String operationId,
    String method,
    String pathTemplate,
    Pattern path,
    List<String> pathParameters,
    List<QueryParameter> query,
    Schema<?> requestSchema,
    int successStatus,
    Schema<?> successSchema,
    boolean requiresWechatpaySerial,
    Paging paging,
    String idempotencyKey) {

  /**
   * A query parameter.
   *
   * @param name its name on the wire
   * @param required whether a request must carry it
   * @param schema its value's schema
   * @param encrypted whether its value is RSA-OAEP ciphertext under WeChat Pay's key
   */
  record QueryParameter(String name, boolean required, Schema<?> schema, boolean encrypted) {}

  /**
   * A list operation's paging, from {@code x-wechatpay-paging}.
   *
   * @param offsetParameter the query parameter holding the offset
   * @param limitParameter the query parameter holding the page size
   * @param offsetCountsPages whether the offset is a page index rather than an item index
   * @param items the response's array property
   * @param total the response's total-count property
   */
  record Paging(
      String offsetParameter,
      String limitParameter,
      boolean offsetCountsPages,
      String items,
      String total) {}
}
