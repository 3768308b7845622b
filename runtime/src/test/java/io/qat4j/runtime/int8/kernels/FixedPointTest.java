package io.qat4j.runtime.int8.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * gemmlowp's fixed-point helpers. Every expectation is an exact integer worked out by hand from
 * the real value of the operation (tolerance 0); the comment beside it shows the arithmetic.
 */
class FixedPointTest {
  private static final int HALF = 1 << 30; // 0.5 as a multiplier: a × HALF / 2^31 = a / 2
  private static final int THREE_QUARTERS = 1610612736; // 0.75 × 2^31
  private static final int THREE_EIGHTHS = 3 << 28; // 0.375 × 2^31

  @Test
  void highMulSaturatesTheOnlyOverflowingProduct() {
    // (−2^31)(−2^31) / 2^31 = 2^31, one past int32: saturates to 2^31 − 1.
    assertEquals(Integer.MAX_VALUE,
        FixedPoint.saturatingRoundingDoublingHighMul(Integer.MIN_VALUE, Integer.MIN_VALUE));
  }

  @Test
  void highMulOfExactProducts() {
    // 2^30 × 2^30 / 2^31 = 2^29.
    assertEquals(1 << 29, FixedPoint.saturatingRoundingDoublingHighMul(HALF, HALF));
    // −2^31 × (2^31 − 1) / 2^31 = −(2^31 − 1), exact.
    assertEquals(-Integer.MAX_VALUE,
        FixedPoint.saturatingRoundingDoublingHighMul(Integer.MIN_VALUE, Integer.MAX_VALUE));
    // (2^31 − 1)^2 / 2^31 = 2^31 − 2 + 2^−31, rounds to 2^31 − 2.
    assertEquals(Integer.MAX_VALUE - 1,
        FixedPoint.saturatingRoundingDoublingHighMul(Integer.MAX_VALUE, Integer.MAX_VALUE));
  }

  @Test
  void highMulRoundsPositiveTiesUp() {
    // 1 × 0.5 = 0.5 → 1; 3 × 0.5 = 1.5 → 2.
    assertEquals(1, FixedPoint.saturatingRoundingDoublingHighMul(1, HALF));
    assertEquals(2, FixedPoint.saturatingRoundingDoublingHighMul(3, HALF));
  }

  @Test
  void highMulRoundsNegativeTiesTowardZeroAsGemmlowpDoes() {
    // gemmlowp nudges a negative product by 1 − 2^30 and truncates, so a negative half goes
    // toward zero (towards +∞): −0.5 → 0 and −1.5 → −1, not −1 and −2.
    assertEquals(0, FixedPoint.saturatingRoundingDoublingHighMul(-1, HALF));
    assertEquals(-1, FixedPoint.saturatingRoundingDoublingHighMul(-3, HALF));
    assertEquals(-1, FixedPoint.saturatingRoundingDoublingHighMul(3, -HALF));
  }

  @Test
  void highMulRoundsNegativeNonTiesToNearest() {
    // −3 × 0.375 = −1.125 → −1; −5 × 0.375 = −1.875 → −2; 5 × 0.375 = 1.875 → 2.
    assertEquals(-1, FixedPoint.saturatingRoundingDoublingHighMul(-3, THREE_EIGHTHS));
    assertEquals(-2, FixedPoint.saturatingRoundingDoublingHighMul(-5, THREE_EIGHTHS));
    assertEquals(2, FixedPoint.saturatingRoundingDoublingHighMul(5, THREE_EIGHTHS));
  }

  @Test
  void divideRoundsPositiveTiesAwayFromZero() {
    // 5 / 2 = 2.5 → 3; 6 / 4 = 1.5 → 2; 2^30 / 2^31 = 0.5 → 1.
    assertEquals(3, FixedPoint.roundingDivideByPowerOfTwo(5, 1));
    assertEquals(2, FixedPoint.roundingDivideByPowerOfTwo(6, 2));
    assertEquals(1, FixedPoint.roundingDivideByPowerOfTwo(1 << 30, 31));
  }

  @Test
  void divideRoundsNegativeTiesAwayFromZero() {
    // −5 / 2 = −2.5 → −3; −6 / 4 = −1.5 → −2; −2^30 / 2^31 = −0.5 → −1.
    assertEquals(-3, FixedPoint.roundingDivideByPowerOfTwo(-5, 1));
    assertEquals(-2, FixedPoint.roundingDivideByPowerOfTwo(-6, 2));
    assertEquals(-1, FixedPoint.roundingDivideByPowerOfTwo(-(1 << 30), 31));
  }

  @Test
  void divideRoundsNonTiesToNearest() {
    // −7 / 4 = −1.75 → −2; −5 / 4 = −1.25 → −1; 7 / 4 = 1.75 → 2; 5 / 4 = 1.25 → 1.
    assertEquals(-2, FixedPoint.roundingDivideByPowerOfTwo(-7, 2));
    assertEquals(-1, FixedPoint.roundingDivideByPowerOfTwo(-5, 2));
    assertEquals(2, FixedPoint.roundingDivideByPowerOfTwo(7, 2));
    assertEquals(1, FixedPoint.roundingDivideByPowerOfTwo(5, 2));
  }

  @Test
  void divideByTwoToTheZeroIsTheIdentity() {
    assertEquals(7, FixedPoint.roundingDivideByPowerOfTwo(7, 0));
    assertEquals(-7, FixedPoint.roundingDivideByPowerOfTwo(-7, 0));
    assertEquals(Integer.MIN_VALUE, FixedPoint.roundingDivideByPowerOfTwo(Integer.MIN_VALUE, 0));
  }

  @Test
  void divideByTwoToThe31AtTheExtremes() {
    // −2^31 / 2^31 = −1 exactly; (2^31 − 1) / 2^31 ≈ 0.99999 → 1.
    assertEquals(-1, FixedPoint.roundingDivideByPowerOfTwo(Integer.MIN_VALUE, 31));
    assertEquals(1, FixedPoint.roundingDivideByPowerOfTwo(Integer.MAX_VALUE, 31));
  }

  @Test
  void multiplyWithPositiveShift() {
    // 3 × 0.5 × 2^2 = 6: 3 << 2 = 12, 12 × 0.5 = 6.
    assertEquals(6, FixedPoint.multiplyByQuantizedMultiplier(3, HALF, 2));
    // −7 × 0.75 × 2^1 = −10.5: −7 << 1 = −14, −14 × 0.75 = −10.5, a negative tie → −10.
    assertEquals(-10, FixedPoint.multiplyByQuantizedMultiplier(-7, THREE_QUARTERS, 1));
  }

  @Test
  void multiplyWithNegativeShift() {
    // 100 × 0.75 / 2^3 = 9.375: 100 × 0.75 = 75 exactly, 75 / 8 = 9.375 → 9.
    assertEquals(9, FixedPoint.multiplyByQuantizedMultiplier(100, THREE_QUARTERS, -3));
    // −100 × 0.75 / 8 = −9.375 → −9.
    assertEquals(-9, FixedPoint.multiplyByQuantizedMultiplier(-100, THREE_QUARTERS, -3));
    // −6 × 0.5 / 2 = −1.5: −6 × 0.5 = −3 exactly, −3 / 2 = −1.5, ties away from zero → −2.
    assertEquals(-2, FixedPoint.multiplyByQuantizedMultiplier(-6, HALF, -1));
  }

  @Test
  void multiplyRoundsTwiceAsTfliteDoes() {
    // 5 × 0.5 / 2 = 1.25, but 5 × 0.5 = 2.5 first rounds to 3, and 3 / 2 = 1.5 rounds to 2.
    assertEquals(2, FixedPoint.multiplyByQuantizedMultiplier(5, HALF, -1));
  }

  @Test
  void multiplyWithShiftZero() {
    // 7 × 0.75 = 5.25 → 5; −2^31 × −2^31 saturates to 2^31 − 1 and the shift leaves it.
    assertEquals(5, FixedPoint.multiplyByQuantizedMultiplier(7, THREE_QUARTERS, 0));
    assertEquals(Integer.MAX_VALUE,
        FixedPoint.multiplyByQuantizedMultiplier(Integer.MIN_VALUE, Integer.MIN_VALUE, 0));
  }

  @Test
  void positiveLeftShiftSaturatesInsteadOfWrapping() {
    // 2^30 << 2 = 2^32 saturates to 2^31 − 1 (wrapping would give 0); × 0.5 = 2^30 − 0.5 → 2^30.
    assertEquals(1 << 30, FixedPoint.multiplyByQuantizedMultiplier(1 << 30, HALF, 2));
    // −2^30 << 2 = −2^32 saturates to −2^31; × 0.5 = −2^30 exactly.
    assertEquals(-(1 << 30), FixedPoint.multiplyByQuantizedMultiplier(-(1 << 30), HALF, 2));
    // (2^31 − 1) << 1 saturates to 2^31 − 1 (wrapping would give −2); × 0.5 → 2^30.
    assertEquals(1 << 30, FixedPoint.multiplyByQuantizedMultiplier(Integer.MAX_VALUE, HALF, 1));
  }
}
