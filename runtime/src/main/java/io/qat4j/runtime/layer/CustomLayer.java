package io.qat4j.runtime.layer;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A layer of your own, named by {@code @Custom(type = ...)}. The runtime creates it through its
 * public no-argument constructor, calls {@link #initialize} once with the input shape, then runs
 * {@link #forward} and {@link #backward} on batches whose first axis is the example.
 *
 * <p>To quantize it, add {@code @Quantize(config = ...)} naming a {@code QuantizeConfig} whose
 * weight names are keys of {@link #parameters()}.
 */
public interface CustomLayer {
  /**
   * Creates the parameters for one input example of shape {@code inputShape} (channels first).
   *
   * @param seed seed for any random initialisation, so runs repeat
   */
  void initialize(int[] inputShape, long seed);

  /** The output for {@code input}, shape {@code [batch, ...]}. */
  INDArray forward(INDArray input, boolean training);

  /**
   * The gradient with respect to the input of the last {@link #forward}, given the gradient with
   * respect to its output; stores the parameter gradients for {@link #gradients()}.
   */
  INDArray backward(INDArray outputGradient);

  /** Trainable parameters by name. */
  Map<String, INDArray> parameters();

  /** Gradients of the last {@link #backward}, by the names of {@link #parameters()}. */
  Map<String, INDArray> gradients();
}
