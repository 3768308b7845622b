package io.qat4j.runtime.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Batches a tracker must refuse, leaving its range as it was. */
class RangeTrackerInputTest {
  @Test
  void nanIsRejectedAndTheRangeKept() {
    // ND4J's min and max skip NaN, so this needs its own check.
    RangeTracker t = RangeTracker.movingAverage(0.9);
    t.observe(Nd4j.createFromArray(-1f, 1f));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> t.observe(Nd4j.createFromArray(0.5f, Float.NaN, -0.25f)));
    assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    assertEquals(-1.0, t.min(0), 0.0);
    assertEquals(1.0, t.max(0), 0.0);
  }

  @Test
  void nanInOneChannelIsRejectedPerAxis() {
    RangeTracker t = RangeTracker.lastValuePerAxis(2);
    assertThrows(
        IllegalArgumentException.class,
        () -> t.observe(Nd4j.createFromArray(new double[][] {{1, 2}, {Double.NaN, 3}})));
  }

  @Test
  void infinityIsRejectedNamingIt() {
    RangeTracker t = RangeTracker.allValues();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> t.observe(Nd4j.createFromArray(1.0, Double.NEGATIVE_INFINITY)));
    assertTrue(e.getMessage().contains("-Infinity"), e.getMessage());
  }

  @Test
  void emptyAndIntegerTensorsAreRejected() {
    RangeTracker t = RangeTracker.lastValue();
    assertThrows(IllegalArgumentException.class, () -> t.observe(Nd4j.create(DataType.FLOAT, 0)));
    assertThrows(IllegalArgumentException.class, () -> t.observe(Nd4j.createFromArray(1, 2)));
  }
}
