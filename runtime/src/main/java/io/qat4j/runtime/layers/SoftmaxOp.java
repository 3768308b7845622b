package io.qat4j.runtime.layers;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Softmax over the last axis. */
final class SoftmaxOp implements LayerOp {
  private INDArray output;

  @Override
  public INDArray forward(List<INDArray> inputs, boolean training) {
    INDArray x = Tensors.single("Softmax", inputs);
    int last = x.rank() - 1;
    // Subtracting the maximum leaves the result unchanged and keeps exp from overflowing.
    INDArray e = Transforms.exp(x.sub(x.max(true, last)), false);
    output = e.divi(e.sum(true, last));
    return output;
  }

  @Override
  public List<INDArray> backward(INDArray outputGradient) {
    if (output == null) {
      throw new IllegalStateException("Softmax backward called before forward");
    }
    // dx_i = y_i (g_i - Σ_j g_j y_j): the Jacobian diag(y) - y yᵀ applied to g.
    int last = output.rank() - 1;
    INDArray dot = outputGradient.mul(output).sum(true, last);
    return List.of(outputGradient.sub(dot).muli(output));
  }

  /** Returns new arrays (or the ones it was given) and keeps none past the next forward. */
  @Override
  public boolean releasesArrays() {
    return true;
  }
}
