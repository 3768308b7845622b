package io.qat4j.examples.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EmaTest {
  @Test
  void startsAtTheFirstValueAndMovesByAlphaOfTheGap() {
    assertArrayEquals(new double[] {1, 1.5, 1.75}, Ema.smooth(new double[] {1, 2, 2}, 0.5), 1e-12);
  }

  @Test
  void afterNStepsOfAStepItHasCoveredOneMinusOneMinusAlphaToTheN() {
    double[] x = new double[101];
    java.util.Arrays.fill(x, 1, x.length, 1.0);
    double[] s = Ema.smooth(x, Ema.ALPHA);
    assertEquals(1 - Math.pow(1 - Ema.ALPHA, 100), s[100], 1e-12);
  }

  @Test
  void skipsNonFiniteValues() {
    assertArrayEquals(new double[] {Double.NaN, 4, 4, 3},
        Ema.smooth(new double[] {Double.NaN, 4, Double.POSITIVE_INFINITY, 2}, 0.5), 1e-12);
  }

  @Test
  void rejectsAnAlphaOutsideZeroToOne() {
    assertThrows(IllegalArgumentException.class, () -> Ema.smooth(new double[1], 0));
    assertThrows(IllegalArgumentException.class, () -> Ema.smooth(new double[1], 1.5));
  }
}
