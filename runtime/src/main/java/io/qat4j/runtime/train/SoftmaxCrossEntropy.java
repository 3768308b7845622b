package io.qat4j.runtime.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Mean softmax cross-entropy over a batch of logits {@code [N, K]} and one-hot labels {@code [N,
 * K]}, computed through log-sum-exp so large logits do not overflow.
 */
public final class SoftmaxCrossEntropy {
  private SoftmaxCrossEntropy() {}

  /** The loss and its gradient with respect to the logits. */
  public record Result(double loss, INDArray gradient) {}

  /** Loss and gradient for {@code logits} against {@code labels}. */
  public static Result of(INDArray logits, INDArray labels) {
    if (logits.rank() != 2 || !java.util.Arrays.equals(logits.shape(), labels.shape())) {
      throw new IllegalArgumentException(
          "Softmax cross-entropy needs logits and one-hot labels of the same shape [N, K], got "
              + java.util.Arrays.toString(logits.shape()) + " and "
              + java.util.Arrays.toString(labels.shape()) + ".");
    }
    long n = logits.size(0);
    INDArray shifted = logits.subColumnVector(logits.max(1).reshape(n, 1));
    INDArray logSumExp = Transforms.log(Transforms.exp(shifted, true).sum(1), false).reshape(n, 1);
    INDArray logProbabilities = shifted.subColumnVector(logSumExp);
    double loss = -logProbabilities.mul(labels).sumNumber().doubleValue() / n;
    INDArray gradient = Transforms.exp(logProbabilities, false).subi(labels).divi(n);
    return new Result(loss, gradient);
  }
}
