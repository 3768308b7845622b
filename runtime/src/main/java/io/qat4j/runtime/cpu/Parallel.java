package io.qat4j.runtime.cpu;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The threads qat4j's CPU kernels share: {@code qat4j.threads} of them (system property, default
 * the number of available processors), the calling thread included.
 *
 * <p>A kernel splits its work into a fixed number of tasks that does not depend on the thread
 * count, and each task's result depends only on its index, so results are bit-identical from run
 * to run and for any thread count: reductions across tasks are summed afterwards in task order.
 * Tasks are handed out dynamically, which keeps both cores busy when another process takes
 * one of them for a while.
 *
 * <p>A kernel called from inside a task runs its tasks sequentially on that thread.
 */
public final class Parallel {
  private static final int THREADS = threads();
  private static final ExecutorService POOL =
      THREADS <= 1
          ? null
          : new ThreadPoolExecutor(THREADS - 1, THREADS - 1, 0, TimeUnit.MILLISECONDS,
              new SpinningQueue(),
              r -> {
                Thread t = new Thread(r, "qat4j-kernel");
                t.setDaemon(true);
                return t;
              });
  private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> false);

  static {
    limitNd4jThreads();
  }

  private Parallel() {}

  /** A unit of work: task {@code index}, run by worker {@code worker} in [0, {@link #threads()}). */
  @FunctionalInterface
  public interface Task {
    /** Runs one task. */
    void run(int index, int worker);
  }

  /** How many threads kernels use, the calling thread included. */
  public static int threadCount() {
    return THREADS;
  }

  /**
   * Runs {@code task} for every index in {@code [0, tasks)} and returns when all have finished.
   * The calling thread takes part as worker 0. The first exception a task throws is rethrown
   * (after every started task has finished).
   */
  public static void forEach(int tasks, Task task) {
    if (tasks <= 0) {
      return;
    }
    int helpers = Math.min(THREADS, tasks) - 1;
    if (helpers <= 0 || INSIDE.get()) {
      for (int i = 0; i < tasks; i++) {
        task.run(i, 0);
      }
      return;
    }
    Job job = new Job(tasks, task, Thread.currentThread());
    for (int h = 1; h <= helpers; h++) {
      int worker = h;
      POOL.execute(() -> job.work(worker));
    }
    job.work(0);
    job.await();
  }

  /** Number of tasks of {@code chunk} items each that cover {@code items}. */
  public static int chunks(long items, long chunk) {
    return Math.toIntExact((items + chunk - 1) / chunk);
  }

  /**
   * Limits libnd4j to {@code qat4j.nd4jThreads} threads (system property, default 1; 0 leaves
   * libnd4j's own setting), through {@code Environment.setMaxThreads} and {@code
   * setMaxMasterThreads}, as {@code OMP_NUM_THREADS=1} would. What still runs in libnd4j is small,
   * and its worker threads, which wait for work by spinning, took cores from these kernels: a
   * FashionCnn training step took 41 ms with libnd4j's default of one thread per core and 30 ms
   * with one thread in all.
   */
  private static void limitNd4jThreads() {
    String value = System.getProperty("qat4j.nd4jThreads");
    int n = 1;
    if (value != null && !value.isBlank()) {
      n = Integer.parseInt(value.trim());
    }
    if (n > 0) {
      org.nd4j.linalg.factory.Environment env = org.nd4j.linalg.factory.Nd4j.getEnvironment();
      env.setMaxThreads(n);
      env.setMaxMasterThreads(n);
    }
  }

  private static int threads() {
    String value = System.getProperty("qat4j.threads");
    int n = Runtime.getRuntime().availableProcessors();
    if (value != null && !value.isBlank()) {
      try {
        n = Integer.parseInt(value.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("qat4j.threads must be a positive integer, got "
            + value, e);
      }
    }
    return Math.max(1, n);
  }

  /** One call of {@link #forEach}. */
  private static final class Job {
    private final int tasks;
    private final Task task;
    private final Thread caller;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger unfinished;
    private volatile Throwable failure;

    Job(int tasks, Task task, Thread caller) {
      this.tasks = tasks;
      this.task = task;
      this.caller = caller;
      this.unfinished = new AtomicInteger(tasks);
    }

    void work(int worker) {
      boolean wasInside = INSIDE.get();
      INSIDE.set(true);
      try {
        int i;
        while ((i = next.getAndIncrement()) < tasks) {
          try {
            if (failure == null) {
              task.run(i, worker);
            }
          } catch (Throwable t) {
            if (failure == null) {
              failure = t;
            }
          } finally {
            if (unfinished.decrementAndGet() == 0) {
              LockSupport.unpark(caller);
            }
          }
        }
      } finally {
        INSIDE.set(wasInside);
      }
    }

    void await() {
      for (int spin = 0; unfinished.get() > 0 && spin < 2000; spin++) {
        Thread.onSpinWait();
      }
      while (unfinished.get() > 0) {
        LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(1));
      }
      Throwable t = failure;
      if (t instanceof RuntimeException e) {
        throw e;
      }
      if (t instanceof Error e) {
        throw e;
      }
      if (t != null) {
        throw new IllegalStateException(t);
      }
    }
  }
}
