package io.github.membercard.fake;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.media.Schema;
import java.util.Map;

/**
 * Answers a list operation as one page of a list of a given size: the items the request's offset
 * and limit select, each the item schema's documented example, and the list's size as the total.
 */
final class PagedAnswer {

  /** The page size when a request sends no limit. */
  static final int DEFAULT_LIMIT = 10;

  private PagedAnswer() {}

  static void fill(
      ObjectNode answer, SpecOperation operation, Map<String, String> query, int listSize) {
    SpecOperation.Paging paging = operation.paging();
    Schema<?> item = Schemas.properties(operation.successSchema()).get(paging.items()).getItems();
    long limit = number(query.get(paging.limitParameter()), DEFAULT_LIMIT);
    long offset = number(query.get(paging.offsetParameter()), 0);
    long first = paging.offsetCountsPages() ? offset * limit : offset;
    ArrayNode items = answer.putArray(paging.items());
    for (long index = first; index < Math.min(first + limit, listSize); index++) {
      items.add(DocumentedAnswer.build(item, null, null, Map.of()));
    }
    answer.put(paging.total(), listSize);
  }

  private static long number(String value, long absent) {
    return value == null ? absent : Long.parseLong(value);
  }
}
