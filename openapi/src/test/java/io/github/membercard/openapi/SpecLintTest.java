package io.github.membercard.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
  void pagingMarkersNameTheAnswersListAndTheParameters() {
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
                    + ": the answer's "
                    + paging.get("items")
                    + " is not an array of "
                    + paging.get("item"));
          }
          if (!properties(answer).containsKey(String.valueOf(paging.get("total")))) {
            problems.add(where + ": the answer has no " + paging.get("total"));
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
