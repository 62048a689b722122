package io.github.membercard.openapi.drift;

import io.github.membercard.openapi.drift.DocPages.Row;
import io.github.membercard.openapi.drift.Drift.Kind;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.PrintStream;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Compares the in-scope pages of a checkout of WeChat Pay's docs with the spec and lists every
 * difference a maintainer must act on: operations and events added or removed, fields added,
 * removed or retyped, required flags, enum values, encryption markers and empty responses changed;
 * with {@code --draft}, each with the spec edit that would remove it.
 *
 * <p>Run it with {@code mvn -B -q -pl openapi compile exec:java@docs-drift -Ddocs=DIR}; it exits 0
 * when the spec matches every in-scope page, 1 on drift, 2 when it cannot run.
 */
public final class DocDrift {

  /** Where the spec is packaged. */
  public static final String SPEC_RESOURCE =
      "io/github/membercard/openapi/wechatpay-membercard.yaml";

  /**
   * The extension beside the {@code $ref} (or the {@code allOf: [{$ref: ...}]}) of a property the
   * docs type as a plain string and the spec as a string enum of the same resource; its value names
   * the enum schema. The report compares such a property as the docs' plain string.
   */
  public static final String TYPED_AS = "x-wechatpay-typed-as";

  private static final String EVENT_TYPES = "x-wechatpay-event-types";
  private static final String ENCRYPTED = "x-wechatpay-encrypted";
  private static final String SCHEMAS = "#/components/schemas/";

  private final OpenAPI spec;
  private final SpecTree tree;
  private final SpecDraft draft;
  private final List<Pending> drifts = new ArrayList<>();

  /** A difference whose draft is written once the report's order is known. */
  private record Pending(Kind kind, String where, String detail, Supplier<List<SpecEdit>> draft) {}

  /** A schema and where it is declared. */
  private record Node(Schema<?> schema, List<String> anchor) {}

  /** The results of a comparison: the differences and the pages compared. */
  public record Report(List<Drift> drifts, DocPages pages) {

    /**
     * Copies the differences.
     *
     * @param drifts every difference, in the report's order
     * @param pages the pages read
     */
    public Report {
      drifts = List.copyOf(drifts);
    }
  }

  private DocDrift(OpenAPI spec, SpecTree tree, DocScope scope) {
    this.spec = spec;
    this.tree = tree;
    this.draft = new SpecDraft(spec, scope);
  }

  /**
   * Compares the in-scope pages of a docs checkout with a spec, operation by operation and event by
   * event.
   *
   * @param docs the docs checkout: the directory holding {@code openapi/} and {@code webhook/}
   * @param specLocation the spec's URL or file path
   * @return every difference, sorted by place, and the pages read
   * @throws IllegalArgumentException if the spec does not parse, declares no scope, or misuses an
   *     extension the report reads
   * @throws DocPageException if {@code docs} is not a docs checkout, or an in-scope page cannot be
   *     read or parsed
   */
  public static Report compare(Path docs, String specLocation) {
    OpenAPI spec = parse(specLocation);
    DocScope scope = DocScope.of(spec);
    outsideScope(spec, scope);
    DocPages pages = DocPages.read(docs, scope);
    if (pages.compared() == 0) {
      throw new DocPageException(
          docs.toString(),
          "no page lies in the spec's scope "
              + scope
              + "; is this the docs checkout's root (the folder holding openapi/ and webhook/)?",
          null);
    }
    DocDrift drift = new DocDrift(spec, SpecTree.read(specLocation), scope);
    drift.operations(pages.operations());
    drift.events(pages.events());
    List<Drift> drifts =
        drift.drifts.stream()
            .sorted(Comparator.comparing(Pending::where).thenComparing(Pending::kind))
            .map(p -> new Drift(p.kind(), p.where(), p.detail(), p.draft().get()))
            .toList();
    return new Report(drifts, pages);
  }

  /**
   * Returns where the spec packaged with this module is on the classpath, throwing an {@link
   * IllegalStateException} if it is not there.
   *
   * @return the packaged spec's URL
   */
  public static String packagedSpec() {
    URL spec = DocDrift.class.getClassLoader().getResource(SPEC_RESOURCE);
    if (spec == null) {
      throw new IllegalStateException(SPEC_RESOURCE + " is not on the classpath");
    }
    return spec.toString();
  }

  /**
   * Prints the drift report.
   *
   * @param args {@code [--draft] DOCS_DIR [SPEC_FILE]}: the docs checkout, and optionally a spec
   *     file instead of the packaged one; {@code --draft} prints each difference's spec edit
   */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    List<String> rest = new ArrayList<>(List.of(args));
    boolean drafts = rest.remove("--draft");
    if (rest.isEmpty() || rest.size() > 2 || rest.get(0).isBlank() || rest.get(0).startsWith("-")) {
      err.println(
          "usage: DocDrift [--draft] DOCS_DIR [SPEC_FILE]   (DOCS_DIR: a checkout of the docs,"
              + " the folder holding openapi/ and webhook/)");
      return 2;
    }
    Report report;
    try {
      report =
          compare(
              Path.of(rest.get(0)),
              rest.size() == 2 ? Path.of(rest.get(1)).toAbsolutePath().toString() : packagedSpec());
    } catch (DocPageException | IllegalArgumentException | IllegalStateException e) {
      // The input's fault (a page, a spec, a directory): the message names it.
      err.println("Cannot compare: " + e.getMessage());
      return 2;
    } catch (RuntimeException e) {
      err.println("Cannot compare: the report failed on its own (" + e + "); please report it");
      return 2;
    }
    for (Drift drift : report.drifts()) {
      out.println(drift);
      if (drafts) {
        drift.draft().forEach(out::print);
        out.println();
      }
    }
    DocPages pages = report.pages();
    String read =
        pages.operations().size()
            + " documented operations and "
            + pages.events().size()
            + " events on "
            + pages.compared()
            + " pages in scope; skipped "
            + count(pages.redirects(), "redirect page")
            + " in scope and "
            + count(pages.outside(), "page")
            + " of other products";
    if (report.drifts().isEmpty()) {
      out.println("No drift: the spec matches " + read + ".");
      return 0;
    }
    out.println(report.drifts().size() + " difference(s) between the spec and " + read + ".");
    return 1;
  }

  private static OpenAPI parse(String location) {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result;
    try {
      result = new OpenAPIV3Parser().readLocation(location, null, options);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("the spec " + location + " does not parse: " + e, e);
    }
    if (result.getOpenAPI() == null
        || result.getOpenAPI().getPaths() == null
        || result.getOpenAPI().getComponents() == null
        || result.getOpenAPI().getComponents().getSchemas() == null) {
      throw new IllegalArgumentException(
          "the spec " + location + " does not parse: " + result.getMessages());
    }
    return result.getOpenAPI();
  }

  /** A spec operation or event outside the declared scope would be reported removed forever. */
  private static void outsideScope(OpenAPI spec, DocScope scope) {
    spec.getPaths().keySet().stream()
        .filter(path -> !scope.coversPath(path))
        .findFirst()
        .ifPresent(
            path -> {
              throw new IllegalArgumentException(
                  "the spec's path " + path + " lies outside its " + DocScope.EXTENSION);
            });
    spec.getComponents()
        .getSchemas()
        .forEach(
            (name, schema) ->
                eventTypes(schema).stream()
                    .filter(type -> !scope.coversEvent(type))
                    .findFirst()
                    .ifPresent(
                        type -> {
                          throw new IllegalArgumentException(
                              "the spec's event type "
                                  + type
                                  + " ("
                                  + name
                                  + ") lies outside its "
                                  + DocScope.EXTENSION);
                        }));
  }

  private static List<String> eventTypes(Schema<?> schema) {
    return schema.getExtensions() != null
            && schema.getExtensions().get(EVENT_TYPES) instanceof Collection<?> types
        ? types.stream().map(String::valueOf).toList()
        : List.of();
  }

  private void report(Kind kind, String where, String detail, Supplier<List<SpecEdit>> fix) {
    drifts.add(new Pending(kind, where, detail, fix));
  }

  private void operations(List<DocPages.Operation> documented) {
    Map<String, Operation> byKey = new LinkedHashMap<>();
    spec.getPaths()
        .forEach(
            (path, item) ->
                item.readOperationsMap()
                    .forEach((method, operation) -> byKey.put(method + " " + path, operation)));
    Set<String> seen = new TreeSet<>();
    for (DocPages.Operation page : documented) {
      String key = page.method() + " " + page.path();
      seen.add(key);
      Operation operation = byKey.get(key);
      if (operation == null) {
        report(
            Kind.OPERATION_ADDED,
            key,
            "documented on " + page.page() + ", not in the spec",
            () -> draft.addedOperation(page));
      } else {
        operation(key, page, spec.getPaths().get(page.path()), operation);
      }
    }
    byKey.forEach(
        (key, operation) -> {
          if (!seen.contains(key)) {
            String[] methodPath = key.split(" ", 2);
            report(
                Kind.OPERATION_REMOVED,
                key,
                operation.getOperationId() + " is in the spec, on no page",
                () ->
                    List.of(
                        SpecDraft.delete(
                            List.of(
                                "paths", methodPath[1], methodPath[0].toLowerCase(Locale.ROOT))),
                        SpecDraft.note(
                            "delete the path too if no operation is left under it, and the schemas"
                                + " only this operation used")));
          }
        });
  }

  private void operation(String key, DocPages.Operation page, PathItem item, Operation operation) {
    List<String> path = List.of("paths", page.path());
    List<String> at = SpecDraft.append(path, page.method().toLowerCase(Locale.ROOT));
    Map<String, Node> parameters = new LinkedHashMap<>();
    Map<String, Parameter> declared = new LinkedHashMap<>();
    declare(item.getParameters(), path, declared, parameters);
    declare(operation.getParameters(), at, declared, parameters);
    Set<String> documented = new TreeSet<>();
    Node body = body(operation.getRequestBody(), at);
    boolean bodyDocumented = false;
    for (Row row : page.request()) {
      switch (row.name()) {
        case "json" -> {
          bodyDocumented = true;
          if (body == null) {
            report(
                Kind.FIELD_ADDED,
                key + " body",
                "the page has a JSON body, the spec none",
                () -> draft.addedBody(page, at, row.children()));
          } else {
            fields(key + " body", row.children(), target(body), page.examples(), "json", false);
          }
        }
        case "query", "headers" ->
            row.children()
                .forEach(
                    child -> {
                      String in = row.name().equals("query") ? "query" : "header";
                      documented.add(in + "." + child.name());
                      parameter(key, in, child, declared, parameters, at, operation, page);
                    });
        default -> {
          documented.add("path." + row.name());
          parameter(key, "path", row, declared, parameters, at, operation, page);
        }
      }
    }
    if (!bodyDocumented && body != null) {
      report(
          Kind.FIELD_REMOVED,
          key + " body",
          "the spec has a JSON body, the page none",
          () -> List.of(SpecDraft.delete(SpecDraft.append(at, "requestBody"))));
    }
    parameters.keySet().stream()
        .filter(name -> !documented.contains(name))
        .forEach(
            name ->
                report(
                    Kind.FIELD_REMOVED,
                    key + " " + name,
                    "in the spec, not on the page",
                    () -> List.of(SpecDraft.delete(parameters.get(name).anchor()))));
    answer(key, page, operation, SpecDraft.append(at, "responses"));
  }

  /** Parameters by {@code in.name}, an operation's overriding its path's. */
  private static void declare(
      List<Parameter> list,
      List<String> owner,
      Map<String, Parameter> declared,
      Map<String, Node> nodes) {
    for (Parameter parameter : list == null ? List.<Parameter>of() : list) {
      String name = parameter.getIn() + "." + parameter.getName();
      declared.put(name, parameter);
      nodes.put(
          name,
          new Node(
              parameter.getSchema(),
              SpecDraft.append(owner, "parameters", "name: " + parameter.getName())));
    }
  }

  private Node body(RequestBody requestBody, List<String> at) {
    RequestBody body = requestBody;
    List<String> declared = SpecDraft.append(at, "requestBody");
    if (body != null && body.get$ref() != null) {
      String name = body.get$ref().substring(body.get$ref().lastIndexOf('/') + 1);
      body = spec.getComponents().getRequestBodies().get(name);
      declared = List.of("components", "requestBodies", name);
    }
    Schema<?> schema = body == null ? null : jsonSchema(body.getContent());
    return schema == null
        ? null
        : new Node(schema, SpecDraft.append(declared, "content", "application/json", "schema"));
  }

  private void answer(String key, DocPages.Operation page, Operation operation, List<String> at) {
    Map.Entry<String, ApiResponse> success =
        operation.getResponses().entrySet().stream()
            .filter(entry -> entry.getKey().startsWith("2"))
            .findFirst()
            .orElse(null);
    ApiResponse response = success == null ? null : response(success.getValue());
    Schema<?> schema = response == null ? null : jsonSchema(response.getContent());
    String code = success == null ? null : "'" + success.getKey() + "'";
    if (page.noContent()) {
      if (success == null || !"204".equals(success.getKey()) || schema != null) {
        report(
            Kind.RESPONSE_CHANGED,
            key + " answer",
            "the page responses 204 with no content, the spec "
                + (success == null
                    ? "nothing"
                    : success.getKey() + (schema == null ? "" : " with a body")),
            () ->
                success == null
                    ? List.of(SpecDraft.note("give the operation a '204' answer"))
                    : List.of(draft.responseNoContent(at, code)));
      }
    } else if (schema == null) {
      report(
          Kind.RESPONSE_CHANGED,
          key + " answer",
          "the page responses a JSON body, the spec "
              + (success == null ? "nothing" : success.getKey() + " without one"),
          () ->
              success == null
                  ? List.of(SpecDraft.note("give the operation a '200' answer"))
                  : draft.responseBody(page, at, code));
    } else {
      List<String> schemaAt = SpecDraft.append(at, code, "content", "application/json", "schema");
      fields(
          key + " answer",
          page.response(),
          target(new Node(schema, schemaAt)),
          Map.of(),
          "",
          false);
    }
  }

  private ApiResponse response(ApiResponse response) {
    String ref = response.get$ref();
    return ref == null
        ? response
        : spec.getComponents().getResponses().get(ref.substring(ref.lastIndexOf('/') + 1));
  }

  private void parameter(
      String key,
      String in,
      Row row,
      Map<String, Parameter> declared,
      Map<String, Node> nodes,
      List<String> operationAt,
      Operation operation,
      DocPages.Operation page) {
    String where = key + " " + in + "." + row.name();
    Parameter parameter = declared.get(in + "." + row.name());
    if (parameter == null) {
      boolean hasParameters = operation.getParameters() != null;
      report(
          Kind.FIELD_ADDED,
          where,
          "on the page, not in the spec",
          () -> draft.addedParameter(row, in, operationAt, hasParameters, page.examples()));
      return;
    }
    List<String> anchor = nodes.get(in + "." + row.name()).anchor();
    boolean required = Boolean.TRUE.equals(parameter.getRequired());
    String examplePath =
        (in.equals("path") ? "" : in.equals("query") ? "query." : "headers.") + row.name();
    compareField(
        where,
        row,
        new Node(parameter.getSchema(), SpecDraft.append(anchor, "schema")),
        anchor,
        required,
        encrypted(parameter.getExtensions()),
        false,
        () ->
            List.of(
                new SpecEdit(
                    SpecEdit.Action.REPLACE,
                    SpecDraft.append(anchor, "required"),
                    "  ".repeat(anchor.size()) + "required: " + row.required() + "\n")),
        () -> draft.retyped(row, anchor, page.examples(), examplePath, true));
  }

  private void fields(
      String where,
      List<Row> rows,
      Node object,
      Map<String, String> examples,
      String examplePath,
      boolean sharedEnums) {
    Schema<?> schema = object.schema();
    Map<String, Schema<?>> properties = properties(schema);
    Set<String> documented = new TreeSet<>();
    for (Row row : rows) {
      documented.add(row.name());
      String at = where + "." + row.name();
      String rowPath = examplePath.isEmpty() ? row.name() : examplePath + "." + row.name();
      Schema<?> property = properties.get(row.name());
      if (property == null) {
        report(
            Kind.FIELD_ADDED,
            at,
            "on the page (" + row.type() + "), not in the spec",
            () -> draft.addedField(row, object.anchor(), schema, examples, rowPath));
        continue;
      }
      List<String> anchor = SpecDraft.append(object.anchor(), "properties", row.name());
      boolean required = schema.getRequired() != null && schema.getRequired().contains(row.name());
      Node node = new Node(property, anchor);
      compareField(
          at,
          row,
          node,
          anchor,
          required,
          encrypted(property.getExtensions()),
          sharedEnums,
          () -> List.of(draft.required(object.anchor(), schema, row.name(), row.required())),
          () -> draft.retyped(row, anchor, examples, rowPath, false));
      if (row.isObject()) {
        fields(at, row.children(), element(target(node)), examples, rowPath, sharedEnums);
      }
    }
    properties.keySet().stream()
        .filter(name -> !documented.contains(name))
        .forEach(
            name ->
                report(
                    Kind.FIELD_REMOVED,
                    where + "." + name,
                    "in the spec, not on the page",
                    () -> {
                      List<SpecEdit> edits = new ArrayList<>();
                      edits.add(
                          SpecDraft.delete(SpecDraft.append(object.anchor(), "properties", name)));
                      if (schema.getRequired() != null && schema.getRequired().contains(name)) {
                        edits.add(draft.required(object.anchor(), schema, name, false));
                      }
                      return edits;
                    }));
  }

  private void compareField(
      String where,
      Row row,
      Node declared,
      List<String> markerAt,
      boolean required,
      boolean encrypted,
      boolean sharedEnums,
      Supplier<List<SpecEdit>> requiredFix,
      Supplier<List<SpecEdit>> typeFix) {
    Node value = target(declared);
    // A property typed as an enum where the docs say string has no values to compare.
    Node values = typedAs(declared, where) != null ? null : element(value);
    String specType =
        values == null ? "string" : values.schema().getType() + (values == value ? "" : "[]");
    if (!row.type().equals(specType)) {
      report(Kind.TYPE_CHANGED, where, "page " + row.type() + ", spec " + specType, typeFix);
    }
    if (row.required() != required) {
      report(
          Kind.REQUIRED_CHANGED,
          where,
          "page " + flag(row.required(), "required") + ", spec " + flag(required, "required"),
          requiredFix);
    }
    if (row.encrypted() != encrypted) {
      report(
          Kind.ENCRYPTION_CHANGED,
          where,
          "page " + flag(row.encrypted(), "encrypted") + ", spec " + flag(encrypted, "encrypted"),
          () -> List.of(draft.encryption(markerAt, row.encrypted())));
    }
    if (row.isObject() || (values != null && values.schema().getProperties() != null)) {
      return; // an object's fields are compared one by one, not as values
    }
    List<String> specEnum =
        values == null || values.schema().getEnum() == null
            ? List.of()
            : values.schema().getEnum().stream().map(String::valueOf).toList();
    // An envelope's event_type lists every event in the spec, and one on each page.
    boolean enumMatches =
        sharedEnums ? specEnum.containsAll(row.enumValues()) : specEnum.equals(row.enumValues());
    if (!enumMatches) {
      Node holder = values;
      List<String> wanted = new ArrayList<>(sharedEnums ? specEnum : List.of());
      row.enumValues().stream().filter(v -> !wanted.contains(v)).forEach(wanted::add);
      report(
          Kind.ENUM_CHANGED,
          where,
          "page " + row.enumValues() + ", spec " + specEnum,
          () -> enumFix(holder, wanted, sharedEnums));
    }
  }

  /** The edit giving the enum at {@code holder} the page's values, or advice where it cannot. */
  private List<SpecEdit> enumFix(Node holder, List<String> wanted, boolean sharedEnums) {
    if (holder == null) {
      return List.of(
          SpecDraft.note(
              "the page now lists the values: remove "
                  + TYPED_AS
                  + " and compare the property with its enum"));
    }
    if (wanted.isEmpty()) {
      return List.of(
          SpecDraft.note(
              "the page lists no values: type it as a plain string, or keep the enum schema and"
                  + " mark the property "
                  + TYPED_AS
                  + " (see the spec's description)"));
    }
    return sharedEnums
        ? draft.widenEnum(holder.anchor(), holder.schema(), wanted)
        : draft.enumValues(holder.anchor(), holder.schema(), wanted);
  }

  /** The enum a property marked {@link #TYPED_AS} names, after checking the mark is right. */
  private String typedAs(Node declared, String where) {
    Object named =
        declared.schema().getExtensions() == null
            ? tree.extension(declared.anchor(), TYPED_AS)
            : declared.schema().getExtensions().get(TYPED_AS);
    if (named == null) {
      return null;
    }
    Schema<?> target = spec.getComponents().getSchemas().get(String.valueOf(named));
    Node value = target(declared);
    if (target == null
        || !"string".equals(target.getType())
        || target.getEnum() == null
        || value.schema() != target) {
      throw new IllegalArgumentException(
          "the spec's "
              + String.join(" > ", declared.anchor())
              + " ("
              + where
              + ") is marked "
              + TYPED_AS
              + ": "
              + named
              + ", which must name the string enum schema the property refers to ($ref: '"
              + SCHEMAS
              + named
              + "')");
    }
    return String.valueOf(named);
  }

  private void events(List<DocPages.Event> documented) {
    Map<String, String> resources = new LinkedHashMap<>();
    spec.getComponents()
        .getSchemas()
        .forEach((name, schema) -> eventTypes(schema).forEach(type -> resources.put(type, name)));
    Set<String> seen = new TreeSet<>();
    Node envelope = component("Notification");
    Node reply = component("NotificationReply");
    for (DocPages.Event page : documented) {
      seen.add(page.eventType());
      String resource = resources.get(page.eventType());
      if (resource == null) {
        report(
            Kind.EVENT_ADDED,
            page.eventType(),
            "documented on " + page.page() + ", no schema is marked " + EVENT_TYPES + " with it",
            () -> {
              List<SpecEdit> edits = new ArrayList<>(draft.addedEvent(page));
              enumsToWiden(page.envelope(), envelope)
                  .forEach(
                      widen ->
                          edits.addAll(
                              draft.widenEnum(
                                  widen.holder().anchor(),
                                  widen.holder().schema(),
                                  widen.values())));
              return edits;
            });
        continue;
      }
      fields(page.eventType() + " envelope", page.envelope(), envelope, Map.of(), "", true);
      fields(
          page.eventType() + " resource",
          page.resource(),
          component(resource),
          Map.of(),
          "",
          false);
      fields(page.eventType() + " reply", page.reply(), reply, Map.of(), "", false);
    }
    resources.forEach(
        (type, name) -> {
          if (!seen.contains(type)) {
            report(
                Kind.EVENT_REMOVED,
                type,
                "in the spec, on no page",
                () -> draft.removedEvent(name, component(name).schema(), type));
          }
        });
  }

  /** An enum of the envelope a new event's page adds values to. */
  private record Widen(Node holder, List<String> values) {}

  /** The envelope's enums (event_type, original_type) a new event's page adds values to. */
  private List<Widen> enumsToWiden(List<Row> rows, Node object) {
    List<Widen> widen = new ArrayList<>();
    Map<String, Schema<?>> properties = properties(object.schema());
    for (Row row : rows) {
      Schema<?> property = properties.get(row.name());
      if (property == null) {
        continue;
      }
      Node value =
          target(new Node(property, SpecDraft.append(object.anchor(), "properties", row.name())));
      if (row.isObject()) {
        widen.addAll(enumsToWiden(row.children(), value));
      } else if (value.schema().getEnum() != null
          && !value.schema().getEnum().stream()
              .map(String::valueOf)
              .toList()
              .containsAll(row.enumValues())) {
        widen.add(new Widen(value, row.enumValues()));
      }
    }
    return widen;
  }

  private Node component(String name) {
    Schema<?> schema = spec.getComponents().getSchemas().get(name);
    if (schema == null) {
      throw new IllegalArgumentException("the spec has no components.schemas." + name);
    }
    return new Node(schema, List.of("components", "schemas", name));
  }

  /** An array's element schema, or the schema itself when it is no array. */
  private Node element(Node value) {
    return "array".equals(value.schema().getType()) && value.schema().getItems() != null
        ? target(new Node(value.schema().getItems(), SpecDraft.append(value.anchor(), "items")))
        : value;
  }

  /** The schema a declaration stands for: a {@code $ref}'s (or a lone {@code allOf}'s) target. */
  private Node target(Node declared) {
    Schema<?> schema = declared.schema();
    if (schema instanceof ComposedSchema composed
        && composed.getAllOf() != null
        && composed.getAllOf().size() == 1
        && composed.getAllOf().get(0).get$ref() != null) {
      schema = composed.getAllOf().get(0);
    }
    String ref = schema.get$ref();
    if (ref == null) {
      return declared;
    }
    if (!ref.startsWith(SCHEMAS)) {
      throw new IllegalArgumentException(
          "the spec's "
              + String.join(" > ", declared.anchor())
              + " refers to "
              + ref
              + ", outside "
              + SCHEMAS);
    }
    return component(ref.substring(SCHEMAS.length()));
  }

  private static Schema<?> jsonSchema(Map<String, MediaType> content) {
    MediaType json = content == null ? null : content.get("application/json");
    return json == null ? null : json.getSchema();
  }

  private static boolean encrypted(Map<String, Object> extensions) {
    return extensions != null && Boolean.TRUE.equals(extensions.get(ENCRYPTED));
  }

  private static String count(int count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }

  private static String flag(boolean set, String name) {
    return set ? name : "not " + name;
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static Map<String, Schema<?>> properties(Schema<?> schema) {
    Map properties = schema.getProperties();
    return properties == null ? Map.of() : properties;
  }
}
