package io.qat4j.runtime.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qat4j.annotation.Padding;
import io.qat4j.model.AvgPoolSpec;
import io.qat4j.model.GlobalAvgPoolSpec;
import io.qat4j.model.LayerSpec;
import io.qat4j.model.MaxPoolSpec;
import io.qat4j.model.Shape;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** MaxPool, AvgPool and GlobalAvgPool: values, shapes and gradients. */
class PoolOpTest {

  /** max?, size, stride, padding, input height, input width. */
  static Stream<Arguments> pools() {
    return Stream.of(
        Arguments.of(true, 2, 2, Padding.VALID, 4, 6),
        Arguments.of(true, 3, 2, Padding.SAME, 5, 6),
        Arguments.of(true, 2, 2, Padding.SAME, 5, 5),
        Arguments.of(true, 3, 1, Padding.SAME, 4, 4),
        Arguments.of(false, 2, 2, Padding.VALID, 4, 6),
        Arguments.of(false, 3, 1, Padding.SAME, 4, 5),
        Arguments.of(false, 2, 2, Padding.SAME, 5, 5),
        Arguments.of(false, 3, 2, Padding.SAME, 6, 5));
  }

  private static LayerSpec spec(boolean max, int size, int stride, Padding padding) {
    return max
        ? new MaxPoolSpec(size, size, stride, stride, padding)
        : new AvgPoolSpec(size, size, stride, stride, padding);
  }

  @ParameterizedTest
  @MethodSource("pools")
  void matchesReferenceAndSpecShape(
      boolean max, int size, int stride, Padding padding, int h, int w) {
    LayerSpec spec = spec(max, size, stride, padding);
    INDArray x = TestArrays.doubles(1, 2, 3, h, w);
    INDArray out = Ops.doubleOp(spec, 3, h, w).forward(List.of(x), true);
    Shape expected = spec.outputShape("p", List.of("x"), List.of(Shape.of(3, h, w))).shape();
    Ops.assertOutputShape(out, 2, expected);
    INDArray reference =
        ReferenceKernels.pool(x, new ConvGeometry(size, size, stride, stride, 1, 1, padding), max);
    assertArrayEquals(reference.data().asDouble(), out.dup('c').data().asDouble(), 1e-12);
  }

  @ParameterizedTest
  @MethodSource("pools")
  void gradients(boolean max, int size, int stride, Padding padding, int h, int w) {
    // Distinct uniform doubles: no two values of a window tie, nor come within ε of each other.
    GradientCheck.check(
        Ops.doubleOp(spec(max, size, stride, padding), 2, h, w), TestArrays.doubles(2, 2, 2, h, w));
  }

  @Test
  void averageLeavesPaddingOutOfTheCount() {
    INDArray x = TestArrays.counting(DataType.DOUBLE, 1, 1, 5, 5);
    INDArray out = Ops.doubleOp(new AvgPoolSpec(3, 3, 1, 1, Padding.SAME), 1, 5, 5)
        .forward(List.of(x), true);
    assertEquals((1 + 2 + 6 + 7) / 4.0, out.getDouble(0, 0, 0, 0));
    assertEquals((1 + 2 + 3 + 6 + 7 + 8) / 6.0, out.getDouble(0, 0, 0, 1));
    assertEquals((7 + 8 + 9 + 12 + 13 + 14 + 17 + 18 + 19) / 9.0, out.getDouble(0, 0, 2, 2));
    assertEquals((19 + 20 + 24 + 25) / 4.0, out.getDouble(0, 0, 4, 4));
  }

  @Test
  void maxNeverPicksPadding() {
    INDArray x = TestArrays.counting(DataType.DOUBLE, 1, 1, 5, 5).neg();
    INDArray out = Ops.doubleOp(new MaxPoolSpec(2, 2, 2, 2, Padding.SAME), 1, 5, 5)
        .forward(List.of(x), true);
    assertEquals(-5, out.getDouble(0, 0, 0, 2));
    assertEquals(-25, out.getDouble(0, 0, 2, 2));
  }

  @Test
  void globalAveragePool() {
    LayerOp op = Ops.doubleOp(new GlobalAvgPoolSpec(), 2, 3, 2);
    INDArray x = TestArrays.counting(DataType.DOUBLE, 1, 2, 3, 2);
    assertArrayEquals(new double[] {3.5, 9.5}, op.forward(List.of(x), true).data().asDouble(), 0);
    GradientCheck.check(op, TestArrays.doubles(3, 2, 3, 3, 2));
  }
}
