package io.qat4j.runtime.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Moving-average tracking, checked against hand arithmetic. Tolerance 1e-12: three multiply-adds
 * in double on values below 5 err by a few 1e-16.
 */
class MovingAverageTrackerTest {
  private static final double TOLERANCE = 1e-12;

  @Test
  void threeBatchesWithDecayPointNine() {
    RangeTracker t = RangeTracker.movingAverage(0.9);
    t.observe(Nd4j.createFromArray(-1.0, 0.3, 2.0));
    t.observe(Nd4j.createFromArray(-3.0, 4.0));
    // min = 0.9 * -1 + 0.1 * -3 = -1.2; max = 0.9 * 2 + 0.1 * 4 = 2.2
    assertEquals(-1.2, t.min(0), TOLERANCE);
    assertEquals(2.2, t.max(0), TOLERANCE);
    t.observe(Nd4j.createFromArray(1.0, -2.0));
    // min = 0.9 * -1.2 + 0.1 * -2 = -1.28; max = 0.9 * 2.2 + 0.1 * 1 = 2.08
    assertEquals(-1.28, t.min(0), TOLERANCE);
    assertEquals(2.08, t.max(0), TOLERANCE);
  }

  @Test
  void firstBatchInitialisesTheAverage() {
    // Not TFMOT's [-6, 6]: the first batch's range as it is.
    RangeTracker t = RangeTracker.movingAverage(0.9);
    t.observe(Nd4j.createFromArray(-0.5, 0.25));
    assertEquals(-0.5, t.min(0), 0.0);
    assertEquals(0.25, t.max(0), 0.0);
  }

  @Test
  void averagesBatchRangesAlreadyWidenedToZero() {
    // Batch [1, 2] counts as [0, 2]: min = 0.9 * 0 + 0.1 * -1 = -0.1. Averaging the raw minima
    // first would give 0.9 * 1 + 0.1 * -1 = 0.8, widened to 0.
    RangeTracker t = RangeTracker.movingAverage(0.9);
    t.observe(Nd4j.createFromArray(1.0, 2.0));
    t.observe(Nd4j.createFromArray(-1.0, 1.0));
    assertEquals(-0.1, t.min(0), TOLERANCE);
    assertEquals(1.9, t.max(0), TOLERANCE);
  }

  @Test
  void defaultDecayIsTfmots() {
    assertEquals(0.999, RangeTracker.DEFAULT_DECAY, 0.0);
    RangeTracker t = RangeTracker.movingAverage();
    t.observe(Nd4j.createFromArray(-1.0, 1.0));
    t.observe(Nd4j.createFromArray(-2.0, 3.0));
    assertEquals(0.999 * -1 + 0.001 * -2, t.min(0), TOLERANCE);
    assertEquals(0.999 * 1 + 0.001 * 3, t.max(0), TOLERANCE);
  }

  @Test
  void perAxisAveragesEachChannel() {
    RangeTracker t = RangeTracker.movingAveragePerAxis(2, 0.5);
    t.observe(Nd4j.createFromArray(new double[][] {{-1, 1}, {-2, 2}}));
    t.observe(Nd4j.createFromArray(new double[][] {{-3, 3}, {0, 0}}));
    assertEquals(-2, t.min(0), TOLERANCE);
    assertEquals(3 * 0.5 + 1 * 0.5, t.max(0), TOLERANCE);
    assertEquals(-1, t.min(1), TOLERANCE);
    assertEquals(1, t.max(1), TOLERANCE);
  }

  @Test
  void decayOutside0To1IsRejected() {
    assertThrows(IllegalArgumentException.class, () -> RangeTracker.movingAverage(1));
    assertThrows(IllegalArgumentException.class, () -> RangeTracker.movingAverage(-0.1));
    assertThrows(IllegalArgumentException.class, () -> RangeTracker.movingAverage(Double.NaN));
  }
}
