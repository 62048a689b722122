package io.github.membercard.fake;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A request the fake received for one of its operations.
 *
 * @param operationId the operation it matched
 * @param method the HTTP method
 * @param url the path and query as received
 * @param authorization the {@code Authorization} header as received (each attempt of a call carries
 *     its own timestamp, nonce and signature), or {@code null}
 * @param wechatpaySerial the {@code Wechatpay-Serial} header, or {@code null}
 * @param query the query parameters the spec describes, by name, as sent (percent-decoded) but with
 *     encrypted ones decrypted under the fake's WeChat Pay key that {@code wechatpaySerial} names
 * @param rawBody the body as received, encrypted fields as ciphertext
 * @param body the body with encrypted fields decrypted under the fake's WeChat Pay key that {@code
 *     wechatpaySerial} names, or {@code null} when there was none or it was not valid
 */
public record ReceivedRequest(
    String operationId,
    String method,
    String url,
    String authorization,
    String wechatpaySerial,
    Map<String, String> query,
    String rawBody,
    JsonNode body) {}
