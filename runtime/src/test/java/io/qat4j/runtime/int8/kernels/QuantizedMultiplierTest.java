package io.qat4j.runtime.int8.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * TFLite's QuantizeMultiplier: {@code real = multiplier × 2^(shift − 31)} with the multiplier in
 * [2^30, 2^31). Expectations are exact integers worked out by hand (tolerance 0 unless stated).
 */
class QuantizedMultiplierTest {

  @Test
  void half() {
    // 0.5 = 0.5 × 2^0: multiplier 0.5 × 2^31 = 2^30, shift 0.
    assertEquals(new QuantizedMultiplier(1 << 30, 0), QuantizedMultiplier.of(0.5));
  }

  @Test
  void one() {
    // 1.0 = 0.5 × 2^1: multiplier 2^30, shift 1.
    assertEquals(new QuantizedMultiplier(1 << 30, 1), QuantizedMultiplier.of(1.0));
  }

  @Test
  void threeQuarters() {
    // 0.75 × 2^31 = 1610612736, shift 0.
    assertEquals(new QuantizedMultiplier(1610612736, 0), QuantizedMultiplier.of(0.75));
  }

  @Test
  void aTenth() {
    // 0.1 = 0.8 × 2^−3; 0.8 × 2^31 = 1717986918.4 → 1717986918, shift −3.
    assertEquals(new QuantizedMultiplier(1717986918, -3), QuantizedMultiplier.of(0.1));
  }

  @Test
  void largestMultiplierBelowTheCarry() {
    // 1 − 2^−31 = (1 − 2^−31) × 2^0: × 2^31 = 2^31 − 1 exactly, no carry.
    assertEquals(new QuantizedMultiplier(Integer.MAX_VALUE, 0),
        QuantizedMultiplier.of(1 - Math.scalb(1.0, -31)));
  }

  @Test
  void roundingThatCarriesTo2To31IsHalved() {
    // 1 − 2^−33: × 2^31 = 2^31 − 0.25 → 2^31, which is halved to 2^30 with shift 0 + 1 = 1.
    assertEquals(new QuantizedMultiplier(1 << 30, 1),
        QuantizedMultiplier.of(1 - Math.scalb(1.0, -33)));
  }

  @Test
  void smallestKeptMultiplier() {
    // 2^−32 = 0.5 × 2^−31: multiplier 2^30, shift −31, the lowest shift allowed.
    assertEquals(new QuantizedMultiplier(1 << 30, -31),
        QuantizedMultiplier.of(Math.scalb(1.0, -32)));
  }

  @Test
  void tinyMultipliersBecomeZero() {
    // 2^−33 = 0.5 × 2^−32: shift −32 < −31, so (0, 0); likewise 0 and the least double.
    assertEquals(new QuantizedMultiplier(0, 0), QuantizedMultiplier.of(Math.scalb(1.0, -33)));
    assertEquals(new QuantizedMultiplier(0, 0), QuantizedMultiplier.of(0.0));
    assertEquals(new QuantizedMultiplier(0, 0), QuantizedMultiplier.of(Double.MIN_VALUE));
  }

  @Test
  void largestKeptMultiplier() {
    // 0.75 × 2^30: multiplier 1610612736, shift 30.
    assertEquals(new QuantizedMultiplier(1610612736, 30),
        QuantizedMultiplier.of(Math.scalb(0.75, 30)));
  }

  @Test
  void hugeMultipliersSaturate() {
    // 2^30 = 0.5 × 2^31: shift 31 > 30, so (2^31 − 1, 30); likewise 1e300.
    assertEquals(new QuantizedMultiplier(Integer.MAX_VALUE, 30),
        QuantizedMultiplier.of(Math.scalb(1.0, 30)));
    assertEquals(new QuantizedMultiplier(Integer.MAX_VALUE, 30), QuantizedMultiplier.of(1e300));
  }

  @Test
  void rejectsNegativeNanAndInfinite() {
    assertThrows(IllegalArgumentException.class, () -> QuantizedMultiplier.of(-0.5));
    assertThrows(IllegalArgumentException.class, () -> QuantizedMultiplier.of(Double.NaN));
    assertThrows(IllegalArgumentException.class,
        () -> QuantizedMultiplier.of(Double.POSITIVE_INFINITY));
    assertThrows(IllegalArgumentException.class,
        () -> QuantizedMultiplier.of(Double.NEGATIVE_INFINITY));
  }

  @Test
  void constructorRejectsOutOfRangeParts() {
    assertThrows(IllegalArgumentException.class, () -> new QuantizedMultiplier(5, 0));
    assertThrows(IllegalArgumentException.class, () -> new QuantizedMultiplier(1 << 30, 31));
    assertThrows(IllegalArgumentException.class, () -> new QuantizedMultiplier(1 << 30, -32));
  }

  @Test
  void applyRoundsLikeTflite() {
    // 0.25 = (2^30, −1). 6 × 0.25 = 1.5 → 2; −6 × 0.25 = −1.5 → −2 (the half is exact after
    // the high multiply, −3, and the right shift rounds −1.5 away from zero).
    QuantizedMultiplier quarter = QuantizedMultiplier.of(0.25);
    assertEquals(2, quarter.apply(6));
    assertEquals(-2, quarter.apply(-6));
    // 5 × 0.25 = 1.25, rounded twice: 5 × 0.5 = 2.5 → 3, then 3 / 2 = 1.5 → 2.
    assertEquals(2, quarter.apply(5));
    // 3.0 = (0.75 × 2^31, 2): 7 << 2 = 28, 28 × 0.75 = 21.
    assertEquals(21, QuantizedMultiplier.of(3.0).apply(7));
    // 0.75 at shift 0: 100 × 0.75 = 75.
    assertEquals(75, QuantizedMultiplier.of(0.75).apply(100));
  }

  @Test
  void realOfExactMultipliers() {
    // Powers-of-two fractions are represented exactly: tolerance 0.
    assertEquals(0.75, QuantizedMultiplier.of(0.75).real(), 0.0);
    assertEquals(3.0, QuantizedMultiplier.of(3.0).real(), 0.0);
    assertEquals(Math.scalb(1.0, -32), new QuantizedMultiplier(1 << 30, -31).real(), 0.0);
    assertEquals(0.0, new QuantizedMultiplier(0, 0).real(), 0.0);
  }

  @Test
  void realOfRoundedMultiplierIsWithinHalfAStep() {
    // 0.1 → 1717986918 × 2^−34 = 0.09999999997671694; a step at shift −3 is 2^−34, so the
    // round trip is within half a step, 2^−35 ≈ 2.9e−11.
    assertEquals(0.1, QuantizedMultiplier.of(0.1).real(), Math.scalb(1.0, -35));
    assertEquals(0.09999999997671694, QuantizedMultiplier.of(0.1).real(), 0.0);
  }
}
