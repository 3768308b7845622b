package io.qat4j.runtime.layers;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Gradients of a loss with respect to the three operands of a convolution or dense kernel.
 *
 * @param input gradient with respect to the input, shaped as the input
 * @param weight gradient with respect to the weight (as passed to the kernel), shaped as it
 * @param bias gradient with respect to the bias, {@code [out]}; {@code null} when there is no bias
 */
public record KernelGradients(INDArray input, INDArray weight, INDArray bias) {
  /** Requires the input and weight gradients. */
  public KernelGradients {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(weight, "weight");
  }
}
