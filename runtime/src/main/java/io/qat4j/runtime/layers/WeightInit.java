package io.qat4j.runtime.layers;

import io.qat4j.annotation.Activation;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Seeded initialisation of weights: the same seed gives bit-identical values in a given data
 * type. Biases start at zero; BatchNorm at {@code gamma = 1, beta = 0}.
 */
public enum WeightInit {
  /**
   * He (Kaiming) normal, {@code N(0, 2 / fanIn)}: keeps the activation variance through ReLU,
   * which zeroes half its input. For layers followed by ReLU or ReLU6.
   */
  HE_NORMAL,
  /**
   * Glorot (Xavier) uniform, {@code U(-l, l)} with {@code l = sqrt(6 / (fanIn + fanOut))}: keeps
   * the variance of activations and gradients for linear layers. The default elsewhere.
   */
  GLOROT_UNIFORM;

  /** He-normal before a fused ReLU or ReLU6, Glorot-uniform otherwise. */
  public static WeightInit forActivation(Activation activation) {
    return activation == Activation.NONE ? GLOROT_UNIFORM : HE_NORMAL;
  }

  /**
   * A weight of {@code shape} in {@code dtype} drawn from this distribution.
   *
   * @param fanIn inputs that feed one output value
   * @param fanOut outputs that one input value feeds
   */
  public INDArray create(long[] shape, long fanIn, long fanOut, DataType dtype, long seed) {
    if (fanIn <= 0 || fanOut <= 0) {
      throw new IllegalArgumentException("fans must be positive: " + fanIn + ", " + fanOut);
    }
    SplittableRandom random = new SplittableRandom(seed);
    return switch (this) {
      case HE_NORMAL -> {
        double std = Math.sqrt(2.0 / fanIn);
        yield SeededArrays.fill(shape, dtype, () -> std * SeededArrays.gaussian(random));
      }
      case GLOROT_UNIFORM -> {
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        yield SeededArrays.fill(shape, dtype, () -> limit * (2 * random.nextDouble() - 1));
      }
    };
  }
}
