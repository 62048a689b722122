package io.github.membercard.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Computes the values a rule's {@code set} writes: a literal; {@code {"now": true}}, the time in
 * China as WeChat Pay writes it; {@code {"from": "a/b"}}, a member of the request (a slash walks
 * into objects), optionally translated through {@code "map"}; {@code {"add": "m"}}, the item's
 * number plus the request's. A {@code from} or {@code add} the request does not carry writes
 * nothing.
 */
final class Assignments {

  private static final DateTimeFormatter CHINA_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

  private Assignments() {}

  /**
   * Computes the values of {@code set} against an item as it was and the request.
   *
   * @param set the rule's {@code set}, or a missing node
   * @param item the item before the change, or an empty object
   * @param request the request's members and parameters
   * @return the values to write, by member
   */
  static Map<String, JsonNode> compute(JsonNode set, JsonNode item, JsonNode request, Clock clock) {
    Map<String, JsonNode> values = new LinkedHashMap<>();
    set.properties()
        .forEach(
            entry -> {
              JsonNode value = value(entry.getKey(), entry.getValue(), item, request, clock);
              if (value != null) {
                values.put(entry.getKey(), value);
              }
            });
    return values;
  }

  /** Writes computed values into an item. */
  static void write(ObjectNode item, Map<String, JsonNode> values) {
    values.forEach(item::set);
  }

  /** The current time as WeChat Pay writes it, in China's offset with milliseconds. */
  static String now(Clock clock) {
    return OffsetDateTime.now(clock)
        .withOffsetSameInstant(ZoneOffset.ofHours(8))
        .format(CHINA_TIME);
  }

  private static JsonNode value(
      String member, JsonNode rule, JsonNode item, JsonNode request, Clock clock) {
    if (!rule.isObject()) {
      return rule;
    }
    if (rule.has("now")) {
      return JsonNodeFactory.instance.textNode(now(clock));
    }
    if (rule.has("add")) {
      JsonNode added = at(request, rule.get("add").asText());
      return added == null
          ? null
          : JsonNodeFactory.instance.numberNode(item.path(member).asLong(0) + added.asLong());
    }
    JsonNode from = at(request, rule.get("from").asText());
    if (from == null || !rule.has("map")) {
      return from;
    }
    return rule.get("map").get(from.asText());
  }

  private static JsonNode at(JsonNode node, String path) {
    JsonNode value = node.at("/" + path);
    return value.isMissingNode() || value.isNull() ? null : value;
  }
}
