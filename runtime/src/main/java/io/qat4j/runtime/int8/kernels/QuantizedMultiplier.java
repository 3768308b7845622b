package io.qat4j.runtime.int8.kernels;

/**
 * A positive real multiplier as fixed point, {@code real ≈ multiplier × 2^(shift − 31)}: TFLite's
 * {@code QuantizeMultiplier}.
 *
 * @param multiplier in [2^30, 2^31), or 0 for a zero multiplier
 * @param shift the power of two, in [−31, 30]
 */
public record QuantizedMultiplier(int multiplier, int shift) {
  /** Checks the ranges. */
  public QuantizedMultiplier {
    if (multiplier != 0 && multiplier < (1 << 30)) {
      throw new IllegalArgumentException(
          "multiplier must be 0 or in [2^30, 2^31), got " + multiplier);
    }
    if (shift < -31 || shift > 30) {
      throw new IllegalArgumentException("shift must be in [-31, 30], got " + shift);
    }
  }

  /**
   * The fixed-point form of {@code real}: {@code real = q × 2^e} with {@code q} in [0.5, 1),
   * {@code multiplier = round(q × 2^31)} (ties away from zero; a rounded 2^31 is halved and the
   * exponent raised), {@code shift = e}. Multipliers below 2^−32 become 0; from 2^30 up they
   * saturate to {@code (2^31 − 1, 30)}.
   *
   * @throws IllegalArgumentException if {@code real} is negative, NaN or infinite
   */
  public static QuantizedMultiplier of(double real) {
    if (!(Double.isFinite(real) && real >= 0)) {
      throw new IllegalArgumentException(
          "a requantization multiplier must be finite and non-negative, got " + real);
    }
    if (real == 0) {
      return new QuantizedMultiplier(0, 0);
    }
    int exponent = Math.getExponent(real) + 1;
    double fraction = real / Math.scalb(1.0, exponent);
    long fixed = Math.round(fraction * (1L << 31));
    if (fixed == 1L << 31) {
      fixed /= 2;
      exponent++;
    }
    if (exponent < -31) {
      return new QuantizedMultiplier(0, 0);
    }
    if (exponent > 30) {
      return new QuantizedMultiplier(Integer.MAX_VALUE, 30);
    }
    return new QuantizedMultiplier((int) fixed, exponent);
  }

  /** {@code x × this}, rounded as TFLite does. */
  public int apply(int x) {
    return FixedPoint.multiplyByQuantizedMultiplier(x, multiplier, shift);
  }

  /** The real value this stands for. */
  public double real() {
    return multiplier * Math.scalb(1.0, shift - 31);
  }
}
