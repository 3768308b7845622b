package io.qat4j.runtime.layers;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Random arrays drawn in Java from a {@link SplittableRandom}, so that a seed gives the same bits
 * on every run and thread count (ND4J's native generators depend on the backend build).
 */
final class SeededArrays {
  private SeededArrays() {}

  /** An array of {@code shape} and {@code dtype} filled from {@code draw} in C order. */
  static INDArray fill(long[] shape, DataType dtype, DoubleSupplier draw) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    double[] values = new double[Math.toIntExact(n)];
    for (int i = 0; i < values.length; i++) {
      values[i] = draw.getAsDouble();
    }
    return Nd4j.create(values, shape, dtype);
  }

  /**
   * A standard normal deviate by Box–Muller. {@link StrictMath} keeps the bits identical on every
   * JVM and CPU, which {@code Math}'s intrinsics and {@code nextGaussian} do not promise.
   */
  static double gaussian(SplittableRandom random) {
    double u1 = 1.0 - random.nextDouble(); // in (0, 1], so the logarithm is finite
    double u2 = random.nextDouble();
    return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
  }
}
