package io.qat4j.examples.fuzz;

import io.qat4j.runtime.layer.CustomLayer;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The custom layer of generated models: passes its input through, with no parameters. */
public final class FuzzIdentityLayer implements CustomLayer {
  @Override
  public void initialize(int[] inputShape, long seed) {}

  @Override
  public INDArray forward(INDArray input, boolean training) {
    return input.dup();
  }

  @Override
  public INDArray backward(INDArray outputGradient) {
    return outputGradient;
  }

  @Override
  public Map<String, INDArray> parameters() {
    return Map.of();
  }

  @Override
  public Map<String, INDArray> gradients() {
    return Map.of();
  }
}
