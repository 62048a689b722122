package io.github.membercard.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.membercard.openapi.drift.DocDrift;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.tags.Tag;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the tables of operations ({@code docs/operations.md}) and notification events (the README)
 * equal to the spec: on a mismatch the failure shows the table to paste between the page's markers.
 */
class ReadmeTablesTest {

  private static OpenAPI spec;
  private static String readme;
  private static String operationsPage;

  @BeforeAll
  static void load() throws IOException {
    spec = new OpenAPIV3Parser().read(DocDrift.packagedSpec());
    readme =
        Files.readString(
            Path.of(System.getProperty("readme", "../README.md")), StandardCharsets.UTF_8);
    operationsPage = Files.readString(Path.of("../docs/operations.md"), StandardCharsets.UTF_8);
  }

  @Test
  void theOperationTableListsEveryOperation() {
    StringBuilder table =
        new StringBuilder(
            "| Java interface and method | HTTP | path | doc page |\n|---|---|---|---|\n");
    for (Tag tag : spec.getTags()) {
      spec.getPaths()
          .forEach(
              (path, item) ->
                  item.readOperationsMap()
                      .forEach(
                          (method, operation) -> {
                            if (operation.getTags().contains(tag.getName())) {
                              table
                                  .append("| `")
                                  .append(tag.getName())
                                  .append("Api.")
                                  .append(operation.getOperationId())
                                  .append("` | ")
                                  .append(method)
                                  .append(" | `")
                                  .append(path)
                                  .append("` | ")
                                  .append(operation.getSummary())
                                  .append(" |\n");
                            }
                          }));
    }
    assertEquals(table.toString(), between(operationsPage, "operations"));
  }

  @Test
  void theEventTableListsEveryNotification() {
    StringBuilder table =
        new StringBuilder("| `event_type` | what happened | resource model |\n|---|---|---|\n");
    Schema<?> eventTypes = spec.getComponents().getSchemas().get("NotificationEventType");
    @SuppressWarnings("unchecked")
    List<String> meanings = (List<String>) eventTypes.getExtensions().get("x-enum-descriptions");
    for (int i = 0; i < eventTypes.getEnum().size(); i++) {
      String eventType = String.valueOf(eventTypes.getEnum().get(i));
      table
          .append("| `")
          .append(eventType)
          .append("` | ")
          .append(meanings.get(i))
          .append(" | `")
          .append(resourceModel(eventType))
          .append("` |\n");
    }
    assertEquals(table.toString(), between(readme, "events"));
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static String resourceModel(String eventType) {
    for (Map.Entry<String, Schema> schema : spec.getComponents().getSchemas().entrySet()) {
      Map<String, Object> extensions = schema.getValue().getExtensions();
      if (extensions != null
          && extensions.get("x-wechatpay-event-types") instanceof List<?> types
          && types.contains(eventType)) {
        return schema.getKey();
      }
    }
    return "JsonNode";
  }

  private static String between(String page, String table) {
    String begin =
        "<!-- " + table + " table: generated from the spec, checked by ReadmeTablesTest -->\n";
    String end = "<!-- end of " + table + " table -->";
    int start = page.indexOf(begin);
    int stop = page.indexOf(end);
    return start < 0 || stop < start
        ? "the page has no " + begin.trim() + " ... " + end
        : page.substring(start + begin.length(), stop);
  }
}
