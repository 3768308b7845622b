package io.qat4j.runtime.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Add: the element-wise sum of two or more inputs of one shape. */
final class AddOp implements LayerOp {
  private int arity;

  @Override
  public INDArray forward(List<INDArray> inputs, boolean training) {
    if (inputs.size() < 2) {
      throw new IllegalArgumentException("Add takes two or more inputs but got " + inputs.size());
    }
    INDArray first = inputs.get(0);
    INDArray sum = first.dup();
    for (int i = 1; i < inputs.size(); i++) {
      INDArray x = inputs.get(i);
      if (!Arrays.equals(x.shape(), first.shape())) {
        throw new IllegalArgumentException("Add input " + i + " has shape "
            + Arrays.toString(x.shape()) + " but input 0 has " + Arrays.toString(first.shape()));
      }
      Tensors.requireSameType("Add", first, "input " + i, x);
      sum.addi(x);
    }
    arity = inputs.size();
    return sum;
  }

  @Override
  public List<INDArray> backward(INDArray outputGradient) {
    if (arity == 0) {
      throw new IllegalStateException("Add backward called before forward");
    }
    // One copy each, so a caller accumulating into one input's gradient cannot touch another's.
    List<INDArray> out = new ArrayList<>(arity);
    for (int i = 0; i < arity; i++) {
      out.add(outputGradient.dup());
    }
    return out;
  }

  /** Returns new arrays (or the ones it was given) and keeps none past the next forward. */
  @Override
  public boolean releasesArrays() {
    return true;
  }
}
