package io.qat4j.runtime.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.qat4j.model.AddSpec;
import io.qat4j.model.ConcatSpec;
import io.qat4j.model.FlattenSpec;
import io.qat4j.model.LayerSpec;
import io.qat4j.model.Relu6Spec;
import io.qat4j.model.ReluSpec;
import io.qat4j.model.ReshapeSpec;
import io.qat4j.model.Shape;
import io.qat4j.model.SoftmaxSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The parameter-free layers: Add, Concat, Softmax, Flatten, Reshape, ReLU and ReLU6. */
class TensorOpsTest {

  private static LayerOp op(LayerSpec spec, Shape... inputs) {
    return LayerOps.create(spec, List.of(inputs), DataType.DOUBLE, 1L);
  }

  @Test
  void addOfThreeInputs() {
    Shape s = Shape.of(2, 3, 3);
    LayerOp add = op(new AddSpec(), s, s, s);
    List<INDArray> xs =
        List.of(TestArrays.doubles(1, 2, 2, 3, 3), TestArrays.doubles(2, 2, 2, 3, 3),
            TestArrays.doubles(3, 2, 2, 3, 3));
    INDArray sum = add.forward(xs, true);
    assertArrayEquals(xs.get(0).add(xs.get(1)).add(xs.get(2)).data().asDouble(),
        sum.data().asDouble(), 1e-15);
    GradientCheck.of(add, xs, true).run();
  }

  @Test
  void concatOnChannels() {
    LayerOp concat = op(new ConcatSpec(0), Shape.of(2, 3, 3), Shape.of(1, 3, 3));
    List<INDArray> xs =
        List.of(TestArrays.doubles(4, 2, 2, 3, 3), TestArrays.doubles(5, 2, 1, 3, 3));
    INDArray out = concat.forward(xs, true);
    assertArrayEquals(new long[] {2, 3, 3, 3}, out.shape());
    assertEquals(xs.get(1).getDouble(1, 0, 2, 1), out.getDouble(1, 2, 2, 1));
    GradientCheck.of(concat, xs, true).run();
  }

  @Test
  void concatOnNegativeAxisOfFlatInputs() {
    LayerOp concat = op(new ConcatSpec(-1), Shape.of(3), Shape.of(2), Shape.of(4));
    List<INDArray> xs = List.of(TestArrays.doubles(6, 2, 3), TestArrays.doubles(7, 2, 2),
        TestArrays.doubles(8, 2, 4));
    assertArrayEquals(new long[] {2, 9}, concat.forward(xs, true).shape());
    GradientCheck.of(concat, xs, true).run();
  }

  @Test
  void concatOnWidthWithNegativeAxis() {
    LayerOp concat = op(new ConcatSpec(-1), Shape.of(2, 2, 3), Shape.of(2, 2, 1));
    List<INDArray> xs =
        List.of(TestArrays.doubles(9, 2, 2, 2, 3), TestArrays.doubles(10, 2, 2, 2, 1));
    assertArrayEquals(new long[] {2, 2, 2, 4}, concat.forward(xs, true).shape());
    GradientCheck.of(concat, xs, true).run();
  }

  @Test
  void softmaxOverTheLastAxis() {
    LayerOp softmax = op(new SoftmaxSpec(), Shape.of(5));
    INDArray x = TestArrays.uniform(11, DataType.DOUBLE, -3, 3, 3, 5);
    INDArray y = softmax.forward(List.of(x), true);
    assertArrayEquals(new double[] {1, 1, 1}, y.sum(1).data().asDouble(), 1e-15);
    double e0 = Math.exp(x.getDouble(0, 0));
    double total = 0;
    for (int j = 0; j < 5; j++) {
      total += Math.exp(x.getDouble(0, j));
    }
    assertEquals(e0 / total, y.getDouble(0, 0), 1e-15);
    GradientCheck.check(softmax, x);
  }

  @Test
  void softmaxSurvivesLargeLogits() {
    LayerOp softmax = op(new SoftmaxSpec(), Shape.of(2));
    INDArray y = softmax.forward(List.of(Nd4j.createFromArray(new float[][] {{1000, 0}})), true);
    assertArrayEquals(new float[] {1, 0}, y.data().asFloat(), 0);
  }

  @Test
  void flattenKeepsChannelMajorOrder() {
    LayerOp flatten = op(new FlattenSpec(), Shape.of(2, 2, 3));
    INDArray x = TestArrays.counting(DataType.DOUBLE, 2, 2, 2, 3);
    INDArray y = flatten.forward(List.of(x), true);
    assertArrayEquals(new long[] {2, 12}, y.shape());
    assertEquals(x.getDouble(1, 1, 0, 2), y.getDouble(1, 8));
    GradientCheck.check(flatten, TestArrays.doubles(12, 2, 2, 2, 3));
  }

  @Test
  void reshapeInfersTheFreeDimension() {
    LayerOp reshape = op(new ReshapeSpec(List.of(3, -1)), Shape.of(12));
    INDArray y = reshape.forward(List.of(TestArrays.doubles(13, 2, 12)), true);
    assertArrayEquals(new long[] {2, 3, 4}, y.shape());
    GradientCheck.check(reshape, TestArrays.doubles(14, 2, 12));
  }

  @Test
  void reluAwayFromItsKink() {
    LayerOp relu = op(new ReluSpec(), Shape.of(3, 4));
    // Values at least 0.1 from 0, far beyond ε, so no difference straddles the kink.
    INDArray x = TestArrays.map(TestArrays.doubles(15, 2, 3, 4), v -> v < 0 ? v - 0.1 : v + 0.1);
    assertEquals(0, relu.forward(List.of(x), true).minNumber().doubleValue());
    GradientCheck.check(relu, x);
  }

  @Test
  void relu6AwayFromBothKinks() {
    LayerOp relu6 = op(new Relu6Spec(), Shape.of(20));
    INDArray x = TestArrays.map(TestArrays.uniform(16, DataType.DOUBLE, -2, 8, 3, 20),
        v -> Math.abs(v) < 0.1 || Math.abs(v - 6) < 0.1 ? v + 0.25 : v);
    INDArray y = relu6.forward(List.of(x), true);
    assertEquals(0, y.minNumber().doubleValue());
    assertEquals(6, y.maxNumber().doubleValue());
    GradientCheck.check(relu6, x);
  }

  @Test
  void addRejectsMismatchedShapes() {
    LayerOp add = op(new AddSpec(), Shape.of(3), Shape.of(3));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> add.forward(List.of(TestArrays.doubles(1, 2, 3), TestArrays.doubles(2, 2, 4)), true));
    assertEquals(true, e.getMessage().startsWith("Add"), e.getMessage());
  }
}
