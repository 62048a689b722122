package io.github.membercard.wechatpay.paging;

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
   * One answer of a list operation.
   *
   * @param items the page's items; {@code null} reads as none
   * @param totalCount how many items the whole list holds; {@code null} when the answer does not
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
   * Streams every item of a list operation, fetching each page when the stream reaches it.
   *
   * @param pageSize the {@code limit} of each call, at least 1
   * @param unit what the operation's {@code offset} counts
   * @param fetcher calls the operation
   * @param <T> the item type
   * @return every item of every page, in order, fetched as the stream is consumed
   * @throws IllegalArgumentException if {@code pageSize} is below 1
   */
  public static <T> Stream<T> stream(int pageSize, OffsetUnit unit, PageFetcher<T> fetcher) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be at least 1, but is " + pageSize);
    }
    return StreamSupport.stream(new Walk<>(pageSize, unit, fetcher), false);
  }

  private static final class Walk<T> extends Spliterators.AbstractSpliterator<T> {
    private final int pageSize;
    private final OffsetUnit unit;
    private final PageFetcher<T> fetcher;
    private Iterator<T> current = List.<T>of().iterator();
    private int pagesFetched;
    private long itemsFetched;
    private boolean finished;

    Walk(int pageSize, OffsetUnit unit, PageFetcher<T> fetcher) {
      super(Long.MAX_VALUE, Spliterator.ORDERED);
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
      int offset = Math.toIntExact(unit == OffsetUnit.PAGE ? pagesFetched : itemsFetched);
      Page<T> page = fetcher.fetch(offset, pageSize);
      List<T> items = page.items() == null ? List.of() : page.items();
      pagesFetched++;
      itemsFetched += items.size();
      finished =
          items.isEmpty()
              || (page.totalCount() != null && itemsFetched >= page.totalCount().longValue());
      current = items.iterator();
    }
  }
}
