package io.qat4j.runtime.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** The shared kernel threads: every task once, failures passed on, nesting runs inline. */
class ParallelTest {

  @Test
  void everyTaskRunsExactlyOnce() {
    for (int tasks : new int[] {0, 1, 2, 7, 1000}) {
      AtomicIntegerArray runs = new AtomicIntegerArray(Math.max(tasks, 1));
      Parallel.forEach(tasks, (i, worker) -> {
        assertTrue(worker >= 0 && worker < Parallel.threadCount(), "worker " + worker);
        runs.incrementAndGet(i);
      });
      for (int i = 0; i < tasks; i++) {
        assertEquals(1, runs.get(i), "task " + i + " of " + tasks);
      }
    }
  }

  @Test
  void aFailingTaskFailsTheCallAfterTheOthersFinish() {
    AtomicInteger finished = new AtomicInteger();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Parallel.forEach(50, (i, worker) -> {
          if (i == 10) {
            throw new IllegalStateException("task 10");
          }
          finished.incrementAndGet();
        }));
    assertEquals("task 10", e.getMessage());
    // Tasks handed out after the failure are skipped; none is still running.
    int seen = finished.get();
    assertEquals(seen, finished.get());
  }

  @Test
  void nestedCallsRunOnTheCallingThread() {
    int[] sums = new int[4];
    Parallel.forEach(4, (i, worker) -> {
      Thread outer = Thread.currentThread();
      Parallel.forEach(5, (j, inner) -> {
        assertSame(outer, Thread.currentThread());
        sums[i] += j;
      });
    });
    assertArrayEquals(new int[] {10, 10, 10, 10}, sums);
  }

  @Test
  void chunksCoverTheItems() {
    assertEquals(0, Parallel.chunks(0, 8));
    assertEquals(1, Parallel.chunks(8, 8));
    assertEquals(2, Parallel.chunks(9, 8));
  }
}
