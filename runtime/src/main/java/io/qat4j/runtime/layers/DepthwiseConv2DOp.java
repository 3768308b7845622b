package io.qat4j.runtime.layers;

import io.qat4j.model.DepthwiseConv2DSpec;
import io.qat4j.model.Shape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DepthwiseConv2D: weight {@code [C * multiplier, 1, kH, kW]} (ONNX group-convolution layout),
 * optional bias {@code [C * multiplier]}.
 */
final class DepthwiseConv2DOp extends WeightedOp {
  private final ConvGeometry geometry;

  private DepthwiseConv2DOp(
      DepthwiseConv2DSpec spec, Param weight, Param bias, TensorTransform transform) {
    super("DepthwiseConv2D", weight, bias, spec.activation(), transform);
    this.geometry = ConvGeometry.of(spec);
  }

  /**
   * A depthwise convolution for one input example of shape {@code [C, H, W]}. Fans are counted
   * per filter, as PyTorch does for grouped convolutions: an output sees only {@code kH * kW}
   * inputs (Keras would count every channel, shrinking the initial weights by a factor C).
   */
  static DepthwiseConv2DOp create(
      DepthwiseConv2DSpec spec, Shape input, DataType dtype, long seed, WeightInit init,
      TensorTransform transform) {
    long out = (long) input.dim(0) * spec.depthMultiplier();
    long taps = (long) spec.kernelH() * spec.kernelW();
    long[] shape = {out, 1, spec.kernelH(), spec.kernelW()};
    INDArray w = init.create(shape, taps, spec.depthMultiplier() * taps, dtype, seed);
    Param bias = spec.bias() ? new Param("bias", Nd4j.zeros(dtype, out)) : null;
    return new DepthwiseConv2DOp(spec, new Param("weight", w), bias, transform);
  }

  @Override
  INDArray kernel(INDArray x, INDArray w, INDArray b) {
    return ConvKernels.depthwiseConv2d(x, w, b, geometry);
  }

  @Override
  KernelGradients kernelBackward(INDArray x, INDArray w, boolean withBias, INDArray g) {
    return ConvKernels.depthwiseConv2dBackward(x, w, withBias, g, geometry);
  }
}
