package io.qat4j.runtime.layers;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Seeded test data. */
final class TestArrays {
  private TestArrays() {}

  /** Uniform values in {@code [lo, hi)}, C order. */
  static INDArray uniform(long seed, DataType dtype, double lo, double hi, long... shape) {
    SplittableRandom random = new SplittableRandom(seed);
    return SeededArrays.fill(shape, dtype, () -> lo + (hi - lo) * random.nextDouble());
  }

  /** Standard normal values, C order. */
  static INDArray normal(long seed, DataType dtype, long... shape) {
    SplittableRandom random = new SplittableRandom(seed);
    return SeededArrays.fill(shape, dtype, () -> SeededArrays.gaussian(random));
  }

  /** Double-precision uniform values in {@code [-1, 1)}. */
  static INDArray doubles(long seed, long... shape) {
    return uniform(seed, DataType.DOUBLE, -1, 1, shape);
  }

  /** {@code x} with {@code f} applied to every value, as a new C-order array. */
  static INDArray map(INDArray x, DoubleUnaryOperator f) {
    INDArray out = x.dup('c');
    for (long i = 0; i < out.length(); i++) {
      out.putScalar(i, f.applyAsDouble(out.getDouble(i)));
    }
    return out;
  }

  /** The values 1, 2, ... in C order, exactly (linspace would round some of them). */
  static INDArray counting(DataType dtype, long... shape) {
    double[] next = {0};
    return SeededArrays.fill(shape, dtype, () -> ++next[0]);
  }
}
