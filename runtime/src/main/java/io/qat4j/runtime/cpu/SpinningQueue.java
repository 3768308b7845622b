package io.qat4j.runtime.cpu;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The work queue of the kernel threads: a thread that finds it empty keeps polling for a short
 * while before it parks. Kernels hand out work every few microseconds (a layer of a one-image
 * int8 inference takes 10 to 100 µs), and waking a parked thread takes about as long as that, so
 * without the spin a helper would often arrive after the work was done.
 */
final class SpinningQueue extends LinkedBlockingQueue<Runnable> {
  private static final long serialVersionUID = 1L;
  /** How long an idle kernel thread spins before it parks. */
  private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

  @Override
  public Runnable take() throws InterruptedException {
    long deadline = System.nanoTime() + SPIN_NANOS;
    do {
      Runnable r = poll();
      if (r != null) {
        return r;
      }
      Thread.onSpinWait();
    } while (System.nanoTime() < deadline);
    return super.take();
  }
}
