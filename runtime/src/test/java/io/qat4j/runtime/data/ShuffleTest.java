package io.qat4j.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ShuffleTest {
  @Test
  void isAPermutation() {
    int[] order = Shuffle.permutation(1000, 5, 0);
    int[] sorted = order.clone();
    Arrays.sort(sorted);
    assertArrayEquals(Shuffle.identity(1000), sorted);
  }

  @Test
  void sameSeedAndEpochSameOrder() {
    assertArrayEquals(Shuffle.permutation(500, 42, 3), Shuffle.permutation(500, 42, 3));
  }

  @Test
  void differentEpochsDifferentOrders() {
    assertFalse(Arrays.equals(Shuffle.permutation(500, 42, 0), Shuffle.permutation(500, 42, 1)));
  }

  @Test
  void differentSeedsDifferentOrders() {
    assertFalse(Arrays.equals(Shuffle.permutation(500, 1, 0), Shuffle.permutation(500, 2, 0)));
  }

  @Test
  void actuallyShuffles() {
    assertFalse(Arrays.equals(Shuffle.identity(500), Shuffle.permutation(500, 0, 0)));
  }

  @Test
  void pinnedOrderIsTheSameOnEveryMachine() {
    // Pinned: changing the generator or the epoch seeding would change every run's batches.
    assertArrayEquals(PINNED_SEED_42_EPOCH_0, Shuffle.permutation(10, 42, 0));
    assertArrayEquals(PINNED_SEED_42_EPOCH_1, Shuffle.permutation(10, 42, 1));
  }

  @Test
  void smallSizes() {
    assertArrayEquals(new int[0], Shuffle.permutation(0, 1, 0));
    assertArrayEquals(new int[] {0}, Shuffle.permutation(1, 1, 0));
  }

  // Computed independently from the SplitMix64 reference, not copied from this code's output.
  private static final int[] PINNED_SEED_42_EPOCH_0 = {2, 8, 9, 7, 1, 4, 6, 0, 5, 3};
  private static final int[] PINNED_SEED_42_EPOCH_1 = {8, 2, 1, 5, 0, 9, 4, 6, 3, 7};
}
