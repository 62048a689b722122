package io.github.membercard.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.swagger.v3.oas.models.media.Schema;
import java.util.Map;

/**
 * Finds the values a schema marks {@code x-wechatpay-encrypted} in a JSON document and transforms
 * each.
 */
final class EncryptedFields {

  /** Transforms one encrypted value found at a JSON pointer. */
  @FunctionalInterface
  interface Transform {
    String apply(String pointer, String value);
  }

  private EncryptedFields() {}

  /**
   * Applies {@code transform} to each value the schema marks encrypted, element by element for an
   * encrypted array, without changing {@code node} itself.
   *
   * @return a copy of {@code node} with every encrypted value transformed
   */
  static JsonNode transform(Schema<?> schema, JsonNode node, Transform transform) {
    return walk(schema, node.deepCopy(), "", transform);
  }

  private static JsonNode walk(
      Schema<?> schema, JsonNode node, String pointer, Transform transform) {
    if (schema == null) {
      return node;
    }
    if (node instanceof ArrayNode array && schema.getItems() != null) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, walk(schema.getItems(), array.get(i), pointer + "/" + i, transform));
      }
    } else if (node instanceof ObjectNode object) {
      for (Map.Entry<String, Schema<?>> property : Schemas.properties(schema).entrySet()) {
        JsonNode value = object.get(property.getKey());
        String at = pointer + "/" + property.getKey();
        if (value != null) {
          object.set(
              property.getKey(),
              Schemas.isEncrypted(property.getValue())
                  ? encryptedValue(value, at, transform)
                  : walk(property.getValue(), value, at, transform));
        }
      }
    }
    return node;
  }

  private static JsonNode encryptedValue(JsonNode value, String pointer, Transform transform) {
    if (value instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, new TextNode(transform.apply(pointer + "/" + i, array.get(i).asText())));
      }
      return array;
    }
    return value.isTextual() ? new TextNode(transform.apply(pointer, value.asText())) : value;
  }
}
