package io.qat4j.runtime.int8.kernels;

import io.qat4j.model.Shape;
import io.qat4j.runtime.int8.Int8Add;
import io.qat4j.runtime.int8.QuantParams;
import java.util.List;

/** Builds an {@link Int8Add} from the scales of its tensors, at conversion time. */
public final class AddPlan {
  /** TFLite's headroom for int8 Add: keeps 20 fractional bits through the rescaling. */
  public static final int LEFT_SHIFT = 20;

  private AddPlan() {}

  /**
   * An Add of two tensors of shape {@code shape}, with TFLite's multipliers: each input is scaled
   * by {@code scale_i / (2 × max(scale1, scale2))}, the sum by {@code 2 × max(scale1, scale2) /
   * (2^20 × outScale)}.
   *
   * @param clampMin lowest output code (the output zero point for a fused ReLU)
   * @param clampMax highest output code
   */
  public static Int8Add plan(String name, List<String> inputs, Shape shape, QuantParams first,
      QuantParams second, QuantParams output, int clampMin, int clampMax) {
    double twiceMax = 2 * Math.max(first.scale(), second.scale());
    QuantizedMultiplier m1 = QuantizedMultiplier.of(first.scale() / twiceMax);
    QuantizedMultiplier m2 = QuantizedMultiplier.of(second.scale() / twiceMax);
    QuantizedMultiplier mOut =
        QuantizedMultiplier.of(twiceMax / ((1 << LEFT_SHIFT) * output.scale()));
    return new Int8Add(name, inputs, shape,
        first.zeroPoint(), m1.multiplier(), m1.shift(),
        second.zeroPoint(), m2.multiplier(), m2.shift(),
        LEFT_SHIFT, mOut.multiplier(), mOut.shift(),
        output, clampMin, clampMax);
  }
}
