package io.qat4j.runtime.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SplitMix64Test {
  @Test
  void matchesTheReferenceSequenceForSeedZero() {
    SplitMix64 r = new SplitMix64(0);
    assertEquals(0xe220a8397b1dcdafL, r.nextLong());
    assertEquals(0x6e789e6aa1b965f4L, r.nextLong());
    assertEquals(0x06c45d188009454fL, r.nextLong());
  }

  @Test
  void nextIntStaysInBounds() {
    SplitMix64 r = new SplitMix64(7);
    for (int bound : new int[] {1, 2, 3, 10, 1000, Integer.MAX_VALUE}) {
      for (int i = 0; i < 1000; i++) {
        int v = r.nextInt(bound);
        assertTrue(v >= 0 && v < bound, v + " not in [0, " + bound + ")");
      }
    }
  }

  @Test
  void nextIntIsRoughlyUniform() {
    SplitMix64 r = new SplitMix64(11);
    int[] counts = new int[10];
    for (int i = 0; i < 100_000; i++) {
      counts[r.nextInt(10)]++;
    }
    for (int c : counts) {
      assertTrue(Math.abs(c - 10_000) < 500, "count " + c + " far from 10000");
    }
  }

  @Test
  void rejectsNonPositiveBound() {
    assertThrows(IllegalArgumentException.class, () -> new SplitMix64(0).nextInt(0));
  }
}
