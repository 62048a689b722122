package io.github.membercard.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.media.Schema;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Answers a list operation as one page of a list: the items the request's offset and limit select,
 * each answered through the item schema, and the list's size as the total.
 */
final class PagedResponse {

  /** The page size when a request sends no limit. */
  static final int DEFAULT_LIMIT = 10;

  private PagedResponse() {}

  /** Fills a page of a list of {@code listSize} documented examples. */
  static void fill(
      ObjectNode answer, SpecOperation operation, Map<String, String> query, int listSize) {
    fill(answer, operation, query, Collections.nCopies(listSize, null));
  }

  /**
   * Fills a page of a list of stored items, each answered through the item schema: members an item
   * lacks take the spec's example.
   */
  static void fill(
      ObjectNode answer, SpecOperation operation, Map<String, String> query, List<JsonNode> list) {
    int listSize = list.size();
    SpecOperation.Paging paging = operation.paging();
    Schema<?> item = Schemas.properties(operation.successSchema()).get(paging.items()).getItems();
    long limit = number(query.get(paging.limitParameter()), DEFAULT_LIMIT);
    long offset = number(query.get(paging.offsetParameter()), 0);
    long first = paging.offsetCountsPages() ? offset * limit : offset;
    ArrayNode items = answer.putArray(paging.items());
    for (long index = first; index < Math.min(first + limit, listSize); index++) {
      items.add(DocumentedResponse.build(item, list.get((int) index), null, Map.of()));
    }
    answer.put(paging.total(), listSize);
  }

  private static long number(String value, long absent) {
    return value == null ? absent : Long.parseLong(value);
  }
}
