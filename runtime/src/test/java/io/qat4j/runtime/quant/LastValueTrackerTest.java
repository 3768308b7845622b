package io.qat4j.runtime.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Last-value tracking. Batch minima and maxima are copied, so comparisons are exact. */
class LastValueTrackerTest {
  @Test
  void noRangeBeforeTheFirstBatch() {
    RangeTracker t = RangeTracker.lastValue();
    assertFalse(t.hasRange());
    assertTrue(Double.isNaN(t.min(0)));
  }

  @Test
  void followsTheLatestBatch() {
    RangeTracker t = RangeTracker.lastValue();
    t.observe(Nd4j.createFromArray(-3.0, 5.0));
    t.observe(Nd4j.createFromArray(-0.5, 0.25, 0.1));
    assertTrue(t.hasRange());
    assertEquals(-0.5, t.min(0), 0.0);
    assertEquals(0.25, t.max(0), 0.0);
  }

  @Test
  void rangesAreWidenedToContainZero() {
    RangeTracker t = RangeTracker.lastValue();
    t.observe(Nd4j.createFromArray(0.5, 2.0));
    assertEquals(0.0, t.min(0), 0.0);
    assertEquals(2.0, t.max(0), 0.0);
    t.observe(Nd4j.createFromArray(-2.0, -0.5));
    assertEquals(-2.0, t.min(0), 0.0);
    assertEquals(0.0, t.max(0), 0.0);
  }

  @Test
  void perAxisTracksEachIndexOfAxisZero() {
    RangeTracker t = RangeTracker.lastValuePerAxis(3);
    INDArray w =
        Nd4j.createFromArray(new float[][] {{-1f, 2f}, {0.5f, 0.75f}, {-4f, -3f}})
            .reshape(3, 1, 2, 1);
    t.observe(w);
    assertTrue(t.perAxis());
    assertEquals(3, t.channels());
    double[] expectedMin = {-1, 0, -4};
    double[] expectedMax = {2, 0.75, 0};
    for (int c = 0; c < 3; c++) {
      assertEquals(expectedMin[c], t.min(c), 0.0, "channel " + c);
      assertEquals(expectedMax[c], t.max(c), 0.0, "channel " + c);
    }
  }

  @Test
  void perAxisReplacesEveryChannel() {
    RangeTracker t = RangeTracker.lastValuePerAxis(2);
    t.observe(Nd4j.createFromArray(new double[][] {{-9, 9}, {-9, 9}}));
    t.observe(Nd4j.createFromArray(new double[][] {{-1, 1}, {-2, 3}}));
    assertEquals(-1, t.min(0), 0.0);
    assertEquals(3, t.max(1), 0.0);
  }

  @Test
  void perAxisRejectsAnotherChannelCount() {
    RangeTracker t = RangeTracker.lastValuePerAxis(2);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> t.observe(Nd4j.zeros(DataType.FLOAT, 3, 4)));
    assertEquals("expected 2 channels on axis 0, got shape [3, 4]", e.getMessage());
  }

  @Test
  void channelOutsideTheTrackerIsRejected() {
    RangeTracker t = RangeTracker.lastValuePerAxis(2);
    assertThrows(IndexOutOfBoundsException.class, () -> t.min(2));
  }
}
