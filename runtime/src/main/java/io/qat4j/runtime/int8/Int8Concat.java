package io.qat4j.runtime.int8;

import io.qat4j.model.Shape;
import java.util.List;

/**
 * Concatenation along one axis of the example shape; each input is requantized to the output's
 * scale and zero point: {@code q' = outZp + requant_i(q − zp_i)} (a copy where they already
 * agree).
 *
 * @param name the graph layer
 * @param inputs the input tensors, in order
 * @param inputShapes their example shapes
 * @param axis the axis of the example shape to join along (0 = channels)
 * @param outputShape the joined shape
 * @param inputZeroPoints zero point of each input
 * @param multipliers per input: fixed-point {@code scale_i / outScale}
 * @param shifts per input: the shift
 * @param output the output's quantization
 */
public record Int8Concat(
    String name,
    List<String> inputs,
    List<Shape> inputShapes,
    int axis,
    Shape outputShape,
    int[] inputZeroPoints,
    int[] multipliers,
    int[] shifts,
    QuantParams output)
    implements Int8Layer {
  /** Checks that there is one requantization per input. */
  public Int8Concat {
    inputs = List.copyOf(inputs);
    inputShapes = List.copyOf(inputShapes);
    inputZeroPoints = inputZeroPoints.clone();
    multipliers = multipliers.clone();
    shifts = shifts.clone();
    Int8Checks.length(name, "input shapes", inputShapes.size(), inputs.size());
    Int8Checks.length(name, "input zero points", inputZeroPoints.length, inputs.size());
    Int8Checks.length(name, "multipliers", multipliers.length, inputs.size());
    Int8Checks.length(name, "shifts", shifts.length, inputs.size());
    if (axis < 0 || axis >= outputShape.rank()) {
      throw new IllegalArgumentException(name + ": axis " + axis + " outside the output rank "
          + outputShape.rank());
    }
    Int8Checks.multipliers(name, multipliers, shifts);
    long joined = 0;
    for (int i = 0; i < inputShapes.size(); i++) {
      Shape s = inputShapes.get(i);
      Int8Checks.zeroPoint(name, "input " + i, inputZeroPoints[i]);
      for (int d = 0; d < outputShape.rank(); d++) {
        if (s.rank() != outputShape.rank() || (d != axis && s.dim(d) != outputShape.dim(d))) {
          throw new IllegalArgumentException(name + ": input shape " + s
              + " does not fit output " + outputShape + " joined along axis " + axis);
        }
      }
      joined += s.dim(axis);
    }
    if (joined != outputShape.dim(axis)) {
      throw new IllegalArgumentException(name + ": inputs add up to " + joined + " along axis "
          + axis + ", output has " + outputShape.dim(axis));
    }
  }
}
