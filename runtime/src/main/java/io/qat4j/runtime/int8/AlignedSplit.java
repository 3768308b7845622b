package io.qat4j.runtime.int8;

/**
 * {@code items} (output channels, units) cut into {@code tasks} contiguous ranges for the kernel
 * threads, each starting at a multiple of {@code align}: the microkernels' tile, so no tile is
 * shared by two threads.
 */
record AlignedSplit(int items, int align, int tasks) {
  /** At most {@code threads} ranges, fewer when there are fewer aligned groups than threads. */
  static AlignedSplit of(int items, int align, int threads) {
    return new AlignedSplit(items, align, Math.min(threads, groups(items, align)));
  }

  /** How many aligned groups {@code items} make, the last possibly partial. */
  static int groups(int items, int align) {
    return (items + align - 1) / align;
  }

  /** First item of range {@code t}. */
  int from(int t) {
    return Math.min(items, groups(items, align) * t / tasks * align);
  }

  /** One past the last item of range {@code t}. */
  int to(int t) {
    return from(t + 1);
  }
}
