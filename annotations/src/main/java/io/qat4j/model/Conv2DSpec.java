package io.qat4j.model;

import io.qat4j.annotation.Activation;
import io.qat4j.annotation.Padding;
import java.util.ArrayList;
import java.util.List;

/** A 2-D convolution; weights {@code [filters, C, kernelH, kernelW]}. */
public record Conv2DSpec(
    int filters,
    int kernelH,
    int kernelW,
    int strideH,
    int strideW,
    Padding padding,
    int dilationH,
    int dilationW,
    boolean bias,
    Activation activation)
    implements WeightedSpec {

  @Override
  public LayerKind kind() {
    return LayerKind.CONV2D;
  }

  @Override
  public List<Finding> checkValues() {
    List<Finding> out = new ArrayList<>();
    out.addAll(Spatial.positive("Conv2D", "filters", filters));
    out.addAll(Spatial.positive("Conv2D", "kernel", kernelH, kernelW));
    out.addAll(Spatial.positive("Conv2D", "strides", strideH, strideW));
    out.addAll(Spatial.positive("Conv2D", "dilation", dilationH, dilationW));
    return out;
  }

  @Override
  public ShapeResult outputShape(String name, List<String> inputNames, List<Shape> inputs) {
    return Convolution.outputShape(
        "Conv2D", name, inputNames.get(0), inputs.get(0), kernelH, kernelW, strideH, strideW,
        dilationH, dilationW, padding, filters);
  }

  @Override
  public Shape weightShape(Shape input) {
    return Shape.of(filters, input.dim(0), kernelH, kernelW);
  }

  @Override
  public long parameters(List<Shape> inputs) {
    long channels = inputs.get(0).dim(0);
    return (long) filters * channels * kernelH * kernelW + (bias ? filters : 0);
  }

  @Override
  public long macs(List<Shape> inputs, Shape output) {
    long channels = inputs.get(0).dim(0);
    return (long) output.dim(1) * output.dim(2) * filters * channels * kernelH * kernelW;
  }
}
