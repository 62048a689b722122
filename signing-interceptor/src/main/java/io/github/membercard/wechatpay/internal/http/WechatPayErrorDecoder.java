package io.github.membercard.wechatpay.internal.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import feign.Response;
import feign.codec.ErrorDecoder;
import io.github.membercard.wechatpay.WechatPayApiException;
import io.github.membercard.wechatpay.WechatPayApiException.ErrorDetail;
import java.io.IOException;
import java.util.Objects;

/**
 * Turns every non-2xx response into one {@link WechatPayApiException} with WeChat Pay's error body
 * parsed where there is one; a body that is not WeChat Pay's JSON (a gateway's HTML page) still
 * gives the status, Request-ID and raw body. A body cut short, by the connection or mid-way through
 * its JSON, keeps the members that arrived whole and is reported as cut short. Error responses are
 * not signed (WeChat Pay signs only 2xx responses), so the exception treats every text as
 * untrusted.
 */
public final class WechatPayErrorDecoder implements ErrorDecoder {

  private final ObjectMapper mapper;

  /**
   * Creates the decoder.
   *
   * @param mapper reads the error body's JSON
   */
  public WechatPayErrorDecoder(ObjectMapper mapper) {
    this.mapper = Objects.requireNonNull(mapper, "mapper");
  }

  @Override
  public Exception decode(String methodKey, Response response) {
    byte[] body;
    boolean cutShort = response.body() instanceof CutShortBody;
    try {
      body = VerifyingClient.readBody(response);
    } catch (IOException e) {
      body = new byte[0];
      cutShort = true;
    }
    ErrorBody error = parse(body);
    String code = text(error.json, "code");
    return new WechatPayApiException(
        response.status(),
        code,
        code == null ? null : text(error.json, "message"),
        ErrorDetail.fromJson(error.json == null ? null : error.json.get("detail")),
        VerifyingClient.requestId(response),
        body,
        cutShort || error.cutShort);
  }

  /** The members of an error body's JSON object that arrived whole, and whether it stops short. */
  private record ErrorBody(ObjectNode json, boolean cutShort) {}

  private ErrorBody parse(byte[] body) {
    ObjectNode members = null;
    try (JsonParser parser = mapper.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return new ErrorBody(null, false);
      }
      members = mapper.createObjectNode();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        members.set(name, mapper.readTree(parser));
      }
      return new ErrorBody(members, false);
    } catch (JsonEOFException e) {
      return new ErrorBody(members, true);
    } catch (IOException e) {
      return new ErrorBody(null, false);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value == null || value.isNull()
        ? null
        : value.isValueNode() ? value.asText() : value.toString();
  }
}
