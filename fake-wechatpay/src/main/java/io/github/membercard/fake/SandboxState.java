package io.github.membercard.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.media.Schema;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the merchant created and changed, applied as {@link StateRules} say and answered through the
 * spec's schemas: members the state holds come from it, the others from the spec's examples.
 * Generic over resources: no operation has code of its own. Thread-safe: WireMock's threads and the
 * members' share one lock.
 *
 * <p>An item never written is answered as documented (the spec's example) unless the state is
 * strict, when it is {@code 404 RESOURCE_NOT_EXISTS}; a deleted item is a 404 either way. A list
 * answers its stored items once its resource has any (always when strict); before that, the
 * documented list.
 */
final class SandboxState {

  /**
   * What the state makes of a request.
   *
   * @param error the error to answer, or {@code null}
   * @param body the plaintext response body, or {@code null} (no body, or stateless)
   * @param stateless whether the state does not concern the request: answer as documented
   */
  record Outcome(ErrorResponse error, JsonNode body, boolean stateless) {
    static final Outcome STATELESS = new Outcome(null, null, true);

    static Outcome answer(JsonNode body) {
      return new Outcome(null, body, false);
    }

    static Outcome refused(ErrorResponse error) {
      return new Outcome(error, null, false);
    }
  }

  /**
   * What a member action did.
   *
   * @param eventType the event to send
   * @param resource the event's plaintext resource
   * @param notifyUrl where the notification goes: the URL the merchant set, or the fallback
   * @param item the item acted on, as the state holds it now
   */
  record MemberOutcome(String eventType, ObjectNode resource, String notifyUrl, ObjectNode item) {}

  private final StateRules rules;
  private final Map<String, Spec.EventResource> events;
  private final boolean strict;
  private final Clock clock;
  private final Map<String, Map<List<String>, ObjectNode>> items = new HashMap<>();
  private final Map<String, Set<List<String>>> deleted = new HashMap<>();
  private final Map<String, JsonNode> firstResponses = new HashMap<>();
  private final AtomicLong sequence = new AtomicLong();

  SandboxState(
      StateRules rules, Map<String, Spec.EventResource> events, boolean strict, Clock clock) {
    this.rules = rules;
    this.events = events;
    this.strict = strict;
    this.clock = clock;
  }

  boolean strict() {
    return strict;
  }

  /** Forgets everything written. */
  synchronized void reset() {
    items.clear();
    deleted.clear();
    firstResponses.clear();
    sequence.set(0);
  }

  /** Returns copies of a resource's items, oldest first. */
  synchronized List<JsonNode> items(String resource) {
    rules.resource(resource);
    List<JsonNode> copies = new ArrayList<>();
    store(resource).values().forEach(item -> copies.add(item.deepCopy()));
    return copies;
  }

  /**
   * Applies a checked request to the state.
   *
   * @param operation the operation
   * @param parameters its path and (decrypted) query parameters, by name
   * @param body its body with encrypted fields decrypted, or {@code null}
   * @param listSizeGiven whether a test set the size of this list operation's list
   */
  synchronized Outcome apply(
      SpecOperation operation,
      Map<String, String> parameters,
      JsonNode body,
      boolean listSizeGiven) {
    String replayKey = replayKey(operation, body);
    if (replayKey != null && firstResponses.containsKey(replayKey)) {
      return Outcome.answer(firstResponses.get(replayKey));
    }
    StateRules.OperationRule rule = rules.operation(operation.operationId());
    if (rule == null) {
      return Outcome.STATELESS;
    }
    ObjectNode request = request(parameters, body);
    Outcome outcome =
        switch (rule.role()) {
          case CREATE -> create(operation, rule, request, parameters);
          case READ -> read(operation, rule, request);
          case LIST -> listSizeGiven ? Outcome.STATELESS : list(operation, rule, parameters);
          case UPDATE -> update(operation, rule, request);
          case DELETE -> delete(operation, rule, request);
        };
    if (replayKey != null && outcome.error() == null && !outcome.stateless()) {
      firstResponses.put(replayKey, outcome.body());
    }
    return outcome;
  }

  /**
   * Applies a member action: to the first variant whose subject the state holds, for the member.
   *
   * @param action a member action of the rules
   * @param openid the member
   * @param inputs {@code card_id}, {@code code} and the action's own inputs
   * @param fallbackUrl where to notify when the merchant set no URL, or {@code null}
   * @throws SandboxException naming an unknown action, member or card, or the error WeChat Pay
   *     answers an action the state forbids
   */
  synchronized MemberOutcome act(
      String action, String openid, Map<String, String> inputs, String fallbackUrl) {
    List<StateRules.MemberVariant> variants = rules.member(action);
    if (variants == null) {
      throw SandboxException.notFound(
          "No member action " + action + "; known: " + rules.memberActions());
    }
    ObjectNode given = JsonNodeFactory.instance.objectNode();
    inputs.forEach(given::put);
    given.put("openid", openid);
    if (given.has("code")) {
      given.put("user_card_code", given.get("code").asText());
    }
    boolean heldByMember =
        variants.stream().anyMatch(variant -> variant.subject().match().contains("openid"));
    if (heldByMember && !isMember(openid)) {
      throw SandboxException.notFound("No member " + openid + ": a member picks up a card first");
    }
    for (StateRules.MemberVariant variant : variants) {
      List<String> key = key(variant.subject(), given);
      ObjectNode subject = key == null ? null : store(variant.subject().name()).get(key);
      if (subject != null
          && (!subject.has("openid") || subject.get("openid").asText().equals(openid))) {
        return act(action, variant, subject, given, fallbackUrl);
      }
    }
    throw SandboxException.notFound(
        "Member "
            + openid
            + " has no card "
            + inputs.getOrDefault("card_id", "")
            + (inputs.containsKey("code") ? " code " + inputs.get("code") : "")
            + " to "
            + action
            + (heldByMember ? "" : ": no such card template"));
  }

  private MemberOutcome act(
      String action,
      StateRules.MemberVariant variant,
      ObjectNode subject,
      ObjectNode given,
      String fallbackUrl) {
    JsonNode rule = variant.rule();
    requireState(rule, subject, action);
    ObjectNode addressed = subject.deepCopy();
    addressed.setAll(given);
    String notifyUrl = notifyUrl(rule, addressed);
    if (notifyUrl == null) {
      notifyUrl = fallbackUrl;
    }
    if (notifyUrl == null) {
      throw new SandboxException(
          409,
          "NO_NOTIFY_URL",
          "Nowhere to send "
              + variant.event()
              + ": the merchant set no notify URL (setCallbackUrl, or a brand card template's"
              + " notify_url) and none is configured");
    }
    ObjectNode acted = subject;
    if (variant.creates() != null) {
      acted = JsonNodeFactory.instance.objectNode();
      for (JsonNode copied : rule.path("copy")) {
        if (subject.has(copied.asText())) {
          acted.set(copied.asText(), subject.get(copied.asText()).deepCopy());
        }
      }
      acted.put("openid", given.get("openid").asText());
      if (subject.has("card_id")) {
        acted.put("card_id", subject.get("card_id").asText());
      }
      if (rule.has("codePool")) {
        takeCode(rule.get("codePool").asText(), acted);
      }
      generateKey(variant.creates(), acted, events.get(variant.event()).schema());
    }
    Assignments.write(acted, Assignments.compute(rule.path("set"), acted, given, clock));
    if (variant.creates() != null) {
      store(variant.creates().name()).put(key(variant.creates(), acted), acted);
    }
    ObjectNode values = subject.deepCopy();
    values.setAll(acted.deepCopy());
    values.setAll(given);
    Assignments.write(values, Assignments.compute(rule.path("eventSet"), values, given, clock));
    Spec.EventResource event = events.get(variant.event());
    ObjectNode resource =
        (ObjectNode) DocumentedResponse.build(event.schema(), values, null, Map.of());
    return new MemberOutcome(variant.event(), resource, notifyUrl, acted.deepCopy());
  }

  /** Whether any item of a resource held by members (matched by openid) is this member's. */
  private boolean isMember(String openid) {
    return rules.resources().values().stream()
        .filter(resource -> resource.match().contains("openid"))
        .flatMap(resource -> store(resource.name()).values().stream())
        .anyMatch(item -> openid.equals(item.path("openid").asText(null)));
  }

  /** Gives a new card the first unused code deposited for its card, if any. */
  private void takeCode(String pool, ObjectNode card) {
    for (ObjectNode code : store(pool).values()) {
      if (code.path("card_id").asText().equals(card.path("card_id").asText())
          && !code.has("used")) {
        code.put("used", true);
        card.put("code", code.get("code").asText());
        return;
      }
    }
  }

  private String notifyUrl(JsonNode rule, ObjectNode values) {
    JsonNode notify = rule.path("notify");
    StateRules.Resource resource = rules.resource(notify.get("resource").asText());
    List<String> key = key(resource, values);
    ObjectNode holder = key == null ? null : store(resource.name()).get(key);
    return holder == null ? null : holder.path(notify.get("member").asText()).asText(null);
  }

  private Outcome create(
      SpecOperation operation,
      StateRules.OperationRule rule,
      ObjectNode request,
      Map<String, String> parameters) {
    JsonNode each = rule.rule().get("each");
    if (each != null) {
      return createEach(operation, rule, request, each.asText());
    }
    ObjectNode item = request.deepCopy();
    generateKey(rule.resource(), item, operation.successSchema());
    Assignments.write(item, Assignments.compute(rule.rule().path("set"), item, request, clock));
    List<String> key = key(rule.resource(), item);
    store(rule.resource().name()).put(key, item);
    tombstones(rule.resource().name()).remove(key);
    return Outcome.answer(
        operation.successSchema() == null
            ? null
            : DocumentedResponse.build(
                operation.successSchema(), item, operation.requestSchema(), parameters));
  }

  /** Creates one item per element of a request array, answering one response item for each. */
  private Outcome createEach(
      SpecOperation operation, StateRules.OperationRule rule, ObjectNode request, String each) {
    String responseItems = rule.rule().get("responseItems").asText();
    Schema<?> itemSchema =
        Schemas.properties(operation.successSchema()).get(responseItems).getItems();
    ArrayNode answered = JsonNodeFactory.instance.arrayNode();
    for (JsonNode element : request.path(each)) {
      ObjectNode item = request.deepCopy();
      item.set(each, element);
      List<String> key = key(rule.resource(), item);
      ObjectNode answer = item.deepCopy();
      if (store(rule.resource().name()).containsKey(key)) {
        rule.rule()
            .path("duplicate")
            .properties()
            .forEach(f -> answer.set(f.getKey(), f.getValue()));
      } else {
        Map<String, JsonNode> set =
            Assignments.compute(rule.rule().path("set"), item, request, clock);
        Assignments.write(item, set);
        Assignments.write(answer, set);
        store(rule.resource().name()).put(key, item);
      }
      answered.add(DocumentedResponse.build(itemSchema, answer, null, Map.of()));
    }
    ObjectNode body =
        (ObjectNode) DocumentedResponse.build(operation.successSchema(), null, null, Map.of());
    body.set(responseItems, answered);
    return Outcome.answer(body);
  }

  private Outcome read(SpecOperation operation, StateRules.OperationRule rule, ObjectNode request) {
    Found found = find(rule.resource(), request);
    if (found.item() == null) {
      return found.outcome();
    }
    return Outcome.answer(
        DocumentedResponse.build(operation.successSchema(), found.item(), null, Map.of()));
  }

  private Outcome list(
      SpecOperation operation, StateRules.OperationRule rule, Map<String, String> parameters) {
    String resource = rule.resource().name();
    if (!strict && store(resource).isEmpty() && tombstones(resource).isEmpty()) {
      return Outcome.STATELESS;
    }
    JsonNode filters = rule.rule().path("filters");
    List<JsonNode> selected = new ArrayList<>();
    for (ObjectNode item : store(resource).values()) {
      boolean matches = true;
      for (Map.Entry<String, String> parameter : parameters.entrySet()) {
        JsonNode pointer = filters.get(parameter.getKey());
        if (pointer != null && !parameter.getValue().equals(item.at(pointer.asText()).asText())) {
          matches = false;
        }
      }
      if (matches) {
        selected.add(item);
      }
    }
    ObjectNode body =
        (ObjectNode) DocumentedResponse.build(operation.successSchema(), null, null, parameters);
    PagedResponse.fill(body, operation, parameters, selected);
    return Outcome.answer(body);
  }

  private Outcome update(
      SpecOperation operation, StateRules.OperationRule rule, ObjectNode request) {
    Found found = find(rule.resource(), request);
    ObjectNode item = found.item();
    if (item == null) {
      if (!rule.rule().path("upsert").asBoolean() || found.key() == null) {
        return found.outcome();
      }
      item = JsonNodeFactory.instance.objectNode();
      store(rule.resource().name()).put(found.key(), item);
    }
    String refused = unmetRequirement(rule.rule(), item, operation.operationId());
    if (refused != null) {
      return Outcome.refused(refusal(rule.rule(), refused));
    }
    Map<String, JsonNode> set = Assignments.compute(rule.rule().path("set"), item, request, clock);
    item.setAll(request);
    Assignments.write(item, set);
    return Outcome.answer(
        operation.successSchema() == null
            ? null
            : DocumentedResponse.build(operation.successSchema(), item, null, Map.of()));
  }

  private Outcome delete(
      SpecOperation operation, StateRules.OperationRule rule, ObjectNode request) {
    Found found = find(rule.resource(), request);
    if (found.item() == null) {
      return found.outcome();
    }
    store(rule.resource().name()).remove(found.key());
    tombstones(rule.resource().name()).add(found.key());
    return Outcome.answer(
        operation.successSchema() == null
            ? null
            : DocumentedResponse.build(operation.successSchema(), found.item(), null, Map.of()));
  }

  /**
   * An item looked up by a request, or why there is none.
   *
   * @param key its key, or {@code null} when the request does not name one
   * @param item the item, or {@code null}
   * @param outcome what to answer when there is no item
   */
  private record Found(List<String> key, ObjectNode item, Outcome outcome) {}

  private Found find(StateRules.Resource resource, ObjectNode request) {
    List<String> key = key(resource, request);
    if (key == null) {
      return new Found(null, null, Outcome.STATELESS);
    }
    ObjectNode item = store(resource.name()).get(key);
    boolean reached = item != null;
    for (String member : resource.match()) {
      if (reached
          && request.has(member)
          && item.has(member)
          && !request.get(member).asText().equals(item.get(member).asText())) {
        reached = false;
      }
    }
    if (reached) {
      return new Found(key, item, null);
    }
    boolean known = item != null || tombstones(resource.name()).contains(key);
    return new Found(
        key,
        null,
        known || strict
            ? Outcome.refused(
                new ErrorResponse(
                    404,
                    "RESOURCE_NOT_EXISTS",
                    "资源不存在 (no " + resource.name() + " " + String.join("/", key) + ")",
                    null,
                    null))
            : Outcome.STATELESS);
  }

  private void requireState(JsonNode rule, ObjectNode item, String action) {
    String unmet = unmetRequirement(rule, item, action);
    if (unmet != null) {
      throw new SandboxException(400, "INVALID_REQUEST", unmet);
    }
  }

  /** Returns why an item's state does not allow an action, or {@code null} when it does. */
  private static String unmetRequirement(JsonNode rule, ObjectNode item, String action) {
    for (Map.Entry<String, JsonNode> requirement : rule.path("require").properties()) {
      String actual = item.path(requirement.getKey()).asText(null);
      boolean allowed = false;
      for (JsonNode value : requirement.getValue()) {
        allowed |= value.asText().equals(actual);
      }
      if (actual != null && !allowed) {
        return requirement.getKey()
            + " is "
            + actual
            + "; "
            + action
            + " needs one of "
            + requirement.getValue();
      }
    }
    return null;
  }

  private static ErrorResponse refusal(JsonNode rule, String reason) {
    JsonNode refusal = rule.get("refusal");
    return refusal == null
        ? new ErrorResponse(400, "INVALID_REQUEST", reason, null, null)
        : new ErrorResponse(
            refusal.get("status").asInt(),
            refusal.get("code").asText(),
            refusal.get("message").asText() + ": " + reason,
            null,
            null);
  }

  /**
   * Fills the key members a new item lacks and its resource generates: with the spec's example
   * while no item of the resource, live or deleted, has it (so a first create answers as
   * documented), else with an id of the resource's own.
   *
   * @param schema a schema documenting the item's members, or {@code null}
   */
  private void generateKey(StateRules.Resource resource, ObjectNode item, Schema<?> schema) {
    resource
        .generated()
        .forEach(
            (member, prefix) -> {
              if (!item.hasNonNull(member)) {
                Schema<?> property = schema == null ? null : Schemas.properties(schema).get(member);
                Object example = property == null ? null : property.getExample();
                item.put(
                    member,
                    example != null && !taken(resource, member, example.toString())
                        ? example.toString()
                        : generated(prefix));
              }
            });
  }

  private boolean taken(StateRules.Resource resource, String member, String value) {
    int index = resource.key().indexOf(member);
    return store(resource.name()).values().stream()
            .anyMatch(item -> value.equals(item.path(member).asText()))
        || tombstones(resource.name()).stream().anyMatch(key -> value.equals(key.get(index)));
  }

  /** An id of its prefix and a counter: 12 digits for a numeric prefix, else 28 characters. */
  private String generated(String prefix) {
    int length = prefix.chars().allMatch(Character::isDigit) ? 12 : 28;
    String counter = Long.toString(sequence.incrementAndGet());
    return prefix + "0".repeat(Math.max(0, length - prefix.length() - counter.length())) + counter;
  }

  /** The key of the item a request or item names, or {@code null} when a key member is missing. */
  private static List<String> key(StateRules.Resource resource, JsonNode values) {
    List<String> key = new ArrayList<>();
    for (String member : resource.key()) {
      JsonNode value = values.get(member);
      if (value == null || value.isNull() || value.isContainerNode()) {
        return null;
      }
      key.add(value.asText());
    }
    return List.copyOf(key);
  }

  /** The request's body members, with its path and query parameters over them. */
  private static ObjectNode request(Map<String, String> parameters, JsonNode body) {
    ObjectNode request =
        body != null && body.isObject()
            ? ((ObjectNode) body).deepCopy()
            : JsonNodeFactory.instance.objectNode();
    parameters.forEach(request::put);
    return request;
  }

  private static String replayKey(SpecOperation operation, JsonNode body) {
    if (operation.idempotencyKey() == null || body == null) {
      return null;
    }
    JsonNode value = body.get(operation.idempotencyKey());
    return value == null ? null : operation.operationId() + '\u0000' + value.asText();
  }

  private Map<List<String>, ObjectNode> store(String resource) {
    return items.computeIfAbsent(resource, name -> new LinkedHashMap<>());
  }

  private Set<List<String>> tombstones(String resource) {
    return deleted.computeIfAbsent(resource, name -> new HashSet<>());
  }
}
