package io.github.membercard.openapi.drift;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads WeChat Pay's Markdown doc pages: {@code openapi/v3/...md}, one page per URL path with a
 * section per HTTP method, and {@code webhook/v3/EVENT_TYPE.md}, one page per notification event.
 */
public final class DocPages {

  /**
   * One table row, nested under its parent by {@code data-indent}.
   *
   * @param name the field's name
   * @param indent the row's {@code data-indent}, 0 for a top-level field
   * @param required whether the row is marked {@code data-required}
   * @param type the documented type, such as {@code string} or {@code object[]}
   * @param encrypted whether the field travels RSA-encrypted
   * @param enumValues the values the description lists, in its order; empty if it lists none
   * @param children the rows nested under this one
   */
  public record Row(
      String name,
      int indent,
      boolean required,
      String type,
      boolean encrypted,
      List<String> enumValues,
      List<Row> children) {

    /**
     * Tells whether the row's documented type is {@code object} or {@code object[]}, so its child
     * rows are compared as its fields.
     *
     * @return whether the row is an object or an array of objects, whose children are its fields
     */
    public boolean isObject() {
      return type.startsWith("object");
    }
  }

  /**
   * One documented operation.
   *
   * @param method the HTTP method, upper case
   * @param path the URL path template
   * @param page the page file, relative to the docs directory
   * @param request the request table as a tree: path parameters at the top, {@code query}, {@code
   *     headers} and {@code json} rows holding their fields
   * @param response the answer table as a tree
   * @param noContent whether the page answers 204 with no content
   */
  public record Operation(
      String method,
      String path,
      String page,
      List<Row> request,
      List<Row> response,
      boolean noContent) {}

  /**
   * One documented notification event.
   *
   * @param eventType the {@code event_type}
   * @param page the page file, relative to the docs directory
   * @param envelope the notification body's fields
   * @param resource the decrypted resource's fields
   * @param reply the fields of the merchant's answer
   */
  public record Event(
      String eventType, String page, List<Row> envelope, List<Row> resource, List<Row> reply) {}

  private static final Pattern SECTION =
      Pattern.compile("^#+ .*\\{#(get|post|patch|put|delete)}\\s*$");
  private static final Pattern CELL_SPLIT = Pattern.compile("(?<!\\\\)\\|");
  private static final Pattern NAME_CELL = Pattern.compile("^(\\S*)\\s*(?:\\{([^}]*)})?$");
  private static final Pattern INDENT = Pattern.compile("data-indent=(\\d+)");
  private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");
  private static final int RESOURCE_INDENT = 3;

  private final List<Operation> operations;
  private final List<Event> events;

  private DocPages(List<Operation> operations, List<Event> events) {
    this.operations = operations;
    this.events = events;
  }

  /**
   * Reads every Markdown page under {@code docs}; a missing {@code openapi/} or {@code webhook/}
   * tree adds nothing.
   *
   * @param docs a directory holding {@code openapi/} and {@code webhook/} page trees
   * @return every operation and event documented there
   * @throws UncheckedIOException if a page cannot be read
   */
  public static DocPages read(Path docs) {
    List<Operation> operations = new ArrayList<>();
    for (Path page : markdown(docs.resolve("openapi"))) {
      String relative = docs.relativize(page).toString().replace('\\', '/');
      String path = relative.substring("openapi".length(), relative.length() - ".md".length());
      sections(lines(page))
          .forEach(
              section ->
                  operations.add(
                      new Operation(
                          section.method,
                          path,
                          relative,
                          tree(table(section.lines, "| 请求参数"), 0),
                          tree(table(section.lines, "| 返回字典"), 0),
                          section.lines.stream()
                              .anyMatch(line -> line.startsWith("|") && line.contains("无返回内容")))));
    }
    List<Event> events = new ArrayList<>();
    for (Path page : markdown(docs.resolve("webhook"))) {
      List<String> lines = lines(page);
      List<Row> request = table(lines, "| 请求参数");
      List<Row> envelope = child(tree(request, 0), "body");
      List<Row> resource =
          tree(
              request.stream().filter(row -> row.indent() >= RESOURCE_INDENT).toList(),
              RESOURCE_INDENT);
      String file = page.getFileName().toString();
      events.add(
          new Event(
              file.substring(0, file.length() - ".md".length()),
              docs.relativize(page).toString().replace('\\', '/'),
              envelope,
              resource,
              child(tree(table(lines, "| 应答规范"), 0), "body")));
    }
    return new DocPages(List.copyOf(operations), List.copyOf(events));
  }

  /**
   * Returns the operations read, pages sorted by file path and each page's sections in their order.
   *
   * @return the documented operations, by page and section order
   */
  public List<Operation> operations() {
    return operations;
  }

  /**
   * Returns the notification events read, one per {@code webhook/} page, sorted by file path.
   *
   * @return the documented notification events
   */
  public List<Event> events() {
    return events;
  }

  private record Section(String method, List<String> lines) {}

  private static List<Row> child(List<Row> rows, String name) {
    return rows.stream()
        .filter(row -> row.name().equals(name))
        .findFirst()
        .map(Row::children)
        .orElse(List.of());
  }

  private static List<Path> markdown(Path root) {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(file -> file.toString().endsWith(".md")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the doc pages under " + root, e);
    }
  }

  private static List<String> lines(Path page) {
    try {
      return Files.readAllLines(page, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the doc page " + page, e);
    }
  }

  /** The page's sections by HTTP method; a single-operation page is one section. */
  private static List<Section> sections(List<String> lines) {
    List<Section> sections = new ArrayList<>();
    for (String line : lines) {
      Matcher heading = SECTION.matcher(line);
      if (heading.matches()) {
        sections.add(new Section(heading.group(1).toUpperCase(Locale.ROOT), new ArrayList<>()));
      } else if (!sections.isEmpty()) {
        sections.get(sections.size() - 1).lines().add(line);
      }
    }
    return sections;
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
      Matcher name = cells.length < 4 ? null : NAME_CELL.matcher(cells[1].trim());
      if (name == null || !name.matches() || name.group(1).isEmpty()) {
        continue; // the separator before a notification's decrypted resource, or an empty answer
      }
      String attributes = Objects.requireNonNullElse(name.group(2), "");
      Matcher indent = INDENT.matcher(attributes);
      String typeCell = cells[2].trim();
      String description = cells[3].trim();
      rows.add(
          new Row(
              name.group(1),
              indent.find() ? Integer.parseInt(indent.group(1)) : 0,
              attributes.contains("data-required"),
              typeCell.split("\\s")[0],
              typeCell.contains("by-rsa-pubkey") || description.startsWith("加密的"),
              enumValues(description),
              new ArrayList<>()));
    }
    return rows;
  }

  /** The backticked values after the line break of a description that ends in 枚举值(之一). */
  private static List<String> enumValues(String description) {
    int values = description.indexOf("<br/>");
    if (values < 0 || !description.contains("枚举值")) {
      return List.of();
    }
    List<String> enumValues = new ArrayList<>();
    Matcher value = BACKTICKED.matcher(description.substring(values));
    while (value.find()) {
      enumValues.add(value.group(1));
    }
    return List.copyOf(enumValues);
  }

  /** Nests flat rows by indent, starting at {@code base}. */
  private static List<Row> tree(List<Row> rows, int base) {
    List<Row> roots = new ArrayList<>();
    List<Row> stack = new ArrayList<>();
    for (Row row : rows) {
      while (!stack.isEmpty() && stack.get(stack.size() - 1).indent() >= row.indent()) {
        stack.remove(stack.size() - 1);
      }
      (stack.isEmpty() || row.indent() == base ? roots : stack.get(stack.size() - 1).children())
          .add(row);
      stack.add(row);
    }
    return roots;
  }
}
