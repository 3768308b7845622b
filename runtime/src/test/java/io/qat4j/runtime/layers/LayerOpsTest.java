package io.qat4j.runtime.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.annotation.Activation;
import io.qat4j.annotation.Padding;
import io.qat4j.model.AddSpec;
import io.qat4j.model.AvgPoolSpec;
import io.qat4j.model.BatchNormSpec;
import io.qat4j.model.ConcatSpec;
import io.qat4j.model.Conv2DSpec;
import io.qat4j.model.DenseSpec;
import io.qat4j.model.DepthwiseConv2DSpec;
import io.qat4j.model.DropoutSpec;
import io.qat4j.model.FlattenSpec;
import io.qat4j.model.GlobalAvgPoolSpec;
import io.qat4j.model.LayerKind;
import io.qat4j.model.LayerSpec;
import io.qat4j.model.MaxPoolSpec;
import io.qat4j.model.Relu6Spec;
import io.qat4j.model.ReluSpec;
import io.qat4j.model.ReshapeSpec;
import io.qat4j.model.Shape;
import io.qat4j.model.SoftmaxSpec;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The factory: every kind, data types kept, layouts, seeded initialisation and clear errors. */
class LayerOpsTest {
  private static final Shape IMAGE = Shape.of(3, 6, 5);

  private static final Conv2DSpec CONV =
      new Conv2DSpec(4, 3, 3, 2, 2, Padding.SAME, 1, 1, true, Activation.RELU);
  private static final DepthwiseConv2DSpec DEPTHWISE =
      new DepthwiseConv2DSpec(3, 3, 1, 1, Padding.VALID, 2, 1, 1, true, Activation.RELU6);
  private static final DenseSpec DENSE = new DenseSpec(7, true, Activation.NONE);

  /** A spec of every built-in kind with input shapes that fit it. */
  static Stream<Arguments> everyKind() {
    return Stream.of(
        Arguments.of(CONV, List.of(IMAGE)),
        Arguments.of(DEPTHWISE, List.of(IMAGE)),
        Arguments.of(DENSE, List.of(Shape.of(10))),
        Arguments.of(new BatchNormSpec(1e-3, 0.99), List.of(IMAGE)),
        Arguments.of(new ReluSpec(), List.of(IMAGE)),
        Arguments.of(new Relu6Spec(), List.of(IMAGE)),
        Arguments.of(new MaxPoolSpec(2, 2, 2, 2, Padding.SAME), List.of(IMAGE)),
        Arguments.of(new AvgPoolSpec(3, 3, 2, 2, Padding.SAME), List.of(IMAGE)),
        Arguments.of(new GlobalAvgPoolSpec(), List.of(IMAGE)),
        Arguments.of(new AddSpec(), List.of(IMAGE, IMAGE)),
        Arguments.of(new ConcatSpec(0), List.of(IMAGE, Shape.of(2, 6, 5))),
        Arguments.of(new FlattenSpec(), List.of(IMAGE)),
        Arguments.of(new ReshapeSpec(List.of(5, -1)), List.of(IMAGE)),
        Arguments.of(new DropoutSpec(0.5), List.of(IMAGE)),
        Arguments.of(new SoftmaxSpec(), List.of(Shape.of(10))));
  }

  @Test
  void everyKindIsCovered() {
    Set<LayerKind> covered = everyKind()
        .map(a -> ((LayerSpec) a.get()[0]).kind())
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(LayerKind.class)));
    covered.add(LayerKind.CUSTOM); // CustomLayerOpTest
    assertEquals(EnumSet.allOf(LayerKind.class), covered);
  }

  @ParameterizedTest
  @MethodSource("everyKind")
  void floatInFloatOutWithSpecShapes(LayerSpec spec, List<Shape> inputShapes) {
    LayerOp op = LayerOps.create(spec, inputShapes, DataType.FLOAT, 1L);
    List<INDArray> inputs = inputShapes.stream()
        .map(s -> TestArrays.uniform(2, DataType.FLOAT, -1, 1, Tensors.batchShape(2, s.toArray())))
        .toList();
    INDArray out = op.forward(inputs, true);
    assertEquals(DataType.FLOAT, out.dataType());
    Ops.assertOutputShape(out, 2, spec.outputShape("l", List.of("a", "b"), inputShapes).shape());
    List<INDArray> grads = op.backward(TestArrays.uniform(3, DataType.FLOAT, -1, 1, out.shape()));
    assertEquals(inputs.size(), grads.size());
    for (int i = 0; i < inputs.size(); i++) {
      assertEquals(DataType.FLOAT, grads.get(i).dataType());
      assertArrayEquals(inputs.get(i).shape(), grads.get(i).shape());
    }
    for (Param p : op.params()) {
      assertEquals(DataType.FLOAT, p.value().dataType(), p.name());
      assertEquals(DataType.FLOAT, p.gradient().dataType(), p.name());
    }
    assertEquals(DataType.FLOAT, op.forward(inputs, false).dataType());
  }

  @ParameterizedTest
  @MethodSource("everyKind")
  void sameSeedGivesBitIdenticalParameters(LayerSpec spec, List<Shape> inputShapes) {
    LayerOp a = LayerOps.create(spec, inputShapes, DataType.FLOAT, 99L);
    LayerOp b = LayerOps.create(spec, inputShapes, DataType.FLOAT, 99L);
    assertEquals(a.params().size(), b.params().size());
    for (int i = 0; i < a.params().size(); i++) {
      assertArrayEquals(a.params().get(i).value().data().asInt(),
          b.params().get(i).value().data().asInt(), a.params().get(i).name());
    }
  }

  @Test
  void otherSeedGivesOtherWeights() {
    INDArray a = weight(LayerOps.create(CONV, List.of(IMAGE), DataType.FLOAT, 1L));
    INDArray b = weight(LayerOps.create(CONV, List.of(IMAGE), DataType.FLOAT, 2L));
    assertNotEquals(a, b);
  }

  @Test
  void weightLayoutsAndParameterNames() {
    LayerOp conv = LayerOps.create(CONV, List.of(IMAGE), DataType.FLOAT, 1L);
    assertEquals(List.of("weight", "bias"), names(conv.params()));
    assertArrayEquals(new long[] {4, 3, 3, 3}, weight(conv).shape());
    assertArrayEquals(new long[] {4}, Ops.param(conv, "bias").value().shape());
    LayerOp depthwise = LayerOps.create(DEPTHWISE, List.of(IMAGE), DataType.FLOAT, 1L);
    assertArrayEquals(new long[] {6, 1, 3, 3}, weight(depthwise).shape());
    assertArrayEquals(new long[] {6}, Ops.param(depthwise, "bias").value().shape());
    LayerOp dense = LayerOps.create(DENSE, List.of(Shape.of(10)), DataType.FLOAT, 1L);
    assertArrayEquals(new long[] {7, 10}, weight(dense).shape());
    LayerOp noBias = LayerOps.create(new DenseSpec(3, false, Activation.NONE),
        List.of(Shape.of(10)), DataType.FLOAT, 1L);
    assertEquals(List.of("weight"), names(noBias.params()));
    LayerOp bn = LayerOps.create(new BatchNormSpec(1e-3, 0.99), List.of(IMAGE), DataType.FLOAT,
        1L);
    assertEquals(List.of("gamma", "beta"), names(bn.params()));
    assertEquals(List.of("runningMean", "runningVar"), names(bn.state()));
  }

  @Test
  void startingValues() {
    LayerOp conv = LayerOps.create(CONV, List.of(IMAGE), DataType.FLOAT, 1L);
    assertEquals(0.0, Ops.param(conv, "bias").value().amaxNumber().doubleValue());
    LayerOp bn = LayerOps.create(new BatchNormSpec(1e-3, 0.99), List.of(IMAGE), DataType.DOUBLE,
        1L);
    Map<String, Double> expected =
        Map.of("gamma", 1.0, "beta", 0.0, "runningMean", 0.0, "runningVar", 1.0);
    expected.forEach((name, value) -> {
      INDArray v = Ops.param(bn, name).value();
      assertEquals(value, v.minNumber().doubleValue(), name);
      assertEquals(value, v.maxNumber().doubleValue(), name);
    });
  }

  @Test
  void heNormalBeforeReluGlorotUniformOtherwise() {
    assertEquals(WeightInit.HE_NORMAL, LayerOps.defaultInit(CONV));
    assertEquals(WeightInit.HE_NORMAL, LayerOps.defaultInit(DEPTHWISE));
    assertEquals(WeightInit.GLOROT_UNIFORM, LayerOps.defaultInit(DENSE));
    Shape wide = Shape.of(32, 8, 8);
    // 64 x 32 x 3 x 3 = 18432 draws: the sample deviation is within 2% of the target.
    INDArray he = weight(LayerOps.create(new Conv2DSpec(64, 3, 3, 1, 1, Padding.SAME, 1, 1, true,
        Activation.RELU), List.of(wide), DataType.DOUBLE, 1L));
    double heStd = Math.sqrt(2.0 / (32 * 9));
    assertEquals(heStd, he.stdNumber().doubleValue(), 0.02 * heStd);
    assertEquals(0, he.meanNumber().doubleValue(), 0.003);
    INDArray glorot = weight(LayerOps.create(new Conv2DSpec(64, 3, 3, 1, 1, Padding.SAME, 1, 1,
        true, Activation.NONE), List.of(wide), DataType.DOUBLE, 1L));
    double limit = Math.sqrt(6.0 / (32 * 9 + 64 * 9));
    assertTrue(glorot.amaxNumber().doubleValue() <= limit);
    assertEquals(limit / Math.sqrt(3), glorot.stdNumber().doubleValue(), 0.02 * limit);
  }

  @Test
  void explicitInitAndTransformAreHonoured() {
    LayerOp he = LayerOps.create(DENSE, List.of(Shape.of(10)), DataType.DOUBLE, 1L,
        WeightInit.HE_NORMAL, TensorTransform.IDENTITY);
    LayerOp glorot = LayerOps.create(DENSE, List.of(Shape.of(10)), DataType.DOUBLE, 1L);
    assertFalse(weight(he).equals(weight(glorot)));
    assertArrayEquals(
        WeightInit.HE_NORMAL.create(new long[] {7, 10}, 10, 7, DataType.DOUBLE, 1L)
            .data().asDouble(),
        weight(he).data().asDouble());
  }

  @Test
  void errorsNameTheLayerKind() {
    assertMessage("Dense", () -> LayerOps.create(DENSE, List.of(IMAGE), DataType.FLOAT, 1L));
    assertMessage("Conv2D", () -> LayerOps.create(CONV, List.of(Shape.of(10)), DataType.FLOAT,
        1L));
    assertMessage("MaxPool", () -> LayerOps.create(new MaxPoolSpec(9, 9, 1, 1, Padding.VALID),
        List.of(IMAGE), DataType.FLOAT, 1L));
    assertMessage("Add", () -> LayerOps.create(new AddSpec(), List.of(IMAGE), DataType.FLOAT,
        1L));
    assertMessage("Softmax", () -> LayerOps.create(new SoftmaxSpec(), List.of(Shape.of(4)),
        DataType.INT32, 1L));
    assertMessage("ReLU", () -> LayerOps.create(new ReluSpec(), List.of(IMAGE), DataType.FLOAT,
        1L, WeightInit.HE_NORMAL, new Doubling()));
    assertMessage("Dropout", () -> LayerOps.create(new DropoutSpec(1.5), List.of(IMAGE),
        DataType.FLOAT, 1L));
  }

  @Test
  void inputOfAnotherTypeThanTheParametersIsRejected() {
    LayerOp op = LayerOps.create(DENSE, List.of(Shape.of(10)), DataType.FLOAT, 1L);
    assertMessage("Dense",
        () -> op.forward(List.of(TestArrays.doubles(1, 2, 10)), true));
  }

  private static void assertMessage(String kind, Runnable action) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::run);
    assertTrue(e.getMessage().startsWith(kind + " "), e.getMessage());
  }

  /** Any transform other than the identity. */
  private static final class Doubling implements TensorTransform {
    @Override
    public INDArray forward(INDArray x, boolean training) {
      return x.mul(2);
    }

    @Override
    public INDArray backward(INDArray gradient) {
      return gradient.mul(2);
    }
  }

  private static INDArray weight(LayerOp op) {
    return Ops.param(op, "weight").value();
  }

  private static List<String> names(List<Param> params) {
    return params.stream().map(Param::name).toList();
  }
}
