package io.github.membercard.openapi.drift;

import io.github.membercard.openapi.drift.DocPages.Row;
import io.github.membercard.openapi.drift.SpecEdit.Action;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Drafts the spec edits that would remove a difference, in the spec's style: named schemas for
 * objects and enums, {@code x-wechatpay-encrypted} where the page marks encryption, the page's
 * words with an English gloss left to write, examples from the page's PHP sample.
 *
 * <p>Drafts are asked for in the report's order; lists that several edits change ({@code required},
 * {@code enum}) are tracked, so each replacement includes the edits before it.
 */
final class SpecDraft {

  private static final String SCHEMAS = "#/components/schemas/";
  private static final String ENCRYPTED = "x-wechatpay-encrypted";
  private static final String ENUM_MEANINGS = "x-enum-descriptions";
  private static final Pattern DATE_TIME =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([+-]\\d{2}:\\d{2}|Z)");
  private static final List<String> SIGNED_HEADERS =
      List.of(
          "Request-ID: {$ref: '#/components/headers/RequestId'}",
          "Wechatpay-Timestamp: {$ref: '#/components/headers/WechatpayTimestamp'}",
          "Wechatpay-Nonce: {$ref: '#/components/headers/WechatpayNonce'}",
          "Wechatpay-Signature: {$ref: '#/components/headers/WechatpaySignature'}",
          "Wechatpay-Serial: {$ref: '#/components/headers/WechatpaySerialResponse'}");
  private static final Map<String, String> ERRORS =
      Map.of(
          "'400'", "BadRequest",
          "'401'", "Unauthorized",
          "'403'", "Forbidden",
          "'404'", "NotFound",
          "'429'", "TooManyRequests",
          "'500'", "InternalServerError",
          "'502'", "BadGateway",
          "'503'", "ServiceUnavailable");

  private final OpenAPI spec;
  private final DocScope scope;
  private final Set<String> names = new HashSet<>();
  private final Map<List<String>, List<String>> lists = new HashMap<>();

  SpecDraft(OpenAPI spec, DocScope scope) {
    this.spec = spec;
    this.scope = scope;
    names.addAll(spec.getComponents().getSchemas().keySet());
  }

  /** A field on the page, not in the object schema at {@code owner}. */
  List<SpecEdit> addedField(
      Row row, List<String> owner, Schema<?> schema, Map<String, String> examples, String at) {
    List<SpecEdit> edits = new ArrayList<>();
    Yaml property = property(row, owner.size() + 1, name(owner), examples, at, edits);
    if (schema.getProperties() == null) {
      edits.add(0, paste(owner, new Yaml().line(owner.size(), "properties:").append(property)));
    } else {
      edits.add(0, paste(append(owner, "properties"), property));
    }
    if (row.required()) {
      edits.add(required(owner, schema, row.name(), true));
    }
    return edits;
  }

  /** A parameter on the page, not on the operation at {@code operation}. */
  List<SpecEdit> addedParameter(
      Row row,
      String in,
      List<String> operation,
      boolean hasParameters,
      Map<String, String> examples) {
    List<SpecEdit> edits = new ArrayList<>();
    Yaml parameter = parameter(row, in, operation.size() + 1, examples, edits);
    edits.add(
        0,
        hasParameters
            ? paste(append(operation, "parameters"), parameter)
            : paste(operation, new Yaml().line(operation.size(), "parameters:").append(parameter)));
    return edits;
  }

  /** A JSON body on the page, none in the spec. */
  List<SpecEdit> addedBody(DocPages.Operation page, List<String> operation, List<Row> fields) {
    List<SpecEdit> edits = new ArrayList<>();
    String name = unique(baseName(page) + "Request");
    edits.add(paste(operation, body(operation.size(), name)));
    edits.add(schema(name, page.title(), fields, page.examples(), "json", List.of(), edits));
    return edits;
  }

  /** An operation on the page, not in the spec. */
  List<SpecEdit> addedOperation(DocPages.Operation page) {
    List<SpecEdit> edits = new ArrayList<>();
    PathItem item = spec.getPaths().get(page.path());
    int depth = 2;
    String base = baseName(page);
    Yaml operation = new Yaml().line(depth, page.method().toLowerCase(Locale.ROOT) + ":");
    operation.line(depth + 1, "tags: [" + tag(page.path()) + "]");
    operation.line(
        depth + 1,
        "operationId: TODO_"
            + page.method().toLowerCase(Locale.ROOT)
            + base
            + "  # an English verb phrase: createBadge, listBadges");
    operation.line(depth + 1, "summary: " + Yaml.gloss(page.title()));
    Yaml parameters = new Yaml();
    Row body = null;
    for (Row row : page.request()) {
      switch (row.name()) {
        case "json" -> body = row;
        case "query", "headers" ->
            row.children()
                .forEach(
                    child ->
                        parameters.append(
                            parameter(
                                child,
                                row.name().equals("query") ? "query" : "header",
                                depth + 2,
                                page.examples(),
                                edits)));
        default -> parameters.append(parameter(row, "path", depth + 2, page.examples(), edits));
      }
    }
    if (!parameters.toString().isEmpty()) {
      operation.line(depth + 1, "parameters:").append(parameters);
    }
    if (body != null) {
      String name = unique(base + "Request");
      operation.append(body(depth + 1, name));
      edits.add(
          schema(name, page.title(), body.children(), page.examples(), "json", List.of(), edits));
    }
    operation.line(depth + 1, "responses:");
    if (page.noContent()) {
      operation.line(depth + 2, "'204': {$ref: '#/components/responses/NoContent'}");
    } else {
      String name = unique(base);
      operation.append(answer(depth + 2, name, page.title()));
      edits.add(schema(name, page.title(), page.response(), Map.of(), "", List.of(), edits));
    }
    ERRORS.keySet().stream()
        .sorted()
        .forEach(
            code ->
                operation.line(
                    depth + 2,
                    code + ": {$ref: '#/components/responses/" + ERRORS.get(code) + "'}"));
    edits.add(
        0,
        item == null
            ? paste(List.of("paths"), new Yaml().line(1, page.path() + ":").append(operation))
            : paste(List.of("paths", page.path()), operation));
    return edits;
  }

  /** A JSON response on the page where the spec answers 204. */
  List<SpecEdit> responseBody(DocPages.Operation page, List<String> responses, String noContent) {
    List<SpecEdit> edits = new ArrayList<>();
    String name = unique(baseName(page));
    edits.add(replace(append(responses, noContent), answer(responses.size(), name, page.title())));
    edits.add(schema(name, page.title(), page.response(), Map.of(), "", List.of(), edits));
    return edits;
  }

  /** A 204 on the page where the spec answers a body. */
  SpecEdit responseNoContent(List<String> responses, String success) {
    return replace(
        append(responses, success),
        new Yaml().line(responses.size(), "'204': {$ref: '#/components/responses/NoContent'}"));
  }

  /** An event on the page that no resource schema is marked with. */
  List<SpecEdit> addedEvent(DocPages.Event page) {
    List<SpecEdit> edits = new ArrayList<>();
    String name = unique(pascal(page.eventType().toLowerCase(Locale.ROOT)) + "Event");
    Yaml extensions = new Yaml();
    extensions.line(3, "x-wechatpay-event-types:").line(4, "- " + page.eventType());
    page.envelope().stream()
        .filter(row -> row.name().equals("resource"))
        .flatMap(row -> row.children().stream())
        .filter(row -> row.name().equals("original_type") && row.enumValues().size() == 1)
        .findFirst()
        .ifPresent(
            row -> extensions.line(3, "x-wechatpay-original-type: " + row.enumValues().get(0)));
    edits.add(
        schema(
            name,
            page.title().replaceAll("\\(.*$", ""),
            page.resource(),
            Map.of(),
            "",
            List.of(extensions),
            edits));
    return edits;
  }

  /** The edits that give the enum at {@code holder} these values, in this order. */
  List<SpecEdit> enumValues(List<String> holder, Schema<?> schema, List<String> values) {
    List<String> before = current(append(holder, "enum"), strings(schema.getEnum()));
    List<SpecEdit> edits = new ArrayList<>();
    Yaml list = new Yaml().list(holder.size(), "enum", values);
    edits.add(before == null ? paste(holder, list) : replace(append(holder, "enum"), list));
    lists.put(append(holder, "enum"), values);
    Object meanings =
        schema.getExtensions() == null ? null : schema.getExtensions().get(ENUM_MEANINGS);
    if (meanings instanceof Collection<?> described) {
      List<String> old =
          current(append(holder, ENUM_MEANINGS), described.stream().map(String::valueOf).toList());
      Yaml lines = new Yaml().line(holder.size(), ENUM_MEANINGS + ":");
      List<String> updated = new ArrayList<>();
      for (String value : values) {
        int was = before == null ? -1 : before.indexOf(value);
        updated.add(
            was >= 0 && was < old.size()
                ? old.get(was)
                : "TODO 中文 (TODO: what " + value + " means)");
      }
      updated.forEach(meaning -> lines.line(holder.size() + 1, "- " + Yaml.scalar(meaning)));
      lists.put(append(holder, ENUM_MEANINGS), updated);
      edits.add(replace(append(holder, ENUM_MEANINGS), lines));
    }
    return edits;
  }

  /** The enum at {@code holder} with {@code added} values appended. */
  List<SpecEdit> widenEnum(List<String> holder, Schema<?> schema, List<String> added) {
    List<String> values =
        new ArrayList<>(current(append(holder, "enum"), strings(schema.getEnum())));
    added.stream().filter(value -> !values.contains(value)).forEach(values::add);
    return enumValues(holder, schema, values);
  }

  /** The edit that adds {@code name} to, or removes it from, the required list at {@code owner}. */
  SpecEdit required(List<String> owner, Schema<?> schema, String name, boolean required) {
    List<String> anchor = append(owner, "required");
    List<String> before = current(anchor, schema.getRequired());
    List<String> after = new ArrayList<>(before == null ? List.of() : before);
    if (required && !after.contains(name)) {
      after.add(name);
    } else if (!required) {
      after.remove(name);
    }
    lists.put(anchor, after.isEmpty() ? null : after);
    if (after.isEmpty()) {
      return new SpecEdit(Action.DELETE, anchor, "");
    }
    Yaml list = new Yaml().list(owner.size(), "required", after);
    return before == null ? paste(owner, list) : replace(anchor, list);
  }

  /** The property at {@code property} redrafted from the page's row. */
  List<SpecEdit> retyped(
      Row row, List<String> property, Map<String, String> examples, String at, boolean parameter) {
    List<SpecEdit> edits = new ArrayList<>();
    List<String> owner = property.subList(0, property.size() - 2);
    if (parameter) {
      Yaml schema = new Yaml().line(property.size(), "schema:");
      schema.append(
          type(
              row,
              property.size() + 1,
              name(owner) + pascal(row.name()),
              examples,
              at,
              true,
              edits));
      edits.add(0, replace(append(property, "schema"), schema));
    } else {
      edits.add(
          0,
          replace(property, property(row, property.size() - 1, name(owner), examples, at, edits)));
    }
    edits.add(note("keep the English gloss and the markers of what it replaces"));
    return edits;
  }

  /** The encryption marker added to, or removed from, the property or parameter at {@code at}. */
  SpecEdit encryption(List<String> at, boolean encrypted) {
    return encrypted
        ? paste(at, new Yaml().line(at.size(), ENCRYPTED + ": true"))
        : new SpecEdit(Action.DELETE, append(at, ENCRYPTED), "");
  }

  /** The resource schema at {@code resource} no longer marked with {@code eventType}. */
  List<SpecEdit> removedEvent(String resource, Schema<?> schema, String eventType) {
    List<String> anchor = List.of("components", "schemas", resource, "x-wechatpay-event-types");
    Object marked = schema.getExtensions().get("x-wechatpay-event-types");
    List<String> types =
        new ArrayList<>(
            current(anchor, ((Collection<?>) marked).stream().map(String::valueOf).toList()));
    types.remove(eventType);
    lists.put(anchor, types);
    List<SpecEdit> edits = new ArrayList<>();
    if (types.isEmpty()) {
      edits.add(new SpecEdit(Action.DELETE, List.of("components", "schemas", resource), ""));
    } else {
      Yaml list = new Yaml().line(3, "x-wechatpay-event-types:");
      types.forEach(type -> list.line(4, "- " + type));
      edits.add(replace(anchor, list));
    }
    List<String> eventTypes = List.of("components", "schemas", "NotificationEventType");
    Schema<?> enumSchema = spec.getComponents().getSchemas().get(eventTypes.get(2));
    if (enumSchema != null && enumSchema.getEnum() != null) {
      List<String> values =
          new ArrayList<>(current(append(eventTypes, "enum"), strings(enumSchema.getEnum())));
      values.remove(eventType);
      edits.addAll(enumValues(eventTypes, enumSchema, values));
    }
    return edits;
  }

  static SpecEdit note(String advice) {
    return new SpecEdit(Action.NOTE, List.of(), advice);
  }

  static SpecEdit delete(List<String> anchor) {
    return new SpecEdit(Action.DELETE, anchor, "");
  }

  private Yaml property(
      Row row,
      int depth,
      String owner,
      Map<String, String> examples,
      String at,
      List<SpecEdit> edits) {
    return new Yaml()
        .line(depth, row.name() + ":")
        .append(type(row, depth + 1, owner + pascal(row.name()), examples, at, false, edits));
  }

  /** The schema of a row's value: a named schema for an object or an enum, else inline. */
  private Yaml type(
      Row row,
      int depth,
      String name,
      Map<String, String> examples,
      String at,
      boolean parameter,
      List<SpecEdit> edits) {
    Yaml yaml = new Yaml();
    boolean array = row.type().endsWith("[]");
    String element = row.type().replace("[]", "");
    String named = null;
    if (row.isObject()) {
      named = unique(name);
      edits.add(schema(named, row.description(), row.children(), examples, at, List.of(), edits));
    } else if (!row.enumValues().isEmpty()) {
      named = unique(name);
      edits.add(enumSchema(named, row));
    }
    if (named != null && !array) {
      return yaml.line(depth, "$ref: '" + SCHEMAS + named + "'");
    }
    yaml.line(depth, "type: " + (array ? "array" : element));
    String example = examples.get(at);
    if (!array && element.equals("integer")) {
      yaml.line(depth, "format: int64");
    } else if (!array && example != null && DATE_TIME.matcher(example).matches()) {
      yaml.line(depth, "format: date-time");
    }
    if (!parameter) {
      // A parameter's description and marker stand beside its schema, not in it.
      yaml.line(depth, "description: " + Yaml.gloss(row.description()));
      if (row.encrypted()) {
        yaml.line(depth, ENCRYPTED + ": true");
      }
    }
    if (array) {
      yaml.line(depth, "items:");
      yaml.line(depth + 1, named != null ? "$ref: '" + SCHEMAS + named + "'" : "type: " + element);
    } else if (row.encrypted() && !parameter) {
      yaml.line(depth, "# example: the page's sample is ciphertext; give a plaintext one");
    } else if (example == null) {
      yaml.line(depth, "# example: none on the page");
    } else {
      boolean literal = !element.equals("string") && example.matches("-?\\d+(\\.\\d+)?|true|false");
      yaml.line(depth, "example: " + (literal ? example : Yaml.scalar(example)));
    }
    return yaml;
  }

  private Yaml parameter(
      Row row, String in, int depth, Map<String, String> examples, List<SpecEdit> edits) {
    String at = (in.equals("path") ? "" : in.equals("query") ? "query." : "headers.") + row.name();
    Yaml yaml = new Yaml().line(depth, "- name: " + row.name());
    yaml.line(depth + 1, "in: " + in);
    yaml.line(depth + 1, "required: " + (row.required() || in.equals("path")));
    yaml.line(depth + 1, "description: " + Yaml.gloss(row.description()));
    if (in.equals("header") && row.name().equals("Wechatpay-Serial")) {
      yaml.line(depth + 1, "x-wechatpay-runtime-supplied: true");
    }
    if (row.encrypted()) {
      yaml.line(depth + 1, ENCRYPTED + ": true");
    }
    yaml.line(depth + 1, "schema:");
    return yaml.append(type(row, depth + 2, pascal(row.name()), examples, at, true, edits));
  }

  private static Yaml body(int depth, String name) {
    return new Yaml()
        .line(depth, "requestBody:")
        .line(depth + 1, "required: true")
        .line(depth + 1, "content:")
        .line(depth + 2, "application/json:")
        .line(depth + 3, "schema:")
        .line(depth + 4, "$ref: '" + SCHEMAS + name + "'");
  }

  private static Yaml answer(int depth, String name, String title) {
    Yaml yaml = new Yaml().line(depth, "'200':");
    yaml.line(depth + 1, "description: " + Yaml.gloss(title));
    yaml.line(depth + 1, "headers:");
    SIGNED_HEADERS.forEach(header -> yaml.line(depth + 2, header));
    return yaml.line(depth + 1, "content:")
        .line(depth + 2, "application/json:")
        .line(depth + 3, "schema:")
        .line(depth + 4, "$ref: '" + SCHEMAS + name + "'");
  }

  /** A named object schema of rows, pasted under {@code components > schemas}. */
  private SpecEdit schema(
      String name,
      String description,
      List<Row> rows,
      Map<String, String> examples,
      String at,
      List<Yaml> extensions,
      List<SpecEdit> edits) {
    Yaml yaml = new Yaml().line(2, name + ":").line(3, "type: object");
    yaml.line(3, "description: " + Yaml.gloss(description));
    extensions.forEach(yaml::append);
    List<String> required = rows.stream().filter(Row::required).map(Row::name).toList();
    if (!required.isEmpty()) {
      yaml.list(3, "required", required);
    }
    yaml.line(3, "properties:");
    for (Row row : rows) {
      yaml.append(
          property(
              row, 4, name, examples, at.isEmpty() ? row.name() : at + "." + row.name(), edits));
    }
    if (rows.isEmpty()) {
      yaml.line(4, "{}");
    }
    return paste(List.of("components", "schemas"), yaml);
  }

  private static SpecEdit enumSchema(String name, Row row) {
    Yaml yaml = new Yaml().line(2, name + ":").line(3, "type: string");
    yaml.line(3, "description: " + Yaml.gloss(row.description()));
    yaml.list(3, "enum", row.enumValues());
    yaml.line(3, "example: " + Yaml.scalar(row.enumValues().get(0)));
    yaml.line(3, ENUM_MEANINGS + ":");
    row.enumValues()
        .forEach(
            value -> yaml.line(4, "- " + Yaml.scalar("TODO 中文 (TODO: what " + value + " means)")));
    return paste(List.of("components", "schemas"), yaml);
  }

  /** The tag of the spec's operation whose path shares the longest prefix with {@code path}. */
  private String tag(String path) {
    String best = "TODO";
    int longest = -1;
    for (Map.Entry<String, PathItem> item : spec.getPaths().entrySet()) {
      int common = 0;
      while (common < Math.min(path.length(), item.getKey().length())
          && path.charAt(common) == item.getKey().charAt(common)) {
        common++;
      }
      List<String> tags = item.getValue().readOperations().get(0).getTags();
      if (common > longest && tags != null && !tags.isEmpty()) {
        longest = common;
        best = tags.get(0);
      }
    }
    return best;
  }

  private String baseName(DocPages.Operation page) {
    String prefix = scope.prefixOf(page.path());
    String family = prefix.substring(prefix.lastIndexOf('/', prefix.length() - 2) + 1);
    StringBuilder name = new StringBuilder(pascal(family));
    for (String segment : page.path().substring(prefix.length()).split("/")) {
      if (!segment.isEmpty() && !segment.startsWith("{")) {
        name.append(pascal(segment));
      }
    }
    return name.toString();
  }

  private String unique(String name) {
    String candidate = name;
    for (int i = 2; !names.add(candidate); i++) {
      candidate = name + i;
    }
    return candidate;
  }

  private List<String> current(List<String> anchor, List<String> fromSpec) {
    return lists.containsKey(anchor) ? lists.get(anchor) : fromSpec;
  }

  private static String name(List<String> owner) {
    return owner.size() == 3 && owner.get(1).equals("schemas")
        ? owner.get(2)
        : pascal(owner.get(owner.size() - 1));
  }

  private static List<String> strings(List<?> values) {
    return values == null ? null : values.stream().map(String::valueOf).toList();
  }

  static String pascal(String words) {
    StringBuilder pascal = new StringBuilder();
    for (String word : words.split("[^A-Za-z0-9]+")) {
      if (!word.isEmpty()) {
        pascal.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
      }
    }
    return pascal.toString();
  }

  static List<String> append(List<String> anchor, String... keys) {
    List<String> longer = new ArrayList<>(anchor);
    longer.addAll(List.of(keys));
    return List.copyOf(longer);
  }

  private static SpecEdit paste(List<String> anchor, Yaml yaml) {
    return new SpecEdit(Action.PASTE_UNDER, anchor, yaml.toString());
  }

  private static SpecEdit replace(List<String> anchor, Yaml yaml) {
    return new SpecEdit(Action.REPLACE, anchor, yaml.toString());
  }
}
