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
 * @param requiredQuery the required query parameters' names
 * @param requestSchema the JSON body's schema, or {@code null} when there is no body
 * @param successStatus the documented 2xx status
 * @param successSchema the 2xx body's schema, or {@code null} when there is none (204)
 * @param requiresWechatpaySerial whether the request must carry {@code Wechatpay-Serial}
 */
record SpecOperation(String operationId, String method, String pathTemplate, Pattern path,
    List<String> pathParameters, List<String> requiredQuery, Schema<?> requestSchema, int successStatus,
    Schema<?> successSchema, boolean requiresWechatpaySerial) {}
