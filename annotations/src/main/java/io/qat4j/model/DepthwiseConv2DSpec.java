package io.qat4j.model;

import io.qat4j.annotation.Activation;
import io.qat4j.annotation.Padding;
import java.util.ArrayList;
import java.util.List;

/** A depthwise convolution; weights {@code [C * depthMultiplier, 1, kernelH, kernelW]}. */
public record DepthwiseConv2DSpec(
    int kernelH,
    int kernelW,
    int strideH,
    int strideW,
    Padding padding,
    int depthMultiplier,
    int dilationH,
    int dilationW,
    boolean bias,
    Activation activation)
    implements WeightedSpec {

  @Override
  public LayerKind kind() {
    return LayerKind.DEPTHWISE_CONV2D;
  }

  @Override
  public List<Finding> checkValues() {
    List<Finding> out = new ArrayList<>();
    out.addAll(Spatial.positive("DepthwiseConv2D", "kernel", kernelH, kernelW));
    out.addAll(Spatial.positive("DepthwiseConv2D", "strides", strideH, strideW));
    out.addAll(Spatial.positive("DepthwiseConv2D", "depthMultiplier", depthMultiplier));
    out.addAll(Spatial.positive("DepthwiseConv2D", "dilation", dilationH, dilationW));
    return out;
  }

  @Override
  public ShapeResult outputShape(String name, List<String> inputNames, List<Shape> inputs) {
    Shape in = inputs.get(0);
    long wide = in.rank() == 3 ? (long) in.dim(0) * depthMultiplier : 0;
    if (wide > Integer.MAX_VALUE) {
      return ShapeResult.fail(
          "TensorTooLarge",
          "depthMultiplier",
          "DepthwiseConv2D '" + name + "' would output " + in.dim(0) + " x " + depthMultiplier
              + " = " + wide + " channels, past the largest int. Use a smaller"
              + " depthMultiplier.");
    }
    int channels = (int) wide;
    return Convolution.outputShape(
        "DepthwiseConv2D", name, inputNames.get(0), in, kernelH, kernelW, strideH, strideW,
        dilationH, dilationW, padding, channels);
  }

  @Override
  public Shape weightShape(Shape input) {
    return Shape.of(input.dim(0) * depthMultiplier, 1, kernelH, kernelW);
  }

  @Override
  public long parameters(List<Shape> inputs) {
    long out = (long) inputs.get(0).dim(0) * depthMultiplier;
    return out * kernelH * kernelW + (bias ? out : 0);
  }

  @Override
  public long macs(List<Shape> inputs, Shape output) {
    return (long) output.dim(0) * output.dim(1) * output.dim(2) * kernelH * kernelW;
  }
}
