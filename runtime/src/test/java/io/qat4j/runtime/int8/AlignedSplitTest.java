package io.qat4j.runtime.int8;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link AlignedSplit}: contiguous ranges covering every item, each starting on the alignment. */
class AlignedSplitTest {
  @ParameterizedTest(name = "{0} items, align {1}, {2} threads: {3} tasks")
  @CsvSource({
      "64, 8, 2, 2",
      "20, 8, 2, 2",
      "20, 8, 3, 3",
      "7, 8, 2, 1",
      "128, 64, 4, 2",
      "10, 1, 4, 4"})
  void rangesAreContiguousAlignedAndCoverEveryItem(int items, int align, int threads,
      int tasks) {
    AlignedSplit split = AlignedSplit.of(items, align, threads);
    assertEquals(tasks, split.tasks());
    assertEquals(0, split.from(0));
    for (int t = 0; t < split.tasks(); t++) {
      assertEquals(0, split.from(t) % align, "task " + t + " starts mid-tile");
      assertEquals(split.to(t), split.from(t + 1));
    }
    assertEquals(items, split.to(split.tasks() - 1));
  }
}
