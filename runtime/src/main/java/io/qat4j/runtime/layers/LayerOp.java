package io.qat4j.runtime.layers;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The executable form of one layer for training: forward and backward over a batch whose first
 * axis is the example ({@code [N, C, H, W]} or {@code [N, F]}). Works in the data type of its
 * inputs (float for training, double for gradient checks). One instance per layer; it keeps what
 * its backward needs from the last forward.
 */
public interface LayerOp {
  /** The output for {@code inputs} (one per declared input, in order). */
  INDArray forward(List<INDArray> inputs, boolean training);

  /**
   * Gradients with respect to the inputs of the last {@link #forward}, in order, given the
   * gradient with respect to its output; adds the parameter gradients to {@link #params()}.
   */
  List<INDArray> backward(INDArray outputGradient);

  /** Trainable parameters, in a fixed order. */
  default List<Param> params() {
    return List.of();
  }

  /**
   * Whether a {@link io.qat4j.runtime.graph.Network} may free the arrays this op exchanges with
   * its neighbours once the pass that made them is over. An op saying so promises that every
   * array its {@link #forward} and {@link #backward} return is new or one of the arrays it was
   * given (never a parameter, state or cached array), and that it does not use the arrays it
   * was given or returned after its next {@link #forward}. The built-in ops do; the default is
   * {@code false}, so the network leaves everything such an op touches to the garbage collector.
   */
  default boolean releasesArrays() {
    return false;
  }

  /** Non-trainable state kept in checkpoints (running statistics, tracked ranges). */
  default List<Param> state() {
    return List.of();
  }
}
