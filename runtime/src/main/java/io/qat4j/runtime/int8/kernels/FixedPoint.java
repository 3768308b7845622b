package io.qat4j.runtime.int8.kernels;

/**
 * gemmlowp's fixed-point helpers as TFLite's reference integer kernels use them: a real
 * multiplier {@code m} is held as an int32 {@code M} in [2^30, 2^31) and a shift {@code s} with
 * {@code m ≈ M × 2^(s − 31)}.
 */
public final class FixedPoint {
  private FixedPoint() {}

  /**
   * {@code a × b / 2^31} rounded to nearest with gemmlowp's nudge, so ties go up (away from zero
   * when positive, toward zero when negative: −0.5 gives 0, −1.5 gives −1), saturated: the one
   * overflowing case, {@code a = b = −2^31}, gives {@code 2^31 − 1}.
   */
  public static int saturatingRoundingDoublingHighMul(int a, int b) {
    if (a == Integer.MIN_VALUE && b == Integer.MIN_VALUE) {
      return Integer.MAX_VALUE;
    }
    long ab = (long) a * b;
    long nudge = ab >= 0 ? 1L << 30 : 1 - (1L << 30);
    // Java's long division truncates toward zero, as C++'s does.
    return (int) ((ab + nudge) / (1L << 31));
  }

  /**
   * {@code x / 2^exponent} rounded to nearest, ties away from zero.
   *
   * @param exponent in [0, 31]
   */
  public static int roundingDivideByPowerOfTwo(int x, int exponent) {
    int mask = (int) ((1L << exponent) - 1);
    int remainder = x & mask;
    int threshold = (mask >> 1) + (x < 0 ? 1 : 0);
    return (x >> exponent) + (remainder > threshold ? 1 : 0);
  }

  /**
   * {@code x × M × 2^(shift − 31)} rounded: TFLite's {@code MultiplyByQuantizedMultiplier}. A
   * positive shift multiplies {@code x} by {@code 2^shift} first; unlike TFLite, that product
   * saturates to int32 instead of wrapping.
   */
  public static int multiplyByQuantizedMultiplier(int x, int multiplier, int shift) {
    int left = shift > 0 ? shift : 0;
    int right = shift > 0 ? 0 : -shift;
    int shifted = x;
    if (left > 0) {
      long wide = (long) x << left;
      shifted = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, wide));
    }
    return roundingDivideByPowerOfTwo(saturatingRoundingDoublingHighMul(shifted, multiplier), right);
  }
}
