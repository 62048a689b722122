package io.github.membercard.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The spec's house rules, checked with Swagger Parser; each failure lists every offending place.
 */
class SpecLintTest {

  static final String SPEC = io.github.membercard.openapi.drift.DocDrift.SPEC_RESOURCE;

  private static SwaggerParseResult parsed;
  private static OpenAPI spec;
  private static OpenAPI resolved;

  @BeforeAll
  static void parse() {
    String location = SpecLintTest.class.getClassLoader().getResource(SPEC).toString();
    parsed = new OpenAPIV3Parser().readLocation(location, null, new ParseOptions());
    spec = parsed.getOpenAPI();
    ParseOptions resolve = new ParseOptions();
    resolve.setResolve(true);
    resolve.setResolveFully(true);
    resolved = new OpenAPIV3Parser().readLocation(location, null, resolve).getOpenAPI();
  }

  @Test
  void parsesWithNoErrorsOrWarnings() {
    assertEquals(List.of(), parsed.getMessages());
    assertEquals("3.0.3", spec.getOpenapi());
  }

  @Test
  void everyOperationHasAnIdSummaryAndTag() {
    List<String> problems = new ArrayList<>();
    operations(
        spec,
        (where, operation) -> {
          if (operation.getOperationId() == null) problems.add(where + ": no operationId");
          if (operation.getSummary() == null) problems.add(where + ": no summary");
          if (operation.getTags() == null || operation.getTags().size() != 1)
            problems.add(where + ": not exactly one tag");
        });
    assertEquals(List.of(), problems);
  }

  @Test
  void everyPropertyHasATypeAndADescription() {
    List<String> problems = new ArrayList<>();
    spec.getComponents()
        .getSchemas()
        .forEach(
            (name, schema) ->
                properties(schema)
                    .forEach(
                        (property, value) -> {
                          String where = name + "." + property;
                          if (value.get$ref() == null) {
                            if (value.getType() == null) problems.add(where + ": no type");
                            if (value.getDescription() == null)
                              problems.add(where + ": no description");
                            if ("array".equals(value.getType())
                                && value.getItems().get$ref() == null
                                && value.getItems().getType() == null) {
                              problems.add(where + ": array items have no type");
                            }
                          }
                        }));
    assertEquals(List.of(), problems);
  }

  @Test
  void objectsAndEnumsAreNamedComponentsNeverInline() {
    List<String> problems = new ArrayList<>();
    spec.getComponents()
        .getSchemas()
        .forEach(
            (name, schema) ->
                properties(schema)
                    .forEach(
                        (property, value) -> {
                          Schema<?> inner =
                              "array".equals(value.getType()) ? value.getItems() : value;
                          if (inner.get$ref() == null
                              && ("object".equals(inner.getType()) || inner.getEnum() != null)) {
                            problems.add(
                                name
                                    + "."
                                    + property
                                    + ": inline "
                                    + (inner.getEnum() != null ? "enum" : "object"));
                          }
                        }));
    operations(
        spec,
        (where, operation) -> {
          if (operation.getRequestBody() != null) {
            operation
                .getRequestBody()
                .getContent()
                .values()
                .forEach(
                    media -> {
                      if (media.getSchema().get$ref() == null)
                        problems.add(where + ": inline request body");
                    });
          }
        });
    assertEquals(List.of(), problems);
  }

  @Test
  void everyExampleValidatesAgainstItsSchema() {
    List<String> problems = new ArrayList<>();
    resolved
        .getComponents()
        .getSchemas()
        .forEach(
            (name, schema) -> {
              check(name, schema, schema.getExample(), problems);
              properties(schema)
                  .forEach(
                      (property, value) ->
                          check(name + "." + property, value, value.getExample(), problems));
            });
    operations(
        resolved,
        (where, operation) -> {
          if (operation.getParameters() != null) {
            for (Parameter parameter : operation.getParameters()) {
              check(
                  where + " " + parameter.getName(),
                  parameter.getSchema(),
                  parameter.getSchema().getExample(),
                  problems);
            }
          }
          operation
              .getResponses()
              .forEach(
                  (status, response) -> {
                    if (response.getContent() != null) {
                      for (MediaType media : response.getContent().values()) {
                        check(
                            where + " " + status, media.getSchema(), media.getExample(), problems);
                      }
                    }
                  });
        });
    assertEquals(List.of(), problems);
  }

  @Test
  void theRuntimeSuppliedHeaderIsDeclaredAndMarked() {
    Operation confirm =
        spec.getPaths()
            .get("/v3/brand/partner/card-member/user-cards/{user_card_code}/confirm")
            .getPost();
    Parameter serial =
        confirm.getParameters().stream()
            .filter(p -> "Wechatpay-Serial".equals(p.getName()))
            .findFirst()
            .orElseThrow();
    assertEquals("header", serial.getIn());
    assertEquals(true, serial.getRequired());
    assertEquals(true, serial.getExtensions().get("x-wechatpay-runtime-supplied"));
  }

  @Test
  void everyEnumValueSaysWhatItMeans() {
    List<String> problems = new ArrayList<>();
    spec.getComponents()
        .getSchemas()
        .forEach(
            (name, schema) -> {
              if (schema.getEnum() != null) {
                Object descriptions =
                    schema.getExtensions() == null
                        ? null
                        : schema.getExtensions().get("x-enum-descriptions");
                if (!(descriptions instanceof List<?> list)
                    || list.size() != schema.getEnum().size()) {
                  problems.add(name + ": x-enum-descriptions does not give one meaning per value");
                }
              }
            });
    assertEquals(List.of(), problems);
  }

  @Test
  void aRateLimitIsStatedOnceInItsExtension() {
    List<String> problems = new ArrayList<>();
    operations(
        spec,
        (where, operation) -> {
          String text = operation.getDescription() == null ? "" : operation.getDescription();
          if (text.contains("限频")
              || text.toLowerCase(java.util.Locale.ROOT).contains("rate limit")) {
            problems.add(
                where + ": the description states a rate limit; x-wechatpay-rate-limit carries it");
          }
        });
    assertEquals(List.of(), problems);
  }

  @Test
  void pagingMarkersNameTheResponsesListAndTheParameters() {
    List<String> problems = new ArrayList<>();
    operations(
        spec,
        (where, operation) -> {
          if (!(extension(operation.getExtensions(), "x-wechatpay-paging")
              instanceof Map<?, ?> paging)) {
            return;
          }
          if (!List.of("page", "item").contains(paging.get("offset"))) {
            problems.add(where + ": offset must be page or item");
          }
          Schema<?> answer =
              referenced(
                  operation
                      .getResponses()
                      .get("200")
                      .getContent()
                      .get("application/json")
                      .getSchema());
          Schema<?> items = properties(answer).get(String.valueOf(paging.get("items")));
          if (items == null
              || items.getItems() == null
              || !("#/components/schemas/" + paging.get("item"))
                  .equals(items.getItems().get$ref())) {
            problems.add(
                where
                    + ": the response's "
                    + paging.get("items")
                    + " is not an array of "
                    + paging.get("item"));
          }
          if (!properties(answer).containsKey(String.valueOf(paging.get("total")))) {
            problems.add(where + ": the response has no " + paging.get("total"));
          }
          for (String role : List.of("offset", "limit")) {
            long marked =
                operation.getParameters().stream()
                    .filter(
                        p ->
                            "query".equals(p.getIn())
                                && role.equals(extension(p.getExtensions(), "x-wechatpay-paging")))
                    .count();
            if (marked != 1) {
              problems.add(
                  where + ": " + marked + " query parameters marked x-wechatpay-paging: " + role);
            }
          }
        });
    assertEquals(List.of(), problems);
  }

  /**
   * Properties that hold a member's (or a named contact person's) personal data by their name
   * alone: identifiers of the WeChat user, card codes, phone numbers, names and avatars.
   */
  private static final Set<String> PERSONAL_PROPERTY_NAMES =
      Set.of(
          "openid",
          "unionid",
          "user_card_code",
          "coupon_code",
          "membership_number",
          "nickname",
          "head_image_url",
          "phone_number",
          "encrypted_phone_number",
          "staff_name",
          "contact_information_value");

  /**
   * Bearer tokens: whoever holds one may open a member component or distribute a card while it
   * lasts, so they are masked like personal data wherever a model is printed or logged.
   */
  private static final Set<String> TOKEN_PROPERTY_NAMES = Set.of("token", "permission_token");

  /** How the doc pages describe a member card's code, as opposed to an error or result code. */
  private static final String CARD_CODE = "会员卡code";

  /** How the doc pages describe the responses a member gave when opening a card. */
  private static final String USER_FORM_ANSWERS = "用户开卡时填写的个人信息";

  @Test
  void personalDataIsMarkedWhereverTheWireCarriesItInPlaintext() {
    @SuppressWarnings("rawtypes")
    Map<String, Schema> schemas = spec.getComponents().getSchemas();
    Set<String> personal = personalProperties(schemas);
    List<String> problems = new ArrayList<>();
    schemas.forEach(
        (name, schema) ->
            properties(schema)
                .forEach(
                    (property, value) -> {
                      String where = name + "." + property;
                      boolean marked = isTrue(value, "x-wechatpay-personal-data");
                      boolean encrypted = isTrue(value, "x-wechatpay-encrypted");
                      if (personal.contains(where) && !marked && !encrypted) {
                        problems.add(
                            where + ": personal data or a token, neither marked nor encrypted");
                      }
                      if (marked && !personal.contains(where)) {
                        problems.add(where + ": marked personal data, but no rule says why");
                      }
                      if (marked && encrypted) {
                        problems.add(where + ": encrypted already masks it; drop the marker");
                      }
                      if (marked && !isStringOrStrings(value)) {
                        problems.add(where + ": the marker belongs on a string or string array");
                      }
                    }));
    assertEquals(List.of(), problems);
    assertTrue(personal.size() > 60, "the rules find the spec's personal properties: " + personal);
  }

  /**
   * Every {@code Schema.property} that holds personal data: those named so, card codes, and the
   * answers of the user forms (every property of a form field but its {@code name}); and bearer
   * tokens, which are masked the same way.
   */
  @SuppressWarnings("rawtypes")
  private static Set<String> personalProperties(Map<String, Schema> schemas) {
    Set<String> personal = new TreeSet<>();
    schemas.forEach(
        (name, schema) -> {
          properties(schema)
              .forEach(
                  (property, value) -> {
                    if (PERSONAL_PROPERTY_NAMES.contains(property)
                        || TOKEN_PROPERTY_NAMES.contains(property)
                        || ("code".equals(property)
                            && String.valueOf(value.getDescription()).startsWith(CARD_CODE))) {
                      personal.add(name + "." + property);
                    }
                  });
          if (String.valueOf(schema.getDescription()).startsWith(USER_FORM_ANSWERS)) {
            properties(schema).values().stream()
                .filter(list -> list.getItems() != null && list.getItems().get$ref() != null)
                .map(list -> list.getItems().get$ref().replace("#/components/schemas/", ""))
                .forEach(
                    field ->
                        properties(schemas.get(field)).keySet().stream()
                            .filter(property -> !"name".equals(property))
                            .forEach(property -> personal.add(field + "." + property)));
          }
        });
    return personal;
  }

  private static boolean isTrue(Schema<?> schema, String extension) {
    return Boolean.TRUE.equals(extension(schema.getExtensions(), extension));
  }

  private static boolean isStringOrStrings(Schema<?> schema) {
    return "string".equals(schema.getType())
        || ("array".equals(schema.getType()) && "string".equals(schema.getItems().getType()));
  }

  @Test
  void anEncryptedQueryParameterTravelsWithoutABodyAndNamesItsKey() {
    List<String> problems = new ArrayList<>();
    operations(
        spec,
        (where, operation) -> {
          List<Parameter> parameters =
              operation.getParameters() == null ? List.of() : operation.getParameters();
          if (parameters.stream()
              .anyMatch(
                  p ->
                      Boolean.TRUE.equals(extension(p.getExtensions(), "x-wechatpay-encrypted")))) {
            if (operation.getRequestBody() != null) {
              problems.add(
                  where
                      + ": an encrypted query parameter and a body: the runtime picks one key per request");
            }
            if (parameters.stream().noneMatch(p -> "Wechatpay-Serial".equals(p.getName()))) {
              problems.add(
                  where + ": an encrypted query parameter needs the Wechatpay-Serial header");
            }
          }
        });
    assertEquals(List.of(), problems);
  }

  @Test
  void anIdempotencyKeyIsARequiredPropertyOfTheRequestBody() {
    List<String> problems = new ArrayList<>();
    operations(
        spec,
        (where, operation) -> {
          Object key = extension(operation.getExtensions(), "x-wechatpay-idempotency-key");
          if (key == null) {
            return;
          }
          if (operation.getRequestBody() == null) {
            problems.add(where + ": an idempotency key but no request body");
            return;
          }
          Schema<?> body =
              referenced(
                  operation.getRequestBody().getContent().get("application/json").getSchema());
          if (body.getRequired() == null || !body.getRequired().contains(String.valueOf(key))) {
            problems.add(where + ": " + key + " is not a required property of the request body");
          }
        });
    assertEquals(List.of(), problems);
  }

  @Test
  void aRuntimeSuppliedHeaderIsTheOperationsFirstParameter() {
    // The generated method leaves the header out; the template's separators rely on it never being
    // last.
    List<String> problems = new ArrayList<>();
    operations(
        spec,
        (where, operation) -> {
          List<Parameter> parameters =
              operation.getParameters() == null ? List.of() : operation.getParameters();
          for (int i = 1; i < parameters.size(); i++) {
            if (Boolean.TRUE.equals(
                extension(parameters.get(i).getExtensions(), "x-wechatpay-runtime-supplied"))) {
              problems.add(where + ": " + parameters.get(i).getName() + " is not declared first");
            }
          }
        });
    assertEquals(List.of(), problems);
  }

  @Test
  void bothHostsAreServers() {
    assertEquals(
        List.of("https://api.mch.weixin.qq.com", "https://api2.wechatpay.cn"),
        spec.getServers().stream().map(server -> server.getUrl()).toList());
  }

  @Test
  void everyOperationDocumentsTheCommonErrors() {
    List<String> problems = new ArrayList<>();
    operations(
        spec,
        (where, operation) -> {
          for (String status : List.of("400", "401", "403", "404", "429", "500", "502", "503")) {
            if (!operation.getResponses().containsKey(status))
              problems.add(where + ": no " + status);
          }
        });
    assertEquals(List.of(), problems);
  }

  private static void check(String where, Schema<?> schema, Object example, List<String> problems) {
    if (example == null || schema == null) {
      return;
    }
    JsonNode schemaJson = Json.mapper().valueToTree(schema);
    JsonNode exampleJson = Json.mapper().valueToTree(example);
    Set<ValidationMessage> messages =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
            .getSchema(schemaJson)
            .validate(exampleJson);
    messages.forEach(message -> problems.add(where + ": " + message.getMessage()));
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static Map<String, Schema<?>> properties(Schema<?> schema) {
    Map properties = schema.getProperties();
    return properties == null ? Map.of() : properties;
  }

  /** Returns the component a {@code $ref} schema points at. */
  private static Schema<?> referenced(Schema<?> reference) {
    String ref = reference.get$ref();
    return spec.getComponents().getSchemas().get(ref.substring(ref.lastIndexOf('/') + 1));
  }

  private static Object extension(Map<String, Object> extensions, String name) {
    return extensions == null ? null : extensions.get(name);
  }

  private static void operations(OpenAPI api, BiConsumer<String, Operation> visitor) {
    api.getPaths()
        .forEach(
            (path, item) ->
                item.readOperationsMap()
                    .forEach(
                        (method, operation) -> visitor.accept(method + " " + path, operation)));
  }
}
