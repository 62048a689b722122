package io.github.membercard.wechatpay.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.membercard.wechatpay.WechatPayRequestException;
import io.github.membercard.wechatpay.paging.Pages.OffsetUnit;
import io.github.membercard.wechatpay.paging.Pages.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PagesTest {

  /**
   * A list of {@code size} numbered items, answering like a list operation, recording each call's
   * offset.
   */
  private static final class NumberedList implements Pages.PageFetcher<Integer> {
    private final int size;
    private final OffsetUnit unit;
    private final Integer reportedTotal;
    final List<Integer> offsets = new ArrayList<>();

    NumberedList(int size, OffsetUnit unit, Integer reportedTotal) {
      this.size = size;
      this.unit = unit;
      this.reportedTotal = reportedTotal;
    }

    @Override
    public Page<Integer> fetch(int offset, int limit) {
      offsets.add(offset);
      int first = unit == OffsetUnit.PAGE ? offset * limit : offset;
      List<Integer> items = IntStream.range(first, Math.min(first + limit, size)).boxed().toList();
      return new Page<>(items, reportedTotal);
    }
  }

  @Test
  void walksItemOffsetsUntilTheTotal() {
    NumberedList list = new NumberedList(7, OffsetUnit.ITEM, 7);

    assertEquals(
        List.of(0, 1, 2, 3, 4, 5, 6), Pages.stream("list", 0, 3, OffsetUnit.ITEM, list).toList());
    assertEquals(List.of(0, 3, 6), list.offsets);
  }

  @Test
  void walksPageIndexesUntilTheTotal() {
    NumberedList list = new NumberedList(6, OffsetUnit.PAGE, 6);

    assertEquals(
        List.of(0, 1, 2, 3, 4, 5), Pages.stream("list", 0, 2, OffsetUnit.PAGE, list).toList());
    assertEquals(List.of(0, 1, 2), list.offsets, "no fourth call once total_count items were read");
  }

  @Test
  void stopsAtAnEmptyPageWhenTheTotalIsMissingOrWrong() {
    NumberedList unknownTotal = new NumberedList(4, OffsetUnit.ITEM, null);
    assertEquals(
        List.of(0, 1, 2, 3), Pages.stream("list", 0, 3, OffsetUnit.ITEM, unknownTotal).toList());
    assertEquals(
        List.of(0, 3, 4), unknownTotal.offsets, "the next offset follows the items received");

    NumberedList overstated = new NumberedList(2, OffsetUnit.PAGE, 100);
    assertEquals(List.of(0, 1), Pages.stream("list", 0, 5, OffsetUnit.PAGE, overstated).toList());
    assertEquals(List.of(0, 1), overstated.offsets);
  }

  @Test
  void fetchesOnlyThePagesTheStreamReaches() {
    NumberedList list = new NumberedList(100, OffsetUnit.ITEM, 100);

    assertEquals(
        "0,1,2,3",
        Pages.stream("list", 0, 3, OffsetUnit.ITEM, list)
            .limit(4)
            .map(String::valueOf)
            .collect(Collectors.joining(",")));
    assertEquals(List.of(0, 3), list.offsets);
  }

  @Test
  void anEmptyListIsOneCall() {
    NumberedList empty = new NumberedList(0, OffsetUnit.PAGE, 0);

    assertEquals(List.of(), Pages.stream("list", 0, 10, OffsetUnit.PAGE, empty).toList());
    assertEquals(List.of(0), empty.offsets);
  }

  @Test
  void aFailedCallSurfacesFromTheTerminalOperation() {
    Pages.PageFetcher<Integer> failing =
        (offset, limit) -> {
          throw new IllegalStateException("call " + offset + " failed");
        };

    assertEquals(
        "call 0 failed",
        assertThrows(
                IllegalStateException.class,
                () -> Pages.stream("list", 0, 3, OffsetUnit.ITEM, failing).toList())
            .getMessage());
  }

  @Test
  void refusesAPageSizeBelowOneAndANegativeOffsetNamingBoth() {
    WechatPayRequestException refused =
        assertThrows(
            WechatPayRequestException.class,
            () ->
                Pages.stream(
                    "listThings", -1, 0, OffsetUnit.ITEM, new NumberedList(1, OffsetUnit.ITEM, 1)));
    assertEquals(
        List.of("offset (query): below 0", "limit (query): below 1, so no page could hold an item"),
        refused.members());
  }

  @Test
  void anUnsetOffsetStartsAtTheBeginningAndAnUnsetLimitIsRefused() {
    assertEquals(
        List.of(0, 1, 2),
        Pages.stream("list", null, 2, OffsetUnit.ITEM, new NumberedList(3, OffsetUnit.ITEM, 3))
            .toList());
    assertEquals(
        List.of("limit (query): missing, and a stream takes its page size from it"),
        assertThrows(
                WechatPayRequestException.class,
                () ->
                    Pages.stream(
                        "list", 0, null, OffsetUnit.ITEM, new NumberedList(1, OffsetUnit.ITEM, 1)))
            .members());
  }

  @Test
  void startsAtTheFirstOffsetAndStopsAtTheTotalCountedFromTheStart() {
    NumberedList byItem = new NumberedList(7, OffsetUnit.ITEM, 7);
    assertEquals(List.of(4, 5, 6), Pages.stream("list", 4, 2, OffsetUnit.ITEM, byItem).toList());
    assertEquals(List.of(4, 6), byItem.offsets, "no call past the total");

    NumberedList byPage = new NumberedList(7, OffsetUnit.PAGE, 7);
    assertEquals(List.of(4, 5, 6), Pages.stream("list", 2, 2, OffsetUnit.PAGE, byPage).toList());
    assertEquals(List.of(2, 3), byPage.offsets, "no call past the total");
  }
}
