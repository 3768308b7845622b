package io.qat4j.runtime.layers;

import io.qat4j.annotation.Activation;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The ReLU and ReLU6 layers: an activation on its own, element-wise on any shape. */
final class ActivationOp implements LayerOp {
  private final String kind;
  private final Activation activation;
  private INDArray output;

  ActivationOp(String kind, Activation activation) {
    this.kind = kind;
    this.activation = activation;
  }

  @Override
  public INDArray forward(List<INDArray> inputs, boolean training) {
    output = ActivationKernels.forward(activation, Tensors.single(kind, inputs));
    return output;
  }

  @Override
  public List<INDArray> backward(INDArray outputGradient) {
    if (output == null) {
      throw new IllegalStateException(kind + " backward called before forward");
    }
    return List.of(ActivationKernels.backward(activation, output, outputGradient));
  }

  /** Returns new arrays (or the ones it was given) and keeps none past the next forward. */
  @Override
  public boolean releasesArrays() {
    return true;
  }
}
