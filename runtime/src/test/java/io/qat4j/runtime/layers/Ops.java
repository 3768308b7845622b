package io.qat4j.runtime.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.qat4j.model.LayerSpec;
import io.qat4j.model.Shape;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Shortcuts for building ops and reaching their parameters in tests. */
final class Ops {
  private Ops() {}

  /** A double-precision op for one input example of shape {@code dims}. */
  static LayerOp doubleOp(LayerSpec spec, int... dims) {
    return LayerOps.create(spec, List.of(Shape.of(dims)), DataType.DOUBLE, 7L);
  }

  /** The parameter or state entry called {@code name}. */
  static Param param(LayerOp op, String name) {
    for (Param p : op.params()) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    for (Param p : op.state()) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    throw new AssertionError("no parameter " + name);
  }

  /** Overwrites {@code name} with seeded values in {@code [lo, hi)}. */
  static void randomize(LayerOp op, String name, long seed, double lo, double hi) {
    INDArray value = param(op, name).value();
    value.assign(TestArrays.uniform(seed, value.dataType(), lo, hi, value.shape()));
  }

  /** Asserts {@code op}'s output for {@code x} has shape {@code [N] + example}. */
  static void assertOutputShape(INDArray out, long n, Shape example) {
    assertArrayEquals(Tensors.batchShape(n, example.toArray()), out.shape());
  }
}
