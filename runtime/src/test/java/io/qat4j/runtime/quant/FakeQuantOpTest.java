package io.qat4j.runtime.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.qat4j.model.QuantScheme;
import io.qat4j.runtime.layers.Param;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The activation fake-quant node: one input, masked gradient, checkpointable range. */
class FakeQuantOpTest {
  private static final INDArray BATCH_1 = Nd4j.createFromArray(new double[][] {{-0.3, 1.7}});
  private static final INDArray BATCH_2 = Nd4j.createFromArray(new double[][] {{-1.1, 0.4}});
  private static final INDArray PROBE = Nd4j.createFromArray(new double[][] {{-2, -0.21, 0.66, 3}});

  private static FakeQuantOp trained() {
    FakeQuantOp op = FakeQuantOp.activations(QuantScheme.INT8_ACTIVATIONS, 0.9);
    op.forward(List.of(BATCH_1), true);
    op.forward(List.of(BATCH_2), true);
    return op;
  }

  @Test
  void forwardQuantizesItsOneInput() {
    FakeQuantOp op = trained();
    INDArray y = op.forward(List.of(PROBE), false);
    assertEquals(FakeQuant.perTensor(PROBE, op.quantizer().range()), y);
  }

  @Test
  void forwardNeedsExactlyOneInput() {
    FakeQuantOp op = trained();
    assertThrows(IllegalArgumentException.class, () -> op.forward(List.of(PROBE, PROBE), false));
    assertThrows(IllegalArgumentException.class, () -> op.forward(List.of(), false));
  }

  @Test
  void backwardMasksTheGradientOfItsInput() {
    FakeQuantOp op = trained();
    op.forward(List.of(PROBE), false);
    List<INDArray> grads = op.backward(Nd4j.ones(PROBE.dataType(), 1, 4));
    assertEquals(1, grads.size());
    assertArrayEquals(new double[][] {{0, 1, 1, 0}}, grads.get(0).toDoubleMatrix());
  }

  @Test
  void stateIsMinMaxAndFrozen() {
    List<Param> state = trained().state();
    assertEquals(List.of("min", "max", "frozen"), state.stream().map(Param::name).toList());
    // EMA with decay 0.9 of [-0.3, 1.7] then [-1.1, 0.4]; 1e-12 covers two multiply-adds.
    assertEquals(0.9 * -0.3 + 0.1 * -1.1, state.get(0).value().getDouble(0), 1e-12);
    assertEquals(0.9 * 1.7 + 0.1 * 0.4, state.get(1).value().getDouble(0), 1e-12);
  }

  @Test
  void stateRestoredIntoParamsInPlaceReproducesTheOp() {
    FakeQuantOp original = trained();
    original.quantizer().freeze();
    FakeQuantOp restored = FakeQuantOp.activations(QuantScheme.INT8_ACTIVATIONS, 0.9);
    List<Param> from = original.state();
    List<Param> to = restored.state();
    for (int i = 0; i < from.size(); i++) {
      to.get(i).value().assign(from.get(i).value());
    }
    assertEquals(original.quantizer().range(), restored.quantizer().range());
    assertEquals(true, restored.quantizer().isFrozen());
    assertEquals(
        original.forward(List.of(PROBE), false), restored.forward(List.of(PROBE), false));
  }

  @Test
  void stateRestoredFromDoublesContinuesTrainingIdentically() {
    FakeQuantOp original = trained();
    FakeQuantOp restored = FakeQuantOp.activations(QuantScheme.INT8_ACTIVATIONS, 0.9);
    restored.restoreState(original.stateValues());
    assertEquals(
        original.forward(List.of(PROBE), true), restored.forward(List.of(PROBE), true));
    assertArrayEquals(original.stateValues(), restored.stateValues(), 0.0);
  }

  @Test
  void defaultActivationsAreInt8WithTfmotDecay() {
    FakeQuantOp op = FakeQuantOp.activations();
    assertEquals(QuantScheme.INT8_ACTIVATIONS, op.quantizer().scheme());
    op.forward(List.of(Nd4j.createFromArray(-1.0, 1.0)), true);
    op.forward(List.of(Nd4j.createFromArray(-2.0, 3.0)), true);
    assertEquals(0.999 * 1 + 0.001 * 3, op.quantizer().tracker().max(0), 1e-12);
  }

  @Test
  void softmaxOutputHasTheFixedTfliteRange() {
    FakeQuantOp op = FakeQuantOp.softmaxOutput();
    // 255/256 and 1/256 are dyadic: exact.
    assertEquals(new NudgedRange(1.0 / 256, 0, 255.0 / 256, -128), op.quantizer().range());
    INDArray y = op.forward(List.of(Nd4j.createFromArray(0.0, 0.5, 0.3, 1.0)), true);
    assertArrayEquals(
        new double[] {0, 0.5, 77.0 / 256, 255.0 / 256}, y.toDoubleVector(), 0.0);
    assertEquals(new NudgedRange(1.0 / 256, 0, 255.0 / 256, -128), op.quantizer().range());
    assertEquals(List.of(), op.state());
  }

  @Test
  void perAxisQuantizersAreRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new FakeQuantOp(FakeQuantizer.forWeights(QuantScheme.INT8_WEIGHTS_PER_CHANNEL, 4)));
  }
}
