package io.github.membercard.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.AnnotationKeyword;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.UnknownKeywordFactory;
import com.networknt.schema.ValidationMessage;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.Schema;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Validates JSON against a spec schema (required fields, types, enums), reporting the first problem
 * as a JSON pointer.
 */
final class SchemaCheck {

  /**
   * One problem the check found: where it is, and what it is.
   *
   * @param pointer where the problem is, as a JSON pointer
   * @param issue what is wrong
   */
  record Violation(String pointer, String issue) {}

  /**
   * OpenAPI 3.0's schema keywords beyond JSON Schema draft 4: they describe, they do not constrain
   * what the fake accepts.
   */
  private static final List<String> OPENAPI_ANNOTATIONS =
      List.of(
          "example",
          "nullable",
          "readOnly",
          "writeOnly",
          "deprecated",
          "discriminator",
          "xml",
          "externalDocs");

  private static final String VENDOR_EXTENSION = "x-";

  /**
   * Draft 4 with OpenAPI's keywords and every vendor extension ({@code x-wechatpay-encrypted},
   * {@code x-enum-descriptions}, …) known as annotations; any other unknown keyword is still
   * reported by the validator.
   */
  private static final JsonMetaSchema OPENAPI_SCHEMA =
      JsonMetaSchema.builder(JsonMetaSchema.getV4())
          .keywords(OPENAPI_ANNOTATIONS.stream().map(AnnotationKeyword::new).toList())
          .unknownKeywordFactory(
              (keyword, context) ->
                  keyword.startsWith(VENDOR_EXTENSION)
                      ? new AnnotationKeyword(keyword)
                      : UnknownKeywordFactory.getInstance().getKeyword(keyword, context))
          .build();

  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(
          SpecVersion.VersionFlag.V4, factory -> factory.metaSchema(OPENAPI_SCHEMA));
  private static final SchemaValidatorsConfig CONFIG =
      SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();

  // Keyed by identity: the spec's schema objects are fixed, and their own hashCode walks the whole
  // tree.
  private final Map<Schema<?>, JsonSchema> compiled =
      Collections.synchronizedMap(new IdentityHashMap<>());

  Optional<Violation> firstViolation(Schema<?> schema, JsonNode json) {
    JsonSchema validator =
        compiled.computeIfAbsent(
            schema, s -> FACTORY.getSchema(Json.mapper().valueToTree(s), CONFIG));
    return validator.validate(json).stream()
        .map(SchemaCheck::violation)
        .min(Comparator.comparing(Violation::pointer));
  }

  private static Violation violation(ValidationMessage message) {
    String location = message.getInstanceLocation().toString();
    String pointer =
        "required".equals(message.getType()) ? location + "/" + message.getProperty() : location;
    // getError() is the issue alone; getMessage() starts with the location, empty at the root.
    return new Violation(pointer.isEmpty() ? "/" : pointer, message.getError());
  }
}
