package io.qat4j.runtime.layers;

import io.qat4j.model.DenseSpec;
import io.qat4j.model.Shape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Dense: {@code y = x · Wᵀ + b} with weight {@code [units, in]}, optional bias {@code [units]}. */
final class DenseOp extends WeightedOp {
  private DenseOp(DenseSpec spec, Param weight, Param bias, TensorTransform transform) {
    super("Dense", weight, bias, spec.activation(), transform);
  }

  /** A Dense layer for one flat input example of shape {@code [in]}. */
  static DenseOp create(
      DenseSpec spec, Shape input, DataType dtype, long seed, WeightInit init,
      TensorTransform transform) {
    long in = input.elements();
    long[] shape = {spec.units(), in};
    INDArray w = init.create(shape, in, spec.units(), dtype, seed);
    Param bias = spec.bias() ? new Param("bias", Nd4j.zeros(dtype, spec.units())) : null;
    return new DenseOp(spec, new Param("weight", w), bias, transform);
  }

  @Override
  INDArray kernel(INDArray x, INDArray w, INDArray b) {
    return DenseKernels.dense(x, w, b);
  }

  @Override
  KernelGradients kernelBackward(INDArray x, INDArray w, boolean withBias, INDArray g) {
    return DenseKernels.denseBackward(x, w, withBias, g);
  }
}
