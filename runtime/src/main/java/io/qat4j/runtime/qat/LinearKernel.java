package io.qat4j.runtime.qat;

import io.qat4j.model.Conv2DSpec;
import io.qat4j.model.DenseSpec;
import io.qat4j.model.DepthwiseConv2DSpec;
import io.qat4j.model.LayerSpec;
import io.qat4j.runtime.layers.ConvGeometry;
import io.qat4j.runtime.layers.ConvKernels;
import io.qat4j.runtime.layers.DenseKernels;
import io.qat4j.runtime.layers.KernelGradients;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The linear part of a layer a BatchNorm folds into: Conv2D, DepthwiseConv2D or Dense, with its
 * weight's axis 0 the output channel, which is axis 1 of the output.
 */
interface LinearKernel {
  /** The output for input {@code x} and weight {@code w}, with no bias. */
  INDArray forward(INDArray x, INDArray w);

  /** Gradients with respect to input and weight, given the gradient of the output. */
  KernelGradients backward(INDArray x, INDArray w, INDArray outputGradient);

  /** The kernel of {@code spec}. */
  static LinearKernel of(LayerSpec spec) {
    if (spec instanceof Conv2DSpec c) {
      ConvGeometry g = ConvGeometry.of(c);
      return new LinearKernel() {
        @Override
        public INDArray forward(INDArray x, INDArray w) {
          return ConvKernels.conv2d(x, w, null, g);
        }

        @Override
        public KernelGradients backward(INDArray x, INDArray w, INDArray grad) {
          return ConvKernels.conv2dBackward(x, w, false, grad, g);
        }
      };
    }
    if (spec instanceof DepthwiseConv2DSpec d) {
      ConvGeometry g = ConvGeometry.of(d);
      return new LinearKernel() {
        @Override
        public INDArray forward(INDArray x, INDArray w) {
          return ConvKernels.depthwiseConv2d(x, w, null, g);
        }

        @Override
        public KernelGradients backward(INDArray x, INDArray w, INDArray grad) {
          return ConvKernels.depthwiseConv2dBackward(x, w, false, grad, g);
        }
      };
    }
    if (spec instanceof DenseSpec) {
      return new LinearKernel() {
        @Override
        public INDArray forward(INDArray x, INDArray w) {
          return DenseKernels.dense(x, w, null);
        }

        @Override
        public KernelGradients backward(INDArray x, INDArray w, INDArray grad) {
          return DenseKernels.denseBackward(x, w, false, grad);
        }
      };
    }
    throw new IllegalArgumentException(
        spec.kind().annotationName() + " has no weight a BatchNorm could fold into");
  }
}
