package io.github.membercard.openapi.drift;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the in-scope pages of a checkout of WeChat Pay's docs: {@code openapi/v3/...md}, one page
 * per URL path with a section per HTTP method, and {@code webhook/v3/EVENT_TYPE.md}, one page per
 * notification event. Pages outside the {@link DocScope} are counted, not read; redirect pages
 * ("Moved to …" with a meta refresh) are counted and skipped; a page it cannot understand stops the
 * reading with a {@link DocPageException} naming it.
 */
public final class DocPages {

  /**
   * One table row, nested under its parent by {@code data-indent}.
   *
   * @param name the field name
   * @param indent its nesting depth
   * @param required whether the page marks it {@code data-required}
   * @param type the documented type: {@code string}, {@code object[]}, …
   * @param encrypted whether the page marks it encrypted
   * @param enumValues the values the description lists, empty if none
   * @param description the description, without its list of values
   * @param children the rows nested under it
   */
  public record Row(
      String name,
      int indent,
      boolean required,
      String type,
      boolean encrypted,
      List<String> enumValues,
      String description,
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
   * @param title the page's (or the section's) title
   * @param request the request table as a tree: path parameters at the top, {@code query}, {@code
   *     headers} and {@code json} rows holding their fields
   * @param response the response table as a tree
   * @param noContent whether the page responses 204 with no content
   * @param examples the values of the page's first PHP sample, by dotted path ({@code
   *     json.valid_date_information.type}, {@code query.card_id}, {@code user_card_code})
   */
  public record Operation(
      String method,
      String path,
      String page,
      String title,
      List<Row> request,
      List<Row> response,
      boolean noContent,
      Map<String, String> examples) {}

  /**
   * One documented notification event.
   *
   * @param eventType the {@code event_type}
   * @param page the page file, relative to the docs directory
   * @param title the page's title
   * @param envelope the notification body's fields
   * @param resource the decrypted resource's fields
   * @param reply the fields of the merchant's answer
   */
  public record Event(
      String eventType,
      String page,
      String title,
      List<Row> envelope,
      List<Row> resource,
      List<Row> reply) {}

  private static final Pattern SECTION =
      Pattern.compile("^#+ (.*?)\\s*\\{#(get|post|patch|put|delete)}\\s*$");
  private static final Pattern CELL_SPLIT = Pattern.compile("(?<!\\\\)\\|");
  private static final Pattern NAME_CELL = Pattern.compile("^(\\S+)\\s*(?:\\{([^}]*)})?$");
  private static final Pattern INDENT = Pattern.compile("data-indent=(\\d+)");
  private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");
  private static final Pattern TITLE = Pattern.compile("^title:\\s*(.*)$");
  private static final Pattern PHP_TOKEN =
      Pattern.compile(
          "'((?:[^'\\\\]|\\\\.)*)'\\s*=>\\s*(\\[|'((?:[^'\\\\]|\\\\.)*)'|(-?\\d+(?:\\.\\d+)?|true|false))|(\\[)|(])");
  private static final Set<String> TYPES =
      Set.of("string", "integer", "number", "boolean", "object");
  private static final int RESOURCE_INDENT = 3;

  private final List<Operation> operations;
  private final List<Event> events;
  private final int compared;
  private final int redirects;
  private final int outside;

  private DocPages(
      List<Operation> operations, List<Event> events, int compared, int redirects, int outside) {
    this.operations = operations;
    this.events = events;
    this.compared = compared;
    this.redirects = redirects;
    this.outside = outside;
  }

  /**
   * Reads the pages under {@code docs} that lie inside {@code scope}.
   *
   * @param docs a docs checkout: the directory holding the {@code openapi/} and {@code webhook/}
   *     page trees
   * @param scope the pages to read
   * @return every operation and event documented on an in-scope page
   * @throws DocPageException if {@code docs} holds neither tree, or an in-scope page cannot be read
   *     or its tables cannot be parsed
   */
  public static DocPages read(Path docs, DocScope scope) {
    if (!Files.isDirectory(docs.resolve("openapi"))
        && !Files.isDirectory(docs.resolve("webhook"))) {
      throw new DocPageException(
          docs.toString(),
          "not a docs checkout: no openapi/ or webhook/ folder (give the folder that holds them)",
          null);
    }
    List<Operation> operations = new ArrayList<>();
    List<Event> events = new ArrayList<>();
    Tally tally = new Tally();
    for (Path file : markdown(docs, "openapi")) {
      String relative = relative(docs, file);
      String path = relative.substring("openapi".length(), relative.length() - ".md".length());
      List<String> lines = tally.toCompare(file, relative, scope.coversPath(path));
      if (lines != null) {
        operations.addAll(new PageReader(relative, lines).operations(path));
      }
    }
    for (Path file : markdown(docs, "webhook")) {
      String relative = relative(docs, file);
      String name = file.getFileName().toString();
      String eventType = name.substring(0, name.length() - ".md".length());
      List<String> lines = tally.toCompare(file, relative, scope.coversEvent(eventType));
      if (lines != null) {
        events.add(new PageReader(relative, lines).event(eventType));
      }
    }
    return new DocPages(
        List.copyOf(operations),
        List.copyOf(events),
        tally.compared,
        tally.redirects,
        tally.outside);
  }

  /**
   * What became of the pages: compared, skipped as redirects, or outside the scope and not read.
   */
  private static final class Tally {
    private int compared;
    private int redirects;
    private int outside;

    /** The page's lines when it is to be compared, else {@code null}; counted either way. */
    List<String> toCompare(Path file, String relative, boolean inScope) {
      if (!inScope) {
        outside++;
        return null;
      }
      List<String> lines = lines(file, relative);
      if (isRedirect(lines)) {
        redirects++;
        return null;
      }
      compared++;
      return lines;
    }
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

  /**
   * Returns how many in-scope pages were read and compared.
   *
   * @return the pages in scope, redirects not counted
   */
  public int compared() {
    return compared;
  }

  /**
   * Returns how many in-scope pages were redirects ("Moved to …"), skipped.
   *
   * @return the redirect pages skipped
   */
  public int redirects() {
    return redirects;
  }

  /**
   * Returns how many pages belong to other products, outside the scope, not read.
   *
   * @return the pages outside the scope
   */
  public int outside() {
    return outside;
  }

  /** A page that only sends the reader elsewhere: front matter "Moved to …" and a meta refresh. */
  private static boolean isRedirect(List<String> lines) {
    if (lines.isEmpty() || !lines.get(0).equals("---")) {
      return false;
    }
    for (int i = 1; i < lines.size() && !lines.get(i).equals("---"); i++) {
      String line = lines.get(i).trim();
      if (line.startsWith("title: Moved to ")
          || line.equals("- http-equiv: refresh")
          || line.equals("http-equiv: refresh")) {
        return true;
      }
    }
    return false;
  }

  private static String relative(Path docs, Path file) {
    return docs.relativize(file).toString().replace('\\', '/');
  }

  private static List<Path> markdown(Path docs, String tree) {
    Path root = docs.resolve(tree);
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(file -> file.toString().endsWith(".md")).sorted().toList();
    } catch (IOException | RuntimeException e) {
      throw new DocPageException(tree + "/", "cannot list the pages: " + e.getMessage(), e);
    }
  }

  private static List<String> lines(Path file, String relative) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      throw new DocPageException(relative, "unreadable: not UTF-8 text", e);
    } catch (IOException e) {
      throw new DocPageException(
          relative, "unreadable: " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
    }
  }

  /** Parses one page, failing with its name and line on anything it does not understand. */
  private static final class PageReader {
    private final String page;
    private final List<String> lines;

    PageReader(String page, List<String> lines) {
      this.page = page;
      this.lines = lines;
    }

    List<Operation> operations(String path) {
      List<Operation> operations = new ArrayList<>();
      List<Integer> starts = new ArrayList<>();
      List<Matcher> headings = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        Matcher heading = SECTION.matcher(lines.get(i));
        if (heading.matches()) {
          starts.add(i);
          headings.add(heading);
        }
      }
      if (starts.isEmpty()) {
        throw fail(0, "no operation heading ({#get}, {#post}, {#patch}, {#put} or {#delete})");
      }
      for (int s = 0; s < starts.size(); s++) {
        int from = starts.get(s) + 1;
        int to = s + 1 < starts.size() ? starts.get(s + 1) : lines.size();
        String heading = headings.get(s).group(1);
        int request = header(from, to, "| 请求参数");
        int response = header(from, to, "| 返回字典");
        List<Row> answer = rows(response, to);
        operations.add(
            new Operation(
                headings.get(s).group(2).toUpperCase(Locale.ROOT),
                path,
                page,
                heading.contains("$frontmatter.title") ? frontMatterTitle() : heading,
                tree(rows(request, to), 0),
                tree(answer, 0),
                answer.isEmpty() && rowsMention(response, to, "无返回内容"),
                examples(from, to)));
      }
      return operations;
    }

    Event event(String eventType) {
      int request = header(0, lines.size(), "| 请求参数");
      int reply = header(0, lines.size(), "| 应答规范");
      List<Row> rows = rows(request, lines.size());
      List<Row> envelope = child(tree(rows, 0), "body", request);
      List<Row> resource =
          tree(
              rows.stream().filter(row -> row.indent() >= RESOURCE_INDENT).toList(),
              RESOURCE_INDENT);
      return new Event(
          eventType,
          page,
          frontMatterTitle(),
          envelope,
          resource,
          child(tree(rows(reply, lines.size()), 0), "body", reply));
    }

    private int header(int from, int to, String header) {
      for (int i = from; i < to; i++) {
        if (lines.get(i).startsWith(header)) {
          return i;
        }
      }
      throw fail(from, "no table headed " + header.substring(2) + " in this section");
    }

    private boolean rowsMention(int header, int to, String text) {
      for (int i = header + 2; i < to && lines.get(i).startsWith("|"); i++) {
        if (lines.get(i).contains(text)) {
          return true;
        }
      }
      return false;
    }

    /** The rows of the table at {@code header}, flat, in order. */
    private List<Row> rows(int header, int to) {
      if (header + 1 >= to || !lines.get(header + 1).replace(" ", "").startsWith("|---|---|---")) {
        throw fail(header + 1, "the table has no | --- | --- | --- line under its header");
      }
      List<Row> rows = new ArrayList<>();
      boolean separated = false;
      for (int i = header + 2; i < to && lines.get(i).startsWith("|"); i++) {
        String[] cells = CELL_SPLIT.split(lines.get(i), -1);
        String first = cells.length < 2 ? "" : cells[1].trim();
        if (first.contains("colspan=3")) {
          separated = true; // the separator before a notification's resource, or an empty response
          continue;
        }
        Matcher name = NAME_CELL.matcher(first);
        if (cells.length < 4 || !name.matches()) {
          throw fail(
              i, "a row that is not | name {attributes} | type | description: " + lines.get(i));
        }
        String attributes = Objects.requireNonNullElse(name.group(2), "");
        Matcher indent = INDENT.matcher(attributes);
        String typeCell = cells[2].trim();
        String type = typeCell.split("\\s")[0];
        if (!TYPES.contains(type.replace("[]", ""))) {
          throw fail(i, "unknown type '" + type + "' of " + name.group(1));
        }
        String description = cells[3].trim();
        int depth = indent.find() ? Integer.parseInt(indent.group(1)) : 0;
        Row previous = rows.isEmpty() || separated ? null : rows.get(rows.size() - 1);
        if (previous == null
            ? depth > 0 && !separated
            : depth > previous.indent()
                && (depth > previous.indent() + 1 || !previous.isObject())) {
          throw fail(
              i, name.group(1) + " is nested (data-indent=" + depth + ") under no object row");
        }
        separated = false;
        int br = description.indexOf("<br/>");
        rows.add(
            new Row(
                name.group(1),
                depth,
                attributes.contains("data-required"),
                type,
                typeCell.contains("by-rsa-pubkey") || description.startsWith("加密的"),
                enumValues(description),
                (br < 0 ? description : description.substring(0, br)).trim(),
                new ArrayList<>()));
      }
      return rows;
    }

    /** The values of the section's first PHP sample, by dotted path. */
    private Map<String, String> examples(int from, int to) {
      int start = from;
      while (start < to && !lines.get(start).startsWith("```php")) {
        start++;
      }
      StringBuilder sample = new StringBuilder();
      for (int i = start + 1; i < to && !lines.get(i).startsWith("```"); i++) {
        sample.append(lines.get(i)).append('\n');
      }
      Map<String, String> examples = new LinkedHashMap<>();
      List<String> keys = new ArrayList<>();
      Matcher token = PHP_TOKEN.matcher(sample);
      while (token.find()) {
        if (token.group(6) != null) {
          if (!keys.isEmpty()) {
            keys.remove(keys.size() - 1);
          }
        } else if (token.group(5) != null) {
          keys.add("");
        } else if ("[".equals(token.group(2))) {
          keys.add(token.group(1));
        } else {
          String at = String.join(".", keys.stream().filter(k -> !k.isEmpty()).toList());
          String value =
              token.group(3) != null ? token.group(3).replace("\\'", "'") : token.group(4);
          examples.putIfAbsent((at.isEmpty() ? "" : at + ".") + token.group(1), value);
        }
      }
      return Map.copyOf(examples);
    }

    private String frontMatterTitle() {
      for (int i = 1; i < lines.size() && !lines.get(i).equals("---"); i++) {
        Matcher title = TITLE.matcher(lines.get(i));
        if (title.matches()) {
          return title.group(1).trim();
        }
      }
      return "";
    }

    private List<Row> child(List<Row> rows, String name, int header) {
      return rows.stream()
          .filter(row -> row.name().equals(name))
          .findFirst()
          .map(Row::children)
          .orElseThrow(() -> fail(header, "the table has no " + name + " row"));
    }

    private DocPageException fail(int line, String problem) {
      return new DocPageException(page, "line " + (line + 1) + ": " + problem, null);
    }
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
