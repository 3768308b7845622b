package io.qat4j.runtime.layers;

import io.qat4j.model.Conv2DSpec;
import io.qat4j.model.Shape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Conv2D: weight {@code [filters, C, kH, kW]}, optional bias {@code [filters]}. */
final class Conv2DOp extends WeightedOp {
  private final ConvGeometry geometry;

  private Conv2DOp(Conv2DSpec spec, Param weight, Param bias, TensorTransform transform) {
    super("Conv2D", weight, bias, spec.activation(), transform);
    this.geometry = ConvGeometry.of(spec);
  }

  /** A Conv2D for one input example of shape {@code [C, H, W]}, weight drawn by {@code init}. */
  static Conv2DOp create(
      Conv2DSpec spec, Shape input, DataType dtype, long seed, WeightInit init,
      TensorTransform transform) {
    long channels = input.dim(0);
    long taps = (long) spec.kernelH() * spec.kernelW();
    long[] shape = {spec.filters(), channels, spec.kernelH(), spec.kernelW()};
    INDArray w = init.create(shape, channels * taps, spec.filters() * taps, dtype, seed);
    Param bias = spec.bias() ? new Param("bias", Nd4j.zeros(dtype, spec.filters())) : null;
    return new Conv2DOp(spec, new Param("weight", w), bias, transform);
  }

  @Override
  INDArray kernel(INDArray x, INDArray w, INDArray b) {
    return ConvKernels.conv2d(x, w, b, geometry);
  }

  @Override
  KernelGradients kernelBackward(INDArray x, INDArray w, boolean withBias, INDArray g) {
    return ConvKernels.conv2dBackward(x, w, withBias, g, geometry);
  }
}
