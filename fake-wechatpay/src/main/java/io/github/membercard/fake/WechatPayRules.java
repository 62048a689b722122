package io.github.membercard.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Applies WeChat Pay's checks to every request of an operation stub, answering 401 or 400 as it
 * would, then applies it to the {@link SandboxState} and responses what the state says, or, where
 * the state does not concern it, the documented response from the spec (a list operation's as one
 * page of its list), encrypting sensitive fields under the merchant's key; {@code GET
 * /v3/certificates} answers with the platform certificates listed now.
 */
final class WechatPayRules implements ResponseDefinitionTransformerV2 {

  /** How many items a list operation's list holds unless a test says otherwise. */
  static final int DEFAULT_LIST_SIZE = 1;

  private final Map<String, SpecOperation> operations;
  private final RequestCheck check;
  private final PublicKey merchantPublicKey;
  private final Map<String, Integer> listSizes;
  private final PlatformKeys wechatPayKeys;
  private final SandboxState state;

  WechatPayRules(
      Map<String, SpecOperation> operations,
      RequestCheck check,
      PublicKey merchantPublicKey,
      Map<String, Integer> listSizes,
      PlatformKeys wechatPayKeys,
      SandboxState state) {
    this.operations = operations;
    this.state = state;
    this.check = check;
    this.merchantPublicKey = merchantPublicKey;
    this.listSizes = listSizes;
    this.wechatPayKeys = wechatPayKeys;
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
    if (!StubTags.DOCUMENTED.equals(StubTags.get(event, StubTags.RESPONSE))) {
      return event.getResponseDefinition();
    }
    ResponseDefinitionBuilder answer =
        ResponseDefinitionBuilder.like(event.getResponseDefinition())
            .but()
            .withStatus(operation.successStatus());
    if (FakeWechatPay.DOWNLOAD_CERTIFICATES.equals(operationId)) {
      return answer
          .withHeader("Content-Type", "application/json")
          .withBody(wechatPayKeys.certificateList())
          .build();
    }
    Map<String, String> parameters = parameters(operation, event, outcome.plaintextQuery());
    SandboxState.Outcome stored =
        state.apply(
            operation, parameters, outcome.plaintextBody(), listSizes.containsKey(operationId));
    if (stored.error() != null) {
      return error(stored.error());
    }
    if (operation.successSchema() == null || (!stored.stateless() && stored.body() == null)) {
      return answer.build();
    }
    JsonNode body = stored.stateless() ? documented(operation, outcome, parameters) : stored.body();
    JsonNode encrypted =
        EncryptedFields.transform(
            operation.successSchema(),
            body,
            (pointer, plaintext) -> WechatPayCrypto.encrypt(merchantPublicKey, plaintext));
    return answer
        .withHeader("Content-Type", "application/json")
        .withBody(encrypted.toString())
        .build();
  }

  /** The response as documented, a list operation's as one page of a list of its set size. */
  private JsonNode documented(
      SpecOperation operation, RequestCheck.Outcome outcome, Map<String, String> parameters) {
    JsonNode body =
        DocumentedResponse.build(
            operation.successSchema(),
            outcome.plaintextBody(),
            operation.requestSchema(),
            parameters);
    if (operation.paging() != null) {
      PagedResponse.fill(
          (ObjectNode) body,
          operation,
          outcome.plaintextQuery(),
          listSizes.getOrDefault(operation.operationId(), DEFAULT_LIST_SIZE));
    }
    return body;
  }

  /** The request's path parameters and its (decrypted) query parameters, by name. */
  private static Map<String, String> parameters(
      SpecOperation operation, ServeEvent event, Map<String, String> query) {
    Map<String, String> values = new HashMap<>(query);
    Matcher path = operation.path().matcher(event.getRequest().getUrl().replaceFirst("\\?.*$", ""));
    if (path.find()) {
      List<String> names = operation.pathParameters();
      for (int i = 0; i < names.size(); i++) {
        values.put(names.get(i), decodePathSegment(path.group(i + 1)));
      }
    }
    return values;
  }

  /** Percent-decodes a path segment; unlike a form value, {@code +} in a path is itself. */
  private static String decodePathSegment(String segment) {
    return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  static ResponseDefinition error(ErrorResponse error) {
    return ResponseDefinitionBuilder.responseDefinition()
        .withStatus(error.status())
        .withHeader("Content-Type", "application/json")
        .withBody(error.json())
        .build();
  }
}
