package io.qat4j.runtime.quant;

import io.qat4j.model.QuantScheme;

/**
 * A quantization range nudged so that 0.0 is exactly representable, with the affine mapping
 * {@code real = scale × (q − zeroPoint)} for integer codes {@code q} in {@code [scheme.qmin(),
 * scheme.qmax()]}.
 *
 * <p>{@link #of} follows TensorFlow's {@code FakeQuantWithMinMaxVars} nudging, computed in double
 * precision (TensorFlow uses float32; double follows exact arithmetic more closely, e.g. it keeps
 * the zero point of {@code [-0.1, 0.9]} at exactly 25.5 before rounding, where float32 gives
 * 25.499998).
 *
 * @param scale the real size of one code step, positive
 * @param nudgedMin the real value of the smallest code, {@code scale × (qmin − zeroPoint)}, at most 0
 * @param nudgedMax the real value of the largest code, {@code scale × (qmax − zeroPoint)}, at least 0
 * @param zeroPoint the signed code that represents 0.0 exactly
 */
public record NudgedRange(double scale, double nudgedMin, double nudgedMax, int zeroPoint) {
  /**
   * The scale given to a range of zero width: float32's machine epsilon, the floor PyTorch's
   * observers put on scales. Not smaller, because the scale later multiplies into bias scales
   * ({@code inputScale × weightScale}) and requantization multipliers, which must stay well inside
   * int32 and double range for an all-zero channel with a nonzero bias.
   */
  static final double ZERO_WIDTH_SCALE = 0x1p-23;

  /** Validates that the range is usable: finite, positive scale, and containing 0. */
  public NudgedRange {
    if (!(Double.isFinite(scale) && scale > 0)) {
      throw new IllegalArgumentException("scale must be finite and positive, got " + scale);
    }
    if (!(Double.isFinite(nudgedMin) && Double.isFinite(nudgedMax))
        || nudgedMin > 0
        || nudgedMax < 0) {
      throw new IllegalArgumentException(
          "nudged range must be finite and contain 0, got [" + nudgedMin + ", " + nudgedMax + "]");
    }
  }

  /**
   * The nudged range for the real range {@code [min, max]} under {@code scheme}.
   *
   * <ol>
   *   <li>Widen so the range contains 0: {@code min = min(min, 0)}, {@code max = max(max, 0)}.
   *   <li>Symmetric schemes use {@code [-m, m]} with {@code m = max(|min|, |max|)}.
   *   <li>On unsigned codes {@code quant_min = narrowRange ? 1 : 0}, {@code quant_max = 2^bits −
   *       1}: {@code scale = (max − min) / (quant_max − quant_min)}, {@code zero_point_from_min =
   *       quant_min − min / scale}, clamped to {@code [quant_min, quant_max]}, else rounded half
   *       away from zero; {@code nudged_min = (quant_min − zp) × scale}, {@code nudged_max =
   *       (quant_max − zp) × scale}.
   *   <li>The zero point is reported signed: {@code zp − 2^(bits−1)}.
   * </ol>
   *
   * <p>A range too narrow for its scale to be a normal float32 number, in practice {@code [0, 0]}
   * (all-zero weights, a dead ReLU), would divide by zero. It is given the scale 2^-23
   * instead, keeping 0 exact: {@code [0, (quant_max − quant_min) × 2^-23]},
   * or centred on 0 for a symmetric scheme. The values of such a tensor are 0 or far below one
   * step, so they still quantize to 0.
   *
   * @throws IllegalArgumentException if {@code min} or {@code max} is NaN or infinite, if {@code
   *     min > max}, or if the scheme's bits are outside 2..16
   */
  public static NudgedRange of(double min, double max, QuantScheme scheme) {
    if (!Double.isFinite(min) || !Double.isFinite(max)) {
      throw new IllegalArgumentException(
          "range [" + min + ", " + max + "] is not finite; the tracked data contained NaN or"
              + " infinity");
    }
    if (min > max) {
      throw new IllegalArgumentException("range [" + min + ", " + max + "] has min > max");
    }
    int bits = scheme.bits();
    if (bits < 2 || bits > 16) {
      throw new IllegalArgumentException("bits must be in 2..16, got " + bits);
    }
    int quantMin = scheme.narrowRange() ? 1 : 0;
    int quantMax = (1 << bits) - 1;
    int steps = quantMax - quantMin;

    double lo = Math.min(min, 0);
    double hi = Math.max(max, 0);
    if (scheme.symmetric()) {
      double m = Math.max(-lo, hi);
      lo = -m;
      hi = m;
    }
    double scale = (hi - lo) / steps;
    if (!(scale >= Float.MIN_NORMAL)) {
      scale = ZERO_WIDTH_SCALE;
      lo = scheme.symmetric() ? -steps * ZERO_WIDTH_SCALE / 2 : 0;
    }

    double zeroPointFromMin = quantMin - lo / scale;
    long zeroPoint;
    if (zeroPointFromMin < quantMin) {
      zeroPoint = quantMin;
    } else if (zeroPointFromMin > quantMax) {
      zeroPoint = quantMax;
    } else {
      // zeroPointFromMin >= quantMin >= 0 here, so Math.round (half up, exact even just below .5)
      // is TensorFlow's round-half-away-from-zero.
      zeroPoint = Math.round(zeroPointFromMin);
    }
    double nudgedMin = (quantMin - zeroPoint) * scale;
    double nudgedMax = (quantMax - zeroPoint) * scale;
    return new NudgedRange(scale, nudgedMin, nudgedMax, (int) (zeroPoint - (1 << (bits - 1))));
  }
}
