package io.github.membercard.openapi.drift;

import io.github.membercard.openapi.drift.DocPages.Row;
import io.github.membercard.openapi.drift.Drift.Kind;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.swagger.v3.parser.util.ResolverFully;
import java.io.PrintStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares WeChat Pay's doc pages with the spec and lists every difference a maintainer must act
 * on: operations and events added or removed, fields added, removed or retyped, required flags,
 * enum values, encryption markers and empty answers changed.
 *
 * <p>Run it with {@code mvn -B -q -pl openapi compile exec:java@docs-drift -Ddocs=DIR}; it exits 0
 * when the spec matches every page, 1 on drift, 2 when it cannot run.
 */
public final class DocDrift {

  /** Where the spec is packaged. */
  public static final String SPEC_RESOURCE =
      "io/github/membercard/openapi/wechatpay-membercard.yaml";

  private static final String EVENT_TYPES = "x-wechatpay-event-types";
  private static final String ENCRYPTED = "x-wechatpay-encrypted";

  private final OpenAPI spec;
  private final ResolverFully resolver = new ResolverFully();
  private final List<Drift> drifts = new ArrayList<>();

  private DocDrift(OpenAPI spec) {
    this.spec = spec;
    // Parsing resolves what paths reach; event resources are reached by no path, so resolve them
    // here.
    resolver.resolveFully(spec);
  }

  /**
   * Compares the doc pages with a spec, operation by operation and event by event.
   *
   * @param docs the doc pages
   * @param specLocation the spec's URL or file path
   * @return every difference, sorted by place
   * @throws IllegalArgumentException if the spec does not parse
   */
  public static List<Drift> compare(DocPages docs, String specLocation) {
    DocDrift drift = new DocDrift(parse(specLocation));
    drift.operations(docs.operations());
    drift.events(docs.events());
    return drift.drifts.stream().sorted().toList();
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
   * @param args the doc pages' directory, and optionally a spec file instead of the packaged one
   */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length < 1 || args.length > 2 || args[0].isBlank()) {
      err.println(
          "usage: DocDrift DOCS_DIR [SPEC_FILE]   (DOCS_DIR holds openapi/v3/... and webhook/v3/... pages)");
      return 2;
    }
    Path docs = Path.of(args[0]);
    if (!Files.isDirectory(docs.resolve("openapi"))
        && !Files.isDirectory(docs.resolve("webhook"))) {
      err.println("No doc pages under " + docs + ": expected openapi/v3/... or webhook/v3/...");
      return 2;
    }
    DocPages pages;
    List<Drift> drifts;
    try {
      pages = DocPages.read(docs);
      drifts =
          compare(
              pages,
              args.length == 2 ? Path.of(args[1]).toAbsolutePath().toString() : packagedSpec());
    } catch (RuntimeException e) {
      err.println("Cannot compare: " + e.getMessage());
      return 2;
    }
    drifts.forEach(out::println);
    String pagesRead =
        pages.operations().size()
            + " documented operations and "
            + pages.events().size()
            + " events";
    if (drifts.isEmpty()) {
      out.println("No drift: the spec matches " + pagesRead + ".");
      return 0;
    }
    out.println(drifts.size() + " difference(s) between the spec and " + pagesRead + ".");
    return 1;
  }

  private static OpenAPI parse(String location) {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    options.setResolveFully(true);
    SwaggerParseResult result = new OpenAPIV3Parser().readLocation(location, null, options);
    if (result.getOpenAPI() == null || result.getOpenAPI().getPaths() == null) {
      throw new IllegalArgumentException(
          "the spec " + location + " does not parse: " + result.getMessages());
    }
    return result.getOpenAPI();
  }

  private void operations(List<DocPages.Operation> documented) {
    Map<String, PathItem> itemsByOperation = new LinkedHashMap<>();
    Map<String, Operation> byKey = new LinkedHashMap<>();
    spec.getPaths()
        .forEach(
            (path, item) ->
                item.readOperationsMap()
                    .forEach(
                        (method, operation) -> {
                          itemsByOperation.put(method + " " + path, item);
                          byKey.put(method + " " + path, operation);
                        }));
    Set<String> seen = new TreeSet<>();
    for (DocPages.Operation page : documented) {
      String key = page.method() + " " + page.path();
      seen.add(key);
      Operation operation = byKey.get(key);
      if (operation == null) {
        drifts.add(
            new Drift(
                Kind.OPERATION_ADDED, key, "documented on " + page.page() + ", not in the spec"));
      } else {
        operation(key, page, itemsByOperation.get(key), operation);
      }
    }
    byKey.forEach(
        (key, operation) -> {
          if (!seen.contains(key)) {
            drifts.add(
                new Drift(
                    Kind.OPERATION_REMOVED,
                    key,
                    operation.getOperationId() + " is in the spec, on no page"));
          }
        });
  }

  private void operation(String key, DocPages.Operation page, PathItem item, Operation operation) {
    Map<String, Parameter> parameters = new LinkedHashMap<>();
    List<Parameter> declared = new ArrayList<>();
    if (item.getParameters() != null) {
      declared.addAll(item.getParameters());
    }
    if (operation.getParameters() != null) {
      declared.addAll(operation.getParameters());
    }
    declared.forEach(
        parameter -> parameters.put(parameter.getIn() + "." + parameter.getName(), parameter));
    Set<String> documented = new TreeSet<>();
    Schema<?> body =
        jsonSchema(
            operation.getRequestBody() == null ? null : operation.getRequestBody().getContent());
    boolean bodyDocumented = false;
    for (Row row : page.request()) {
      switch (row.name()) {
        case "json" -> {
          bodyDocumented = true;
          if (body == null) {
            drifts.add(
                new Drift(
                    Kind.FIELD_ADDED, key + " body", "the page has a JSON body, the spec none"));
          } else {
            fields(key + " body", row.children(), body, false);
          }
        }
        case "query", "headers" ->
            row.children()
                .forEach(
                    child -> {
                      String in = row.name().equals("query") ? "query" : "header";
                      documented.add(in + "." + child.name());
                      parameter(key, in, child, parameters.get(in + "." + child.name()));
                    });
        default -> {
          documented.add("path." + row.name());
          parameter(key, "path", row, parameters.get("path." + row.name()));
        }
      }
    }
    if (!bodyDocumented && body != null) {
      drifts.add(
          new Drift(Kind.FIELD_REMOVED, key + " body", "the spec has a JSON body, the page none"));
    }
    parameters.keySet().stream()
        .filter(name -> !documented.contains(name))
        .forEach(
            name ->
                drifts.add(
                    new Drift(
                        Kind.FIELD_REMOVED, key + " " + name, "in the spec, not on the page")));
    answer(key, page, operation);
  }

  private void answer(String key, DocPages.Operation page, Operation operation) {
    Map.Entry<String, ApiResponse> success =
        operation.getResponses().entrySet().stream()
            .filter(entry -> entry.getKey().startsWith("2"))
            .findFirst()
            .orElse(null);
    Schema<?> schema = success == null ? null : jsonSchema(success.getValue().getContent());
    if (page.noContent()) {
      if (success == null || !"204".equals(success.getKey()) || schema != null) {
        drifts.add(
            new Drift(
                Kind.ANSWER_CHANGED,
                key + " answer",
                "the page answers 204 with no content, the spec "
                    + (success == null
                        ? "nothing"
                        : success.getKey() + (schema == null ? "" : " with a body"))));
      }
    } else if (schema == null) {
      drifts.add(
          new Drift(
              Kind.ANSWER_CHANGED,
              key + " answer",
              "the page answers a JSON body, the spec "
                  + (success == null ? "nothing" : success.getKey() + " without one")));
    } else {
      fields(key + " answer", page.response(), schema, false);
    }
  }

  private void parameter(String key, String in, Row row, Parameter parameter) {
    String where = key + " " + in + "." + row.name();
    if (parameter == null) {
      drifts.add(new Drift(Kind.FIELD_ADDED, where, "on the page, not in the spec"));
      return;
    }
    boolean required = Boolean.TRUE.equals(parameter.getRequired());
    compareField(
        where, row, parameter.getSchema(), required, encrypted(parameter.getExtensions()), false);
  }

  private void fields(String where, List<Row> rows, Schema<?> schema, boolean sharedEnums) {
    Map<String, Schema<?>> properties = properties(schema);
    Set<String> documented = new TreeSet<>();
    for (Row row : rows) {
      documented.add(row.name());
      String at = where + "." + row.name();
      Schema<?> property = properties.get(row.name());
      if (property == null) {
        drifts.add(
            new Drift(Kind.FIELD_ADDED, at, "on the page (" + row.type() + "), not in the spec"));
        continue;
      }
      boolean required = schema.getRequired() != null && schema.getRequired().contains(row.name());
      compareField(at, row, property, required, encrypted(property.getExtensions()), sharedEnums);
      if (row.isObject()) {
        fields(
            at,
            row.children(),
            "array".equals(property.getType()) ? property.getItems() : property,
            sharedEnums);
      }
    }
    properties.keySet().stream()
        .filter(name -> !documented.contains(name))
        .forEach(
            name ->
                drifts.add(
                    new Drift(
                        Kind.FIELD_REMOVED, where + "." + name, "in the spec, not on the page")));
  }

  private void compareField(
      String where,
      Row row,
      Schema<?> schema,
      boolean required,
      boolean encrypted,
      boolean sharedEnums) {
    String specType =
        "array".equals(schema.getType()) ? schema.getItems().getType() + "[]" : schema.getType();
    if (!row.type().equals(specType)) {
      drifts.add(new Drift(Kind.TYPE_CHANGED, where, "page " + row.type() + ", spec " + specType));
    }
    if (row.required() != required) {
      drifts.add(
          new Drift(
              Kind.REQUIRED_CHANGED,
              where,
              "page " + flag(row.required(), "required") + ", spec " + flag(required, "required")));
    }
    if (row.encrypted() != encrypted) {
      drifts.add(
          new Drift(
              Kind.ENCRYPTION_CHANGED,
              where,
              "page "
                  + flag(row.encrypted(), "encrypted")
                  + ", spec "
                  + flag(encrypted, "encrypted")));
    }
    Schema<?> values = "array".equals(schema.getType()) ? schema.getItems() : schema;
    // A property the spec types as an enum the page leaves a plain string compares as that string.
    boolean typedAsEnum =
        schema.getExtensions() != null
            && schema.getExtensions().containsKey("x-wechatpay-typed-as");
    List<String> specEnum =
        values.getEnum() == null || typedAsEnum
            ? List.of()
            : values.getEnum().stream().map(String::valueOf).toList();
    // An envelope's event_type lists every event in the spec, and one on each page.
    boolean enumMatches =
        sharedEnums ? specEnum.containsAll(row.enumValues()) : specEnum.equals(row.enumValues());
    if (!enumMatches) {
      drifts.add(
          new Drift(Kind.ENUM_CHANGED, where, "page " + row.enumValues() + ", spec " + specEnum));
    }
  }

  private void events(List<DocPages.Event> documented) {
    Map<String, Schema<?>> resources = new LinkedHashMap<>();
    spec.getComponents()
        .getSchemas()
        .forEach(
            (name, raw) -> {
              Schema<?> schema = resolver.resolveSchema(raw);
              if (schema.getExtensions() != null
                  && schema.getExtensions().get(EVENT_TYPES) instanceof Collection<?> types) {
                types.forEach(type -> resources.put(String.valueOf(type), schema));
              }
            });
    Set<String> seen = new TreeSet<>();
    for (DocPages.Event page : documented) {
      seen.add(page.eventType());
      Schema<?> resource = resources.get(page.eventType());
      if (resource == null) {
        drifts.add(
            new Drift(
                Kind.EVENT_ADDED,
                page.eventType(),
                "documented on "
                    + page.page()
                    + ", no schema is marked "
                    + EVENT_TYPES
                    + " with it"));
        continue;
      }
      fields(page.eventType() + " envelope", page.envelope(), component("Notification"), true);
      fields(page.eventType() + " resource", page.resource(), resource, false);
      fields(page.eventType() + " reply", page.reply(), component("NotificationReply"), false);
    }
    resources.keySet().stream()
        .filter(type -> !seen.contains(type))
        .forEach(
            type -> drifts.add(new Drift(Kind.EVENT_REMOVED, type, "in the spec, on no page")));
  }

  private Schema<?> component(String name) {
    return resolver.resolveSchema(spec.getComponents().getSchemas().get(name));
  }

  private static Schema<?> jsonSchema(Map<String, MediaType> content) {
    MediaType json = content == null ? null : content.get("application/json");
    return json == null ? null : json.getSchema();
  }

  private static boolean encrypted(Map<String, Object> extensions) {
    return extensions != null && Boolean.TRUE.equals(extensions.get(ENCRYPTED));
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
