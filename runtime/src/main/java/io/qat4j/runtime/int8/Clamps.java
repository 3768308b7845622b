package io.qat4j.runtime.int8;

import io.qat4j.annotation.Activation;

/** Fused activations as output clamps: what ReLU and ReLU6 become in integers. */
final class Clamps {
  private Clamps() {}

  /** {@code [min, max]} output codes: ReLU from the code of 0, ReLU6 up to the code of 6. */
  static int[] of(Activation activation, QuantParams out) {
    int min = -128;
    int max = 127;
    if (activation != Activation.NONE) {
      min = Math.max(min, out.zeroPoint());
    }
    if (activation == Activation.RELU6) {
      max = Math.min(max, out.quantize(6.0));
    }
    return new int[] {min, max};
  }
}
