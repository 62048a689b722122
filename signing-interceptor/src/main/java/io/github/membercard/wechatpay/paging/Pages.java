package io.github.membercard.wechatpay.paging;

import io.github.membercard.wechatpay.WechatPayRequestException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Walks a list operation page by page, lazily: the next page is fetched only when the stream
 * reaches it, and the walk stops after {@code total_count} items or at an empty page, whichever
 * comes first. Generated {@code list…Stream} methods use it for the operations the spec marks
 * {@code x-wechatpay-paging}.
 */
public final class Pages {

  /** What a list operation's {@code offset} counts, as its doc page defines it. */
  public enum OffsetUnit {
    /** {@code offset} is a page index, from 0 (分页页码). */
    PAGE,
    /** {@code offset} is the index of the first item, from 0 (请求资源起始位置). */
    ITEM
  }

  /**
   * One response of a list operation.
   *
   * @param items the page's items; {@code null} reads as none
   * @param totalCount how many items the whole list holds; {@code null} when the response does not
   *     say
   * @param <T> the item type
   */
  public record Page<T>(List<T> items, Number totalCount) {}

  /**
   * Calls a list operation for one page.
   *
   * @param <T> the item type
   */
  @FunctionalInterface
  public interface PageFetcher<T> {
    /**
     * Calls the list operation for the page at {@code offset}.
     *
     * @param offset the {@code offset} to send, in the operation's {@link OffsetUnit}
     * @param limit the {@code limit} to send
     * @return the page
     */
    Page<T> fetch(int offset, int limit);
  }

  private Pages() {}

  /**
   * Streams every item of a list operation from a first offset on, fetching each page when the
   * stream reaches it.
   *
   * @param operation the list operation, named in a failure
   * @param firstOffset the {@code offset} of the first call, at least 0; {@code null} starts at the
   *     beginning
   * @param pageSize the {@code limit} of each call, at least 1
   * @param unit what the operation's {@code offset} counts
   * @param fetcher calls the operation
   * @param <T> the item type
   * @return every item of every page, in order, fetched as the stream is consumed
   * @throws WechatPayRequestException if {@code firstOffset} is negative, or {@code pageSize}
   *     missing or below 1
   */
  public static <T> Stream<T> stream(
      String operation,
      Integer firstOffset,
      Integer pageSize,
      OffsetUnit unit,
      PageFetcher<T> fetcher) {
    List<String> problems = new ArrayList<>();
    if (firstOffset != null && firstOffset < 0) {
      problems.add("offset (query): below 0");
    }
    if (pageSize == null) {
      problems.add("limit (query): missing, and a stream takes its page size from it");
    } else if (pageSize < 1) {
      problems.add("limit (query): below 1, so no page could hold an item");
    }
    if (!problems.isEmpty()) {
      throw new WechatPayRequestException(operation, problems);
    }
    return StreamSupport.stream(
        new Walk<>(firstOffset == null ? 0 : firstOffset, pageSize, unit, fetcher), false);
  }

  private static final class Walk<T> extends Spliterators.AbstractSpliterator<T> {
    private final int firstOffset;
    private final long itemsSkipped;
    private final int pageSize;
    private final OffsetUnit unit;
    private final PageFetcher<T> fetcher;
    private Iterator<T> current = List.<T>of().iterator();
    private int pagesFetched;
    private long itemsFetched;
    private boolean finished;

    Walk(int firstOffset, int pageSize, OffsetUnit unit, PageFetcher<T> fetcher) {
      super(Long.MAX_VALUE, Spliterator.ORDERED);
      this.firstOffset = firstOffset;
      this.itemsSkipped = unit == OffsetUnit.PAGE ? (long) firstOffset * pageSize : firstOffset;
      this.pageSize = pageSize;
      this.unit = unit;
      this.fetcher = fetcher;
    }

    @Override
    public boolean tryAdvance(Consumer<? super T> action) {
      while (!current.hasNext()) {
        if (finished) {
          return false;
        }
        fetchNextPage();
      }
      action.accept(current.next());
      return true;
    }

    private void fetchNextPage() {
      int offset =
          Math.toIntExact(firstOffset + (unit == OffsetUnit.PAGE ? pagesFetched : itemsFetched));
      Page<T> page = fetcher.fetch(offset, pageSize);
      List<T> items = page.items() == null ? List.of() : page.items();
      pagesFetched++;
      itemsFetched += items.size();
      finished =
          items.isEmpty()
              || (page.totalCount() != null
                  && itemsSkipped + itemsFetched >= page.totalCount().longValue());
      current = items.iterator();
    }
  }
}
