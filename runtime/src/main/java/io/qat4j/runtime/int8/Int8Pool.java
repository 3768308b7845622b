package io.qat4j.runtime.int8;

import io.qat4j.model.Shape;
import io.qat4j.runtime.layers.ConvGeometry;
import java.util.List;

/**
 * MaxPool, AvgPool or GlobalAvgPool (an average over a window the size of the input, VALID) on
 * int8 codes; the output keeps the input's quantization. Averages count only unpadded values and
 * round ties away from zero, as TFLite does.
 *
 * @param name the graph layer
 * @param inputs its single input tensor
 * @param inputShape {@code [C, H, W]}
 * @param outputShape {@code [C, OH, OW]}, or {@code [C]} for a global pool
 * @param average whether it averages (else takes the maximum)
 * @param geometry window, strides and padding (dilation 1)
 * @param output the quantization of input and output
 */
public record Int8Pool(
    String name,
    List<String> inputs,
    Shape inputShape,
    Shape outputShape,
    boolean average,
    ConvGeometry geometry,
    QuantParams output)
    implements Int8Layer {
  /** Copies the inputs. */
  public Int8Pool {
    inputs = List.copyOf(inputs);
    Int8Checks.singleInput(name, inputs);
    Int8Checks.rank(name, "input", inputShape, 3);
    if (geometry.dilationH() != 1 || geometry.dilationW() != 1) {
      throw new IllegalArgumentException(name + ": pools have no dilation, got " + geometry);
    }
    long h = geometry.outputHeight(inputShape.dim(1));
    long w = geometry.outputWidth(inputShape.dim(2));
    if (outputShape.elements() != inputShape.dim(0) * h * w
        || outputShape.dim(0) != inputShape.dim(0)) {
      throw new IllegalArgumentException(name + ": output shape " + outputShape
          + " does not follow from input " + inputShape + " and " + geometry);
    }
  }
}
