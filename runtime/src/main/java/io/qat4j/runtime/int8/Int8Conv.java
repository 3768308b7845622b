package io.qat4j.runtime.int8;

import io.qat4j.model.Shape;
import io.qat4j.runtime.layers.ConvGeometry;
import java.util.List;

/**
 * A Conv2D or DepthwiseConv2D with its BatchNorm folded in: {@code out[o] = clamp(outZp +
 * requant_o(bias[o] + Σ w[o,k] × (x[k] − inputZeroPoint)))}; padded inputs count as the input
 * zero point, i.e. real 0.
 *
 * @param name the graph layer
 * @param inputs its single input tensor
 * @param inputShape {@code [C, H, W]}
 * @param outputShape {@code [O, OH, OW]}
 * @param geometry kernel, strides, dilation and padding
 * @param depthwise whether output channel {@code o} reads only input channel {@code o /
 *     depthMultiplier}
 * @param weights int8, {@code [O, C, kh, kw]} for a convolution, {@code [O, 1, kh, kw]} depthwise
 * @param bias int32 per output channel, scale {@code inputScale × weightScale[o]}
 * @param multipliers per output channel: fixed-point {@code inputScale × weightScale[o] /
 *     outputScale}
 * @param shifts per output channel, the shift of {@code multipliers}
 * @param inputZeroPoint zero point of the input
 * @param output the output's quantization
 * @param clampMin lowest output code (a fused ReLU raises it to the zero point)
 * @param clampMax highest output code (a fused ReLU6 lowers it to the code of 6)
 *     <p>The constructor copies the arrays; the accessors return the record's own copies, which
 *     callers must not modify.
 */
public record Int8Conv(
    String name,
    List<String> inputs,
    Shape inputShape,
    Shape outputShape,
    ConvGeometry geometry,
    boolean depthwise,
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
  public Int8Conv {
    inputs = List.copyOf(inputs);
    Int8Checks.singleInput(name, inputs);
    Int8Checks.rank(name, "input", inputShape, 3);
    Int8Checks.rank(name, "output", outputShape, 3);
    weights = weights.clone();
    bias = bias.clone();
    multipliers = multipliers.clone();
    shifts = shifts.clone();
    int o = outputShape.dim(0);
    int c = depthwise ? 1 : inputShape.dim(0);
    long expected = (long) o * c * geometry.kernelH() * geometry.kernelW();
    Int8Checks.linear(name, weights, expected, bias, o, multipliers, shifts, false,
        inputZeroPoint, clampMin, clampMax);
    if (geometry.outputHeight(inputShape.dim(1)) != outputShape.dim(1)
        || geometry.outputWidth(inputShape.dim(2)) != outputShape.dim(2)) {
      throw new IllegalArgumentException(name + ": output shape " + outputShape
          + " does not follow from input " + inputShape + " and " + geometry);
    }
    if (depthwise && o % inputShape.dim(0) != 0) {
      throw new IllegalArgumentException(name + ": depthwise output channels " + o
          + " are not a multiple of the input channels " + inputShape.dim(0));
    }
  }

  /** How many output channels each input channel feeds (1 for a plain convolution). */
  public int depthMultiplier() {
    return depthwise ? outputShape.dim(0) / inputShape.dim(0) : 1;
  }
}
