package io.github.membercard.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.membercard.wechatpay.crypto.RsaOaep;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Applies WeChat Pay's checks to every request of an operation stub, answering 401 or 400 as it would,
 * and fills documented answers from the spec, encrypting sensitive fields under the merchant's key.
 */
final class WechatPayRules implements ResponseDefinitionTransformerV2 {

  private final Map<String, SpecOperation> operations;
  private final RequestCheck check;
  private final PublicKey merchantPublicKey;

  WechatPayRules(Map<String, SpecOperation> operations, RequestCheck check, PublicKey merchantPublicKey) {
    this.operations = operations;
    this.check = check;
    this.merchantPublicKey = merchantPublicKey;
  }

  @Override
  public String getName() {
    return "wechatpay-rules";
  }

  @Override
  public ResponseDefinition transform(ServeEvent event) {
    String operationId = StubTags.get(event, StubTags.OPERATION);
    if (operationId == null) {
      return event.getResponseDefinition();
    }
    SpecOperation operation = operations.get(operationId);
    RequestCheck.Outcome outcome = check.check(operation, event.getRequest());
    if (outcome.error() != null) {
      return error(outcome.error());
    }
    if (!StubTags.DOCUMENTED.equals(StubTags.get(event, StubTags.ANSWER))) {
      return event.getResponseDefinition();
    }
    ResponseDefinitionBuilder answer = ResponseDefinitionBuilder.like(event.getResponseDefinition()).but()
        .withStatus(operation.successStatus());
    if (operation.successSchema() == null) {
      return answer.build();
    }
    JsonNode body = DocumentedAnswer.build(operation.successSchema(), outcome.plaintextBody(),
        parameters(operation, event));
    JsonNode encrypted = EncryptedFields.transform(operation.successSchema(), body,
        (pointer, plaintext) -> RsaOaep.encrypt(merchantPublicKey, plaintext));
    return answer.withHeader("Content-Type", "application/json").withBody(encrypted.toString()).build();
  }

  private static Map<String, String> parameters(SpecOperation operation, ServeEvent event) {
    Map<String, String> values = new HashMap<>();
    Matcher path = operation.path().matcher(event.getRequest().getUrl().replaceFirst("\\?.*$", ""));
    if (path.find()) {
      List<String> names = operation.pathParameters();
      for (int i = 0; i < names.size(); i++) {
        values.put(names.get(i), decodePathSegment(path.group(i + 1)));
      }
    }
    for (String name : operation.requiredQuery()) {
      values.put(name, event.getRequest().queryParameter(name).firstValue());
    }
    return values;
  }

  /** Percent-decodes a path segment; unlike a form value, {@code +} in a path is itself. */
  private static String decodePathSegment(String segment) {
    return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  static ResponseDefinition error(ErrorAnswer error) {
    return ResponseDefinitionBuilder.responseDefinition()
        .withStatus(error.status())
        .withHeader("Content-Type", "application/json")
        .withBody(error.json())
        .build();
  }
}
