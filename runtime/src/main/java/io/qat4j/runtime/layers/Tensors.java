package io.qat4j.runtime.layers;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Argument checks that turn shape and type slips into messages naming the layer kind. */
final class Tensors {
  private Tensors() {}

  /** Fails unless {@code x} has rank {@code rank}. */
  static void requireRank(String kind, String what, INDArray x, int rank) {
    if (x.rank() != rank) {
      throw new IllegalArgumentException(kind + " needs a rank-" + rank + " " + what + " but got"
          + " shape " + Arrays.toString(x.shape()));
    }
  }

  /** Fails unless {@code other} has the data type of {@code x}; mixed types would silently cast. */
  static void requireSameType(String kind, INDArray x, String what, INDArray other) {
    if (other != null && other.dataType() != x.dataType()) {
      throw new IllegalArgumentException(kind + " got a " + x.dataType() + " input but its " + what
          + " is " + other.dataType() + "; create the layer in the data type of its input");
    }
  }

  /** Fails unless dimension {@code axis} of {@code x} is {@code size}. */
  static void requireDim(String kind, String what, INDArray x, int axis, long size) {
    if (x.size(axis) != size) {
      throw new IllegalArgumentException(kind + " expects " + what + " of size " + size
          + " on axis " + axis + " but got shape " + Arrays.toString(x.shape()));
    }
  }

  /** The single input of a one-input layer. */
  static INDArray single(String kind, List<INDArray> inputs) {
    if (inputs.size() != 1) {
      throw new IllegalArgumentException(kind + " takes one input but got " + inputs.size());
    }
    return inputs.get(0);
  }

  /** {@code [n, dims...]}: a batch of {@code n} examples of shape {@code dims}. */
  static long[] batchShape(long n, int[] dims) {
    long[] shape = new long[dims.length + 1];
    shape[0] = n;
    for (int i = 0; i < dims.length; i++) {
      shape[i + 1] = dims[i];
    }
    return shape;
  }
}
