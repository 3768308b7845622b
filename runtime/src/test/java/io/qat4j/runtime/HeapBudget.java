package io.qat4j.runtime;

import java.lang.management.ManagementFactory;

/**
 * Measures the heap a piece of code allocates on the current thread, so that a test can require a
 * loader to allocate no more than its input justifies.
 *
 * <p>A length field that escapes its check shows up as an allocation of the declared size. Waiting
 * for an {@link OutOfMemoryError} would miss most of those: the surefire JVMs run with the default
 * heap, a quarter of the machine's memory, so a hostile 500 MB array simply succeeds.
 */
public final class HeapBudget {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private HeapBudget() {}

  /** Code that may throw anything; the budget is checked whether it returns or throws. */
  @FunctionalInterface
  public interface Action {
    void run() throws Exception;
  }

  /**
   * Runs {@code action}, then fails with an {@link AssertionError} if it allocated more than
   * {@code limit} bytes of heap on this thread; whatever {@code action} threw is rethrown when
   * the budget holds.
   */
  public static void run(long limit, String what, Action action) throws Exception {
    long before = THREADS.getCurrentThreadAllocatedBytes();
    Exception thrown = null;
    try {
      action.run();
    } catch (Exception e) {
      thrown = e;
    }
    long used = THREADS.getCurrentThreadAllocatedBytes() - before;
    if (used > limit) {
      throw new AssertionError(what + " allocated " + used + " bytes of heap, more than its"
          + " budget of " + limit, thrown);
    }
    if (thrown != null) {
      throw thrown;
    }
  }
}
