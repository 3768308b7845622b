package io.qat4j.runtime.layers;

import io.qat4j.runtime.cpu.ArrayPool;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Flatten and Reshape: each example takes a new shape, values kept in C (row-major) order, so a
 * flattened {@code [C, H, W]} example reads channel by channel as ONNX's Flatten does.
 */
final class ReshapeOp implements LayerOp {
  private final String kind;
  private final int[] exampleShape;
  private long[] inputShape;

  /** @param exampleShape the shape of one output example, every entry resolved */
  ReshapeOp(String kind, int[] exampleShape) {
    this.kind = kind;
    this.exampleShape = exampleShape.clone();
  }

  @Override
  public INDArray forward(List<INDArray> inputs, boolean training) {
    INDArray x = Tensors.single(kind, inputs);
    long[] shape = Tensors.batchShape(x.size(0), exampleShape);
    long elements = 1;
    for (long d : shape) {
      elements *= d;
    }
    if (elements != x.length()) {
      throw new IllegalArgumentException(kind + " cannot turn examples of shape "
          + Arrays.toString(Arrays.copyOfRange(x.shape(), 1, x.rank())) + " into "
          + Arrays.toString(exampleShape));
    }
    inputShape = x.shape();
    // A copy, not a view: later layers may work in place without touching this layer's input.
    return copy(x, shape);
  }

  /** {@code x}'s values in C order, as a new array of {@code shape} (from the array pool). */
  private static INDArray copy(INDArray x, long[] shape) {
    INDArray out = ArrayPool.createUninitialized(x.dataType(), shape);
    out.reshape('c', x.shape()).assign(x);
    return out;
  }

  @Override
  public List<INDArray> backward(INDArray outputGradient) {
    if (inputShape == null) {
      throw new IllegalStateException(kind + " backward called before forward");
    }
    return List.of(copy(outputGradient, inputShape));
  }

  /** Returns new arrays (or the ones it was given) and keeps none past the next forward. */
  @Override
  public boolean releasesArrays() {
    return true;
  }
}
