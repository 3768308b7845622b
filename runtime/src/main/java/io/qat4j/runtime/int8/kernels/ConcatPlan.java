package io.qat4j.runtime.int8.kernels;

import io.qat4j.model.Shape;
import io.qat4j.runtime.int8.Int8Concat;
import io.qat4j.runtime.int8.QuantParams;
import java.util.List;

/** Builds an {@link Int8Concat} from the scales of its tensors, at conversion time. */
public final class ConcatPlan {
  private ConcatPlan() {}

  /**
   * A Concat whose input {@code i} is requantized by {@code scale_i / outScale}; an input with the
   * output's scale gets the multiplier of exactly 1 ({@code 2^30}, shift 1), which the kernel
   * copies when the zero points also agree.
   *
   * @throws IllegalArgumentException if {@code inputQuant} does not give one entry per input
   */
  public static Int8Concat plan(String name, List<String> inputs, List<Shape> inputShapes,
      int axis, Shape outputShape, List<QuantParams> inputQuant, QuantParams output) {
    int n = inputQuant.size();
    if (n != inputs.size()) {
      throw new IllegalArgumentException(name + ": " + n + " input quantizations for "
          + inputs.size() + " inputs");
    }
    int[] zeroPoints = new int[n];
    int[] multipliers = new int[n];
    int[] shifts = new int[n];
    for (int i = 0; i < n; i++) {
      QuantParams q = inputQuant.get(i);
      QuantizedMultiplier m = QuantizedMultiplier.of(q.scale() / output.scale());
      zeroPoints[i] = q.zeroPoint();
      multipliers[i] = m.multiplier();
      shifts[i] = m.shift();
    }
    return new Int8Concat(name, inputs, inputShapes, axis, outputShape, zeroPoints, multipliers,
        shifts, output);
  }
}
