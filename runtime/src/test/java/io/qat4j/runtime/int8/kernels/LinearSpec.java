package io.qat4j.runtime.int8.kernels;

/**
 * The integer parameters shared by the convolution and dense test layers, set fluently; each
 * test's builder adds its shapes and builds the record.
 *
 * @param <S> the concrete builder, returned by every setter
 */
abstract class LinearSpec<S extends LinearSpec<S>> {
  int[] weights;
  int[] bias;
  QuantizedMultiplier[] multipliers;
  int inputZeroPoint;
  int outputZeroPoint;
  int clampMin = -128;
  int clampMax = 127;

  abstract S self();

  S weights(int... w) {
    weights = w;
    return self();
  }

  S bias(int... b) {
    bias = b;
    return self();
  }

  S multipliers(QuantizedMultiplier... m) {
    multipliers = m;
    return self();
  }

  S zeroPoints(int in, int out) {
    inputZeroPoint = in;
    outputZeroPoint = out;
    return self();
  }

  S clamp(int min, int max) {
    clampMin = min;
    clampMax = max;
    return self();
  }
}
