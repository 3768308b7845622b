package io.qat4j.runtime.layers;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** GlobalAvgPool: the mean of each channel over all positions, {@code [N, C, H, W] -> [N, C]}. */
final class GlobalAvgPoolOp implements LayerOp {
  private long[] inputShape;

  @Override
  public INDArray forward(List<INDArray> inputs, boolean training) {
    INDArray x = Tensors.single("GlobalAvgPool", inputs);
    Tensors.requireRank("GlobalAvgPool", "input", x, 4);
    inputShape = x.shape();
    return x.mean(2, 3);
  }

  @Override
  public List<INDArray> backward(INDArray outputGradient) {
    if (inputShape == null) {
      throw new IllegalStateException("GlobalAvgPool backward called before forward");
    }
    long n = inputShape[0];
    long c = inputShape[1];
    double positions = (double) inputShape[2] * inputShape[3];
    // Every position of a channel contributed 1/positions of its mean.
    INDArray spread = outputGradient.div(positions).reshape(n, c, 1, 1);
    return List.of(Nd4j.zeros(outputGradient.dataType(), inputShape).addi(spread));
  }

  /** Returns new arrays (or the ones it was given) and keeps none past the next forward. */
  @Override
  public boolean releasesArrays() {
    return true;
  }
}
