package io.github.membercard.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.util.Map;

/** Typed access to Swagger's schema model, whose property map is raw. */
final class Schemas {

  static final String ENCRYPTED = "x-wechatpay-encrypted";

  private Schemas() {}

  @SuppressWarnings({"rawtypes", "unchecked"})
  static Map<String, Schema<?>> properties(Schema<?> schema) {
    Map properties = schema.getProperties();
    return properties == null ? Map.of() : properties;
  }

  static boolean isEncrypted(Schema<?> schema) {
    return schema.getExtensions() != null
        && Boolean.TRUE.equals(schema.getExtensions().get(ENCRYPTED));
  }

  /**
   * A parameter's text as the JSON value its schema describes: a number for {@code integer} and
   * {@code number}, a boolean for {@code boolean}, else text. Text that is not of the type stays
   * text, so that validating it reports the mismatch.
   */
  static JsonNode typedValue(Schema<?> schema, String value) {
    try {
      return switch (String.valueOf(schema.getType())) {
        case "integer" -> JsonNodeFactory.instance.numberNode(Long.parseLong(value));
        case "number" -> JsonNodeFactory.instance.numberNode(new BigDecimal(value));
        case "boolean" ->
            "true".equals(value) || "false".equals(value)
                ? JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(value))
                : JsonNodeFactory.instance.textNode(value);
        default -> JsonNodeFactory.instance.textNode(value);
      };
    } catch (NumberFormatException e) {
      return JsonNodeFactory.instance.textNode(value);
    }
  }
}
