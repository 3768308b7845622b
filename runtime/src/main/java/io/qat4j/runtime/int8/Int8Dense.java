package io.qat4j.runtime.int8;

import io.qat4j.model.Shape;
import java.util.List;

/**
 * A Dense layer with its BatchNorm folded in: {@code out[u] = clamp(outZp + requant_u(bias[u] +
 * Σ w[u,i] × (x[i] − inputZeroPoint)))}.
 *
 * @param name the graph layer
 * @param inputs its single input tensor
 * @param inputSize length of the (flat) input
 * @param outputShape {@code [units]}
 * @param weights int8, {@code [units, inputSize]}
 * @param bias int32 per unit
 * @param multipliers fixed-point requantization multipliers: one (per-tensor weights) or one per
 *     unit (per-axis weights)
 * @param shifts the shifts of {@code multipliers}
 * @param inputZeroPoint zero point of the input
 * @param output the output's quantization
 * @param clampMin lowest output code
 * @param clampMax highest output code
 *     <p>The constructor copies the arrays; the accessors return the record's own copies, which
 *     callers must not modify.
 */
public record Int8Dense(
    String name,
    List<String> inputs,
    int inputSize,
    Shape outputShape,
    byte[] weights,
    int[] bias,
    int[] multipliers,
    int[] shifts,
    int inputZeroPoint,
    QuantParams output,
    int clampMin,
    int clampMax)
    implements Int8Linear {
  /** Checks that the arrays fit the shapes. */
  public Int8Dense {
    inputs = List.copyOf(inputs);
    Int8Checks.singleInput(name, inputs);
    Int8Checks.rank(name, "output", outputShape, 1);
    if (inputSize < 1) {
      throw new IllegalArgumentException(name + ": input size must be positive, got " + inputSize);
    }
    weights = weights.clone();
    bias = bias.clone();
    multipliers = multipliers.clone();
    shifts = shifts.clone();
    int units = outputShape.dim(0);
    Int8Checks.linear(name, weights, (long) units * inputSize, bias, units, multipliers, shifts,
        true, inputZeroPoint, clampMin, clampMax);
  }

  /** The number of output units. */
  public int units() {
    return outputShape.dim(0);
  }
}
