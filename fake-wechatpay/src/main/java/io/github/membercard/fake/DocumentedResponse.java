package io.github.membercard.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.Schema;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * Builds an operation's documented response from its schema: a property the request carried (or a
 * path or query parameter of the same name) comes back as sent, as WeChat Pay echoes it; an
 * optional one the request could have carried but left out stays out; any other takes the spec's
 * example.
 */
final class DocumentedResponse {

  private DocumentedResponse() {}

  /**
   * Builds the response to one request by the rules above, property by property, descending into
   * nested objects and arrays of objects; a property with neither a sent value nor an example is
   * left out.
   *
   * @param schema the response's schema
   * @param request the request body, encrypted fields decrypted, or {@code null} when there is none
   * @param requestSchema the request body's schema, or {@code null}
   * @param parameters the request's path and query parameters, by name
   */
  static JsonNode build(
      Schema<?> schema, JsonNode request, Schema<?> requestSchema, Map<String, String> parameters) {
    ObjectNode answer = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, Schema<?>> entry : Schemas.properties(schema).entrySet()) {
      String name = entry.getKey();
      Schema<?> property = entry.getValue();
      JsonNode sent = request == null ? null : request.get(name);
      Schema<?> requestProperty =
          requestSchema == null ? null : Schemas.properties(requestSchema).get(name);
      boolean required = schema.getRequired() != null && schema.getRequired().contains(name);
      if (sent == null && requestProperty != null && !required && !parameters.containsKey(name)) {
        continue;
      }
      JsonNode value =
          property.getProperties() != null
              ? build(property, sent, requestProperty, Map.of())
              : property.getItems() != null && property.getItems().getProperties() != null
                  ? array(
                      property.getItems(),
                      sent,
                      requestProperty == null ? null : requestProperty.getItems())
                  : sent != null
                      ? sent
                      : parameters.containsKey(name)
                          ? Schemas.typedValue(property, parameters.get(name))
                          : example(property);
      if (value != null) {
        answer.set(name, value);
      }
    }
    return answer;
  }

  private static ArrayNode array(Schema<?> items, JsonNode sent, Schema<?> sentItems) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    if (sent != null && sent.isArray()) {
      sent.forEach(element -> array.add(build(items, element, sentItems, Map.of())));
    } else {
      array.add(build(items, null, null, Map.of()));
    }
    return array;
  }

  private static JsonNode example(Schema<?> property) {
    Object example = property.getExample();
    if (example == null) {
      return null;
    }
    // Swagger Parser turns date-time examples into time objects; the wire form is RFC 3339 text.
    return example instanceof OffsetDateTime time
        ? JsonNodeFactory.instance.textNode(time.toString())
        : Json.mapper().valueToTree(example);
  }
}
