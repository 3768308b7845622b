package io.qat4j.runtime.qat;

import io.qat4j.runtime.layers.LayerOp;
import io.qat4j.runtime.layers.Param;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The node of a BatchNorm folded into the layer before it: passes its input through, and owns
 * the BatchNorm's parameters and statistics (which the folded layer uses), so they keep the names
 * they have in the float network ({@code bn1.gamma}, {@code bn1.runningVar}) and weights move
 * between float and QAT networks by name.
 */
final class FoldedAwayOp implements LayerOp {
  private final List<Param> params;
  private final List<Param> state;

  FoldedAwayOp(List<Param> params, List<Param> state) {
    this.params = List.copyOf(params);
    this.state = List.copyOf(state);
  }

  @Override
  public INDArray forward(List<INDArray> inputs, boolean training) {
    return inputs.get(0);
  }

  @Override
  public List<INDArray> backward(INDArray outputGradient) {
    return List.of(outputGradient);
  }

  @Override
  public List<Param> params() {
    return params;
  }

  @Override
  public List<Param> state() {
    return state;
  }

  /** Returns new arrays (or the ones it was given) and keeps none past the next forward. */
  @Override
  public boolean releasesArrays() {
    return true;
  }
}
