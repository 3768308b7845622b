package io.qat4j.runtime.layers;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A differentiable element-wise map applied to a weight before use, such as fake quantization.
 * {@link #backward} maps the gradient with respect to the output of the last {@link #forward} to
 * the gradient with respect to its input.
 */
public interface TensorTransform {
  /** The identity. */
  TensorTransform IDENTITY =
      new TensorTransform() {
        @Override
        public INDArray forward(INDArray x, boolean training) {
          return x;
        }

        @Override
        public INDArray backward(INDArray gradient) {
          return gradient;
        }

        @Override
        public boolean returnsNewArrays() {
          return true;
        }
      };

  /**
   * Whether the arrays {@link #forward} and {@link #backward} return are new (or the very array
   * given), and this transform keeps none of the arrays it is given or returns: then the layer
   * using it may recycle them once it is done with them. False unless overridden.
   */
  default boolean returnsNewArrays() {
    return false;
  }

  /** The transformed tensor; {@code training} lets a quantizer update its range. */
  INDArray forward(INDArray x, boolean training);

  /** The gradient with respect to the input of the last {@link #forward}. */
  INDArray backward(INDArray gradient);
}
