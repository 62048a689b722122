package io.github.membercard.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The member-card domain's state rules, read from {@code sandbox-rules.json}: the resources the
 * sandbox remembers, what each operation of the spec does to one of them, what members do, and
 * WeChat Pay's redelivery schedules. Checked against the spec when loaded, so a rule naming an
 * operation, resource or event that does not exist fails the start, not a request.
 */
final class StateRules {

  static final String RESOURCE = "io/github/membercard/fake/sandbox-rules.json";

  /** What an operation does to its resource. */
  enum Role {
    CREATE,
    READ,
    LIST,
    UPDATE,
    DELETE
  }

  /**
   * A resource the sandbox remembers.
   *
   * @param name its name in the rules
   * @param key the members identifying an item, in order
   * @param generated the key members a create makes when the request has none, with their prefix
   * @param match members a request may name that must equal the item's for the request to reach it
   */
  record Resource(
      String name, List<String> key, Map<String, String> generated, List<String> match) {}

  /**
   * What one operation does.
   *
   * @param resource the resource it acts on
   * @param role how it acts on it
   * @param rule the rule as written: {@code require}, {@code refusal}, {@code set}, {@code
   *     filters}, {@code each}, {@code responseItems}, {@code duplicate}, {@code upsert}
   */
  record OperationRule(Resource resource, Role role, JsonNode rule) {}

  /**
   * One way a member action applies: to the first variant whose subject the state holds.
   *
   * @param subject the resource holding what the member acts on
   * @param creates the resource an item is created in, or {@code null} when the subject changes
   * @param event the event type sent
   * @param rule the rule as written: {@code require}, {@code copy}, {@code set}, {@code eventSet},
   *     {@code notify}, {@code codePool}
   */
  record MemberVariant(Resource subject, Resource creates, String event, JsonNode rule) {}

  private final Map<String, Resource> resources = new LinkedHashMap<>();
  private final Map<String, OperationRule> operations = new LinkedHashMap<>();
  private final Map<String, List<MemberVariant>> members = new LinkedHashMap<>();
  private final Map<String, List<Duration>> schedules = new LinkedHashMap<>();

  private StateRules(JsonNode rules, Set<String> operationIds, Set<String> eventTypes) {
    rules
        .get("resources")
        .properties()
        .forEach(
            entry -> {
              JsonNode resource = entry.getValue();
              Map<String, String> generated = new LinkedHashMap<>();
              resource
                  .path("generated")
                  .properties()
                  .forEach(g -> generated.put(g.getKey(), g.getValue().asText()));
              resources.put(
                  entry.getKey(),
                  new Resource(
                      entry.getKey(),
                      texts(resource.get("key")),
                      Map.copyOf(generated),
                      texts(resource.path("match"))));
            });
    rules
        .get("operations")
        .properties()
        .forEach(
            entry -> {
              if (!operationIds.contains(entry.getKey())) {
                throw new IllegalStateException(
                    RESOURCE + " names operation " + entry.getKey() + ", which the spec lacks");
              }
              JsonNode rule = entry.getValue();
              operations.put(
                  entry.getKey(),
                  new OperationRule(
                      resource(rule.get("resource").asText()),
                      Role.valueOf(rule.get("role").asText().toUpperCase(java.util.Locale.ROOT)),
                      rule));
            });
    rules
        .get("members")
        .properties()
        .forEach(
            entry -> {
              List<MemberVariant> variants = new ArrayList<>();
              for (JsonNode variant : entry.getValue()) {
                String event = variant.get("event").asText();
                if (!eventTypes.contains(event)) {
                  throw new IllegalStateException(
                      RESOURCE + " sends event " + event + ", which the spec lacks");
                }
                variants.add(
                    new MemberVariant(
                        resource(variant.get("subject").asText()),
                        variant.has("creates") ? resource(variant.get("creates").asText()) : null,
                        event,
                        variant));
              }
              members.put(entry.getKey(), List.copyOf(variants));
            });
    rules
        .get("schedules")
        .properties()
        .forEach(
            entry -> {
              List<Duration> intervals = new ArrayList<>();
              entry
                  .getValue()
                  .forEach(interval -> intervals.add(Duration.parse(interval.asText())));
              schedules.put(entry.getKey(), List.copyOf(intervals));
            });
  }

  /** Loads the packaged rules, checking them against the spec's operations and event types. */
  static StateRules load(Set<String> operationIds, Set<String> eventTypes) {
    try (InputStream in = StateRules.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the classpath");
      }
      return new StateRules(new ObjectMapper().readTree(in), operationIds, eventTypes);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + RESOURCE, e);
    }
  }

  /** Returns the rule of an operation, or {@code null} when the state does not concern it. */
  OperationRule operation(String operationId) {
    return operations.get(operationId);
  }

  /** Returns a resource by name. */
  Resource resource(String name) {
    Resource resource = resources.get(name);
    if (resource == null) {
      throw new IllegalArgumentException(
          "No resource " + name + " in the sandbox; known: " + resources.keySet());
    }
    return resource;
  }

  /** Returns the resources, by name. */
  Map<String, Resource> resources() {
    return resources;
  }

  /** Returns the variants of a member action, or {@code null} for an unknown action. */
  List<MemberVariant> member(String action) {
    return members.get(action);
  }

  /** Returns the member actions' names. */
  Set<String> memberActions() {
    return members.keySet();
  }

  /** Returns the intervals between a notification's redeliveries, by its event type. */
  List<Duration> schedule(String eventType) {
    return schedules.entrySet().stream()
        .filter(entry -> eventType.startsWith(entry.getKey()))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(List.of());
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(element -> texts.add(element.asText()));
    return List.copyOf(texts);
  }
}
