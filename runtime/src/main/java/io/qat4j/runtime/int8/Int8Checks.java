package io.qat4j.runtime.int8;

/** Argument checks shared by the layer records. */
final class Int8Checks {
  private Int8Checks() {}

  static void length(String layer, String what, long actual, long expected) {
    if (actual != expected) {
      throw new IllegalArgumentException(
          layer + ": " + what + " has " + actual + " entries, expected " + expected);
    }
  }

  /**
   * The integer parameters of a Conv2D, DepthwiseConv2D or Dense: weight and bias lengths, one
   * requantization per output channel (or a single one where {@code perTensorAllowed}), the input
   * zero point and the clamp.
   */
  static void linear(String layer, byte[] weights, long expectedWeights, int[] bias, int channels,
      int[] multipliers, int[] shifts, boolean perTensorAllowed, int inputZeroPoint, int clampMin,
      int clampMax) {
    length(layer, "weights", weights.length, expectedWeights);
    length(layer, "bias", bias.length, channels);
    if (!(perTensorAllowed && multipliers.length == 1)) {
      length(layer, "multipliers", multipliers.length, channels);
    }
    length(layer, "shifts", shifts.length, multipliers.length);
    multipliers(layer, multipliers, shifts);
    zeroPoint(layer, "input", inputZeroPoint);
    clamp(layer, clampMin, clampMax);
  }

  static void zeroPoint(String layer, String what, int zp) {
    if (zp < -128 || zp > 127) {
      throw new IllegalArgumentException(
          layer + ": " + what + " zero point " + zp + " is outside [-128, 127]");
    }
  }

  /** Each multiplier 0 or in [2^30, 2^31), each shift in [-31, 30], as QuantizedMultiplier. */
  static void multipliers(String layer, int[] multipliers, int[] shifts) {
    for (int i = 0; i < multipliers.length; i++) {
      multiplier(layer, multipliers[i], shifts[i]);
    }
  }

  static void multiplier(String layer, int multiplier, int shift) {
    if ((multiplier != 0 && multiplier < (1 << 30)) || shift < -31 || shift > 30) {
      throw new IllegalArgumentException(layer + ": requantization multiplier " + multiplier
          + " with shift " + shift + " is not a fixed-point multiplier (multiplier 0 or in"
          + " [2^30, 2^31), shift in [-31, 30])");
    }
  }

  static void singleInput(String layer, java.util.List<String> inputs) {
    if (inputs.size() != 1) {
      throw new IllegalArgumentException(layer + ": takes 1 input, got " + inputs.size());
    }
  }

  static void rank(String layer, String what, io.qat4j.model.Shape shape, int rank) {
    if (shape.rank() != rank) {
      throw new IllegalArgumentException(
          layer + ": " + what + " shape " + shape + " must have rank " + rank);
    }
  }

  static void clamp(String layer, int min, int max) {
    if (min < -128 || max > 127 || min > max) {
      throw new IllegalArgumentException(
          layer + ": output clamp [" + min + ", " + max + "] must lie within [-128, 127]");
    }
  }
}
