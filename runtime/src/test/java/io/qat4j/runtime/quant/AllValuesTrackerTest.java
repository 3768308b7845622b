package io.qat4j.runtime.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** All-values tracking: minima and maxima are only compared, so comparisons are exact. */
class AllValuesTrackerTest {
  @Test
  void keepsTheOverallRange() {
    RangeTracker t = RangeTracker.allValues();
    t.observe(Nd4j.createFromArray(-1.0, 0.5));
    t.observe(Nd4j.createFromArray(-0.2, 3.0));
    t.observe(Nd4j.createFromArray(-0.5, 1.0));
    assertEquals(-1.0, t.min(0), 0.0);
    assertEquals(3.0, t.max(0), 0.0);
  }

  @Test
  void perAxisKeepsTheOverallRangeOfEachChannel() {
    RangeTracker t = RangeTracker.allValuesPerAxis(2);
    t.observe(Nd4j.createFromArray(new double[][] {{-1, 1}, {-5, 0.5}}));
    t.observe(Nd4j.createFromArray(new double[][] {{-2, 0.5}, {-1, 4}}));
    assertEquals(-2, t.min(0), 0.0);
    assertEquals(1, t.max(0), 0.0);
    assertEquals(-5, t.min(1), 0.0);
    assertEquals(4, t.max(1), 0.0);
  }
}
