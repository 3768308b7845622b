package io.qat4j.runtime.layers;

import io.qat4j.runtime.layer.CustomLayer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A user layer for the adapter tests: {@code y = x · scale + shift} per feature, in double. */
public final class ScaleShiftLayer implements CustomLayer {
  private INDArray scale;
  private INDArray shift;
  private INDArray input;
  private final Map<String, INDArray> gradients = new LinkedHashMap<>();

  /** The runtime creates it reflectively. */
  public ScaleShiftLayer() {}

  @Override
  public void initialize(int[] inputShape, long seed) {
    scale = TestArrays.uniform(seed, DataType.DOUBLE, 0.5, 1.5, inputShape[0]);
    shift = TestArrays.uniform(seed + 1, DataType.DOUBLE, -0.5, 0.5, inputShape[0]);
  }

  @Override
  public INDArray forward(INDArray x, boolean training) {
    input = x;
    return x.mul(scale.reshape(1, scale.length())).addi(shift.reshape(1, shift.length()));
  }

  @Override
  public INDArray backward(INDArray outputGradient) {
    gradients.put("scale", outputGradient.mul(input).sum(0));
    gradients.put("shift", outputGradient.sum(0));
    return outputGradient.mul(scale.reshape(1, scale.length()));
  }

  @Override
  public Map<String, INDArray> parameters() {
    // Declared shift first: the adapter must order by name, not by map order.
    Map<String, INDArray> out = new LinkedHashMap<>();
    out.put("shift", shift);
    out.put("scale", scale);
    return out;
  }

  @Override
  public Map<String, INDArray> gradients() {
    return gradients;
  }
}
