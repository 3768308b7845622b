package io.qat4j.runtime.train;

import io.qat4j.runtime.graph.NamedParam;
import java.util.List;

/** Updates parameters from their gradients; its state is part of a checkpoint. */
public interface Optimizer {
  /** One update of every parameter from its current gradient. */
  void step(List<NamedParam> params);

  /** Moment tensors and counters, by name, for checkpoints. */
  List<NamedParam> state(List<NamedParam> params);

  /** Sets the learning rate used from the next step on (a schedule's current value). */
  void learningRate(double learningRate);

  /** Number of steps taken. */
  long steps();

  /** Restores the step count after a checkpoint is loaded (moments are restored through {@link #state}). */
  void restoreSteps(long steps);
}
