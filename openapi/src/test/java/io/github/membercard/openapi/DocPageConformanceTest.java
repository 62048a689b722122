package io.github.membercard.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.util.ResolverFully;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Compares the spec with the Markdown source of WeChat Pay's doc pages, row by row: every field at
 * its nested place with its type, required flag, enum and encryption marker, every path, query and
 * header parameter, and the 204 of "无返回内容"; and nothing in the spec that the page lacks. The pages
 * are read from the directory in the {@code wechatpay.docs.dir} system property.
 */
class DocPageConformanceTest {

  private static final List<String> OPERATION_PAGES = List.of(
      "openapi/v3/brand/partner/card-member/user-points/sync.md",
      "openapi/v3/brand/partner/card-member/user-points/exchange-coupon/confirm.md",
      "openapi/v3/brand/partner/card-member/user-cards/{user_card_code}/confirm.md",
      "openapi/v3/marketing/membercard-open/cards/{card_id}/codes/{code}.md");
  private static final List<String> EVENT_PAGES = List.of(
      "BRAND_MEMBER_CARD_SP.USER_CARD.CREATE", "BRAND_MEMBER_CARD_SP.USER_CARD.DELETE",
      "BRAND_MEMBER_CARD_SP.POINT_EXCHANGE_COUPON", "BRAND_MEMBER_CARD_SP.SYNC_USER_POINT");

  private static final Pattern SECTION = Pattern.compile("^#+ .*\\{#(get|post|patch|put|delete)}\\s*$");
  private static final Pattern CELL_SPLIT = Pattern.compile("(?<!\\\\)\\|");
  private static final Pattern NAME_CELL = Pattern.compile("^(\\S*)\\s*(?:\\{([^}]*)})?$");
  private static final Pattern INDENT = Pattern.compile("data-indent=(\\d+)");
  private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");

  private static Path docs;
  private static OpenAPI spec;
  private static ResolverFully resolver;

  /** One table row as a tree node. */
  record Row(String name, int indent, boolean required, String type, boolean encrypted, List<String> enumValues,
      List<Row> children) {}

  @BeforeAll
  static void load() {
    String dir = System.getProperty("wechatpay.docs.dir");
    docs = dir == null ? null : Path.of(dir);
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    options.setResolveFully(true);
    spec = new OpenAPIV3Parser().readLocation(
        DocPageConformanceTest.class.getClassLoader().getResource(SpecLintTest.SPEC).toString(), null, options).getOpenAPI();
    resolver = new ResolverFully();
    resolver.resolveFully(spec);
  }

  @TestFactory
  Stream<DynamicTest> everyOperationMatchesItsPage() {
    assumeDocs();
    return OPERATION_PAGES.stream().flatMap(page -> sections(read("/" + page)).entrySet().stream()
        .map(section -> DynamicTest.dynamicTest(section.getKey().toUpperCase() + " " + page, () -> {
          String path = "/" + page.substring("openapi/".length(), page.length() - ".md".length());
          PathItem item = spec.getPaths().get(path);
          assertNotNull(item, "no path " + path + " in the spec");
          Operation operation = item.readOperationsMap().get(PathItem.HttpMethod.valueOf(section.getKey().toUpperCase()));
          assertNotNull(operation, "no " + section.getKey() + " " + path + " in the spec");
          List<String> problems = new ArrayList<>();
          compareOperation(item, operation, section.getValue(), problems);
          assertEquals(List.of(), problems);
        })));
  }

  @TestFactory
  Stream<DynamicTest> everyNotificationMatchesItsPage() {
    assumeDocs();
    return EVENT_PAGES.stream().map(event -> DynamicTest.dynamicTest(event, () -> {
      List<String> lines = read("/webhook/v3/" + event + ".md");
      List<Row> request = tree(table(lines, "| 请求参数"), 0);
      Row body = request.stream().filter(row -> row.name().equals("body")).findFirst().orElseThrow();
      List<Row> envelope = body.children().stream().filter(row -> row.indent() == 1).toList();
      List<Row> resource = tree(table(lines, "| 请求参数").stream().filter(row -> row.indent() >= 3).toList(), 3);
      List<String> problems = new ArrayList<>();
      compare("Notification", envelope, component("Notification"), true, problems);
      compare(event + " resource", resource, eventResource(event, problems), false, problems);
      Row reply = tree(table(lines, "| 应答规范"), 0).stream().filter(row -> row.name().equals("body")).findFirst().orElseThrow();
      compare("NotificationReply", reply.children(), component("NotificationReply"), false, problems);
      assertEquals(List.of(), problems);
    }));
  }

  private static void compareOperation(PathItem item, Operation operation, List<String> lines, List<String> problems) {
    List<Parameter> parameters = new ArrayList<>();
    if (item.getParameters() != null) {
      parameters.addAll(item.getParameters());
    }
    if (operation.getParameters() != null) {
      parameters.addAll(operation.getParameters());
    }
    Set<String> documentedParameters = new TreeSet<>();
    for (Row row : tree(table(lines, "| 请求参数"), 0)) {
      switch (row.name()) {
        case "json" -> compare("request body", row.children(), operation.getRequestBody().getContent()
            .get("application/json").getSchema(), false, problems);
        case "query", "headers" -> row.children().forEach(child -> {
          documentedParameters.add(child.name());
          compareParameter(parameters, child, row.name().equals("query") ? "query" : "header", problems);
        });
        default -> {
          documentedParameters.add(row.name());
          compareParameter(parameters, row, "path", problems);
        }
      }
    }
    if (!documentedParameters.equals(new TreeSet<>(parameters.stream().map(Parameter::getName).toList()))) {
      problems.add("parameters: page " + documentedParameters + ", spec " + parameters.stream().map(Parameter::getName).toList());
    }
    List<Row> response = tree(table(lines, "| 返回字典"), 0);
    Map.Entry<String, ApiResponse> success = operation.getResponses().entrySet().stream()
        .filter(entry -> entry.getKey().startsWith("2")).findFirst().orElseThrow();
    if (lines.stream().anyMatch(line -> line.startsWith("|") && line.contains("无返回内容"))) {
      if (!success.getKey().equals("204") || success.getValue().getContent() != null) {
        problems.add("the page answers 204 with no content, the spec " + success.getKey());
      }
    } else {
      compare("response", response, success.getValue().getContent().get("application/json").getSchema(), false, problems);
    }
  }

  private static void compareParameter(List<Parameter> parameters, Row row, String in, List<String> problems) {
    Parameter parameter = parameters.stream().filter(p -> p.getName().equals(row.name())).findFirst().orElse(null);
    if (parameter == null) {
      problems.add(in + " parameter " + row.name() + " is not in the spec");
    } else if (!in.equals(parameter.getIn()) || row.required() != Boolean.TRUE.equals(parameter.getRequired())
        || !"string".equals(parameter.getSchema().getType())) {
      problems.add(in + " parameter " + row.name() + ": page (" + in + ", required " + row.required()
          + "), spec (" + parameter.getIn() + ", required " + parameter.getRequired() + ")");
    }
  }

  private static void compare(String where, List<Row> rows, Schema<?> schema, boolean sharedEnums, List<String> problems) {
    Map<String, Schema<?>> properties = properties(schema);
    Set<String> documented = new TreeSet<>(rows.stream().map(Row::name).toList());
    if (!documented.equals(new TreeSet<>(properties.keySet()))) {
      problems.add(where + ": page has " + documented + ", spec has " + new TreeSet<>(properties.keySet()));
    }
    for (Row row : rows) {
      Schema<?> property = properties.get(row.name());
      if (property == null) {
        continue;
      }
      String at = where + "." + row.name();
      String specType = "array".equals(property.getType()) ? property.getItems().getType() + "[]" : property.getType();
      if (!row.type().equals(specType)) {
        problems.add(at + ": page type " + row.type() + ", spec " + specType);
      }
      boolean required = schema.getRequired() != null && schema.getRequired().contains(row.name());
      if (row.required() != required) {
        problems.add(at + ": page required " + row.required() + ", spec " + required);
      }
      boolean encrypted = property.getExtensions() != null
          && Boolean.TRUE.equals(property.getExtensions().get("x-wechatpay-encrypted"));
      if (row.encrypted() != encrypted) {
        problems.add(at + ": page encrypted " + row.encrypted() + ", spec " + encrypted);
      }
      List<String> specEnum = property.getEnum() == null ? List.of() : property.getEnum().stream().map(String::valueOf).toList();
      boolean enumMatches = sharedEnums ? specEnum.containsAll(row.enumValues()) : specEnum.equals(row.enumValues());
      if (!enumMatches) {
        problems.add(at + ": page enum " + row.enumValues() + ", spec " + specEnum);
      }
      if (row.type().startsWith("object")) {
        compare(at, row.children(), row.type().endsWith("[]") ? property.getItems() : property, sharedEnums, problems);
      }
    }
  }

  private static Schema<?> component(String name) {
    return resolver.resolveSchema(spec.getComponents().getSchemas().get(name));
  }

  private static Schema<?> eventResource(String event, List<String> problems) {
    for (String name : spec.getComponents().getSchemas().keySet()) {
      Map<String, Object> extensions = component(name).getExtensions();
      Object events = extensions == null ? null : extensions.get("x-wechatpay-event-types");
      if (events instanceof Collection<?> types && types.contains(event)) {
        return component(name);
      }
    }
    problems.add("no schema is marked x-wechatpay-event-types " + event);
    return new Schema<>();
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static Map<String, Schema<?>> properties(Schema<?> schema) {
    Map properties = schema.getProperties();
    return properties == null ? Map.of() : properties;
  }

  /** The rows of the table whose header line starts with {@code header}, flat, in order. */
  private static List<Row> table(List<String> lines, String header) {
    int start = 0;
    while (start < lines.size() && !lines.get(start).startsWith(header)) {
      start++;
    }
    List<Row> rows = new ArrayList<>();
    for (int i = start + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      String[] cells = CELL_SPLIT.split(lines.get(i), -1);
      Matcher name = NAME_CELL.matcher(cells[1].trim());
      if (cells.length < 4 || !name.matches() || name.group(1).isEmpty()) {
        continue; // the separator before a notification's decrypted resource
      }
      String attributes = Objects.requireNonNullElse(name.group(2), "");
      Matcher indent = INDENT.matcher(attributes);
      String typeCell = cells[2].trim();
      String description = cells[3].trim();
      List<String> enumValues = new ArrayList<>();
      int values = description.indexOf("<br/>");
      if (values >= 0 && description.contains("枚举值")) {
        Matcher value = BACKTICKED.matcher(description.substring(values));
        while (value.find()) {
          enumValues.add(value.group(1));
        }
      }
      rows.add(new Row(name.group(1), indent.find() ? Integer.parseInt(indent.group(1)) : 0,
          attributes.contains("data-required"), typeCell.split("\\s")[0],
          typeCell.contains("by-rsa-pubkey") || description.startsWith("加密的"), List.copyOf(enumValues),
          new ArrayList<>()));
    }
    return rows;
  }

  /** Nests flat rows by indent, starting at {@code base}. */
  private static List<Row> tree(List<Row> rows, int base) {
    List<Row> roots = new ArrayList<>();
    List<Row> stack = new ArrayList<>();
    for (Row row : rows) {
      while (!stack.isEmpty() && stack.get(stack.size() - 1).indent() >= row.indent()) {
        stack.remove(stack.size() - 1);
      }
      (stack.isEmpty() || row.indent() == base ? roots : stack.get(stack.size() - 1).children()).add(row);
      stack.add(row);
    }
    return roots;
  }

  /** The page's sections by HTTP method; a single-operation page is one section. */
  private static Map<String, List<String>> sections(List<String> lines) {
    Map<String, List<String>> sections = new LinkedHashMap<>();
    List<String> current = null;
    for (String line : lines) {
      Matcher heading = SECTION.matcher(line);
      if (heading.matches()) {
        current = new ArrayList<>();
        sections.put(heading.group(1), current);
      } else if (current != null) {
        current.add(line);
      }
    }
    return sections;
  }

  private static List<String> read(String page) {
    try {
      return Files.readAllLines(docs.resolve(page.substring(1)), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError("cannot read doc page " + page, e);
    }
  }

  private static void assumeDocs() {
    assumeTrue(docs != null && Files.isDirectory(docs),
        "WeChat Pay doc pages not found; set -Dwechatpay.docs.dir to the Markdown sources");
  }
}
