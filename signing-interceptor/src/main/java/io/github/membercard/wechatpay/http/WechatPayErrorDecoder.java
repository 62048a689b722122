package io.github.membercard.wechatpay.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Response;
import feign.codec.ErrorDecoder;
import io.github.membercard.wechatpay.WechatPayApiException;
import io.github.membercard.wechatpay.WechatPayApiException.ErrorDetail;
import io.github.membercard.wechatpay.auth.SignedMessage;
import java.io.IOException;
import java.util.Objects;

/**
 * Turns every non-2xx answer into one {@link WechatPayApiException} with WeChat Pay's error body
 * parsed where there is one; a body that is not WeChat Pay's JSON (a gateway's HTML page) still
 * gives the status, Request-ID and raw body.
 */
public final class WechatPayErrorDecoder implements ErrorDecoder {

  private final ObjectMapper mapper;

  public WechatPayErrorDecoder(ObjectMapper mapper) {
    this.mapper = Objects.requireNonNull(mapper, "mapper");
  }

  @Override
  public Exception decode(String methodKey, Response response) {
    byte[] body;
    try {
      body = VerifyingClient.readBody(response);
    } catch (IOException e) {
      body = new byte[0];
    }
    JsonNode error = parse(body);
    String code = text(error, "code");
    return new WechatPayApiException(
        response.status(),
        code,
        code == null ? null : text(error, "message"),
        ErrorDetail.fromJson(error == null ? null : error.get("detail")),
        SignedMessage.of(response.headers(), body).requestId(),
        body);
  }

  private JsonNode parse(byte[] body) {
    try {
      JsonNode node = mapper.readTree(body);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value == null || value.isNull()
        ? null
        : value.isValueNode() ? value.asText() : value.toString();
  }
}
