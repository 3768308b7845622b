package io.qat4j.runtime.int8;

import io.qat4j.model.Shape;
import java.util.List;

/**
 * Elementwise sum of two int8 tensors with their own scales, TFLite's way: both inputs, less their
 * zero points, are shifted left by {@code leftShift} and rescaled to twice the larger input scale,
 * added, and the sum is requantized to the output.
 *
 * @param name the graph layer
 * @param inputs the two input tensors
 * @param outputShape shape of each input and of the output
 * @param firstZeroPoint zero point of the first input
 * @param firstMultiplier fixed-point {@code scale1 / (2 × max(scale1, scale2))}
 * @param firstShift its shift
 * @param secondZeroPoint zero point of the second input
 * @param secondMultiplier fixed-point {@code scale2 / (2 × max(scale1, scale2))}
 * @param secondShift its shift
 * @param leftShift the headroom shift, 20 as in TFLite
 * @param outputMultiplier fixed-point {@code 2 × max(scale1, scale2) / (2^leftShift × outScale)}
 * @param outputShift its shift
 * @param output the output's quantization
 * @param clampMin lowest output code (a fused ReLU raises it to the zero point)
 * @param clampMax highest output code
 */
public record Int8Add(
    String name,
    List<String> inputs,
    Shape outputShape,
    int firstZeroPoint,
    int firstMultiplier,
    int firstShift,
    int secondZeroPoint,
    int secondMultiplier,
    int secondShift,
    int leftShift,
    int outputMultiplier,
    int outputShift,
    QuantParams output,
    int clampMin,
    int clampMax)
    implements Int8Layer {
  /** Checks the inputs and the clamp. */
  public Int8Add {
    inputs = List.copyOf(inputs);
    if (inputs.size() != 2) {
      throw new IllegalArgumentException(name + ": Add takes 2 inputs, got " + inputs.size());
    }
    // 255 << 23 is the largest input difference that still fits an int.
    if (leftShift < 0 || leftShift > 23) {
      throw new IllegalArgumentException(name + ": left shift must be in [0, 23], got "
          + leftShift);
    }
    Int8Checks.zeroPoint(name, "first input", firstZeroPoint);
    Int8Checks.zeroPoint(name, "second input", secondZeroPoint);
    Int8Checks.multiplier(name, firstMultiplier, firstShift);
    Int8Checks.multiplier(name, secondMultiplier, secondShift);
    Int8Checks.multiplier(name, outputMultiplier, outputShift);
    Int8Checks.clamp(name, clampMin, clampMax);
  }
}
