package io.qat4j.runtime.data;

/**
 * The example order of an epoch: a Fisher-Yates permutation drawn from a generator seeded by
 * {@code (seed, epoch)} alone, so it is the same on every machine and a run resumed at epoch k
 * sees the order an uninterrupted run would.
 */
final class Shuffle {
  private Shuffle() {}

  /** The permutation of {@code 0..n-1} for {@code epoch} under {@code seed}. */
  static int[] permutation(int n, long seed, int epoch) {
    int[] order = identity(n);
    SplitMix64 random = new SplitMix64(epochSeed(seed, epoch));
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  static int[] identity(int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    return order;
  }

  /** Distinct epochs of one seed get unrelated streams. */
  static long epochSeed(long seed, int epoch) {
    return SplitMix64.mix(SplitMix64.mix(seed) ^ (epoch * 0x9e3779b97f4a7c15L));
  }
}
