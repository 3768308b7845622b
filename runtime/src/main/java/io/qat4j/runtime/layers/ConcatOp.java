package io.qat4j.runtime.layers;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Concat: joins its inputs along an axis of one example ({@code 0} is the channel axis, negative
 * counts from the end), that is along batch axis {@code axis + 1}.
 */
final class ConcatOp implements LayerOp {
  private final int exampleAxis;
  private long[] sizes;

  /** @param exampleAxis axis of one example, as in {@code @Concat(axis = ...)} */
  ConcatOp(int exampleAxis) {
    this.exampleAxis = exampleAxis;
  }

  @Override
  public INDArray forward(List<INDArray> inputs, boolean training) {
    if (inputs.size() < 2) {
      throw new IllegalArgumentException("Concat takes two or more inputs but got "
          + inputs.size());
    }
    int axis = batchAxis(inputs.get(0).rank());
    sizes = new long[inputs.size()];
    for (int i = 0; i < inputs.size(); i++) {
      Tensors.requireSameType("Concat", inputs.get(0), "input " + i, inputs.get(i));
      sizes[i] = inputs.get(i).size(axis);
    }
    return Nd4j.concat(axis, inputs.toArray(new INDArray[0]));
  }

  @Override
  public List<INDArray> backward(INDArray outputGradient) {
    if (sizes == null) {
      throw new IllegalStateException("Concat backward called before forward");
    }
    int axis = batchAxis(outputGradient.rank());
    List<INDArray> out = new ArrayList<>(sizes.length);
    long start = 0;
    for (long size : sizes) {
      INDArrayIndex[] index = new INDArrayIndex[outputGradient.rank()];
      for (int d = 0; d < index.length; d++) {
        index[d] = d == axis ? NDArrayIndex.interval(start, start + size) : NDArrayIndex.all();
      }
      out.add(outputGradient.get(index).dup());
      start += size;
    }
    return out;
  }

  private int batchAxis(int batchRank) {
    int exampleRank = batchRank - 1;
    if (exampleAxis < -exampleRank || exampleAxis >= exampleRank) {
      throw new IllegalArgumentException("Concat axis " + exampleAxis + " is out of range for"
          + " examples of rank " + exampleRank);
    }
    return (exampleAxis < 0 ? exampleAxis + exampleRank : exampleAxis) + 1;
  }

  /** Returns new arrays (or the ones it was given) and keeps none past the next forward. */
  @Override
  public boolean releasesArrays() {
    return true;
  }
}
