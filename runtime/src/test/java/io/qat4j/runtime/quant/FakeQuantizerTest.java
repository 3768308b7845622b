package io.qat4j.runtime.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.model.QuantScheme;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The quantizer's protocol: observe, then quantize, then mask the gradient. Results are compared
 * with {@link FakeQuant} on the expected range, the same computation, so tolerance 0 unless noted.
 */
class FakeQuantizerTest {
  private static final QuantScheme INT8 = QuantScheme.INT8_ACTIVATIONS;

  private static FakeQuantizer lastValue() {
    return new FakeQuantizer(INT8, RangeTracker.lastValue());
  }

  @Test
  void trainingForwardObservesThenQuantizesWithTheNewRange() {
    FakeQuantizer q = lastValue();
    INDArray x = Nd4j.createFromArray(-0.1, 0.3, 0.9);
    INDArray y = q.forward(x, true);
    NudgedRange expected = NudgedRange.of(-0.1, 0.9, INT8);
    assertEquals(expected, q.range());
    assertEquals(FakeQuant.perTensor(x, expected), y);
  }

  @Test
  void inferenceBeforeAnyRangeAsksToCalibrateOrTrain() {
    FakeQuantizer q = lastValue();
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> q.forward(Nd4j.createFromArray(1.0), false));
    assertTrue(e.getMessage().contains("calibrate or train first"), e.getMessage());
    assertFalse(q.hasRange());
  }

  @Test
  void inferenceDoesNotMoveTheRange() {
    FakeQuantizer q = lastValue();
    q.forward(Nd4j.createFromArray(-1.0, 1.0), true);
    INDArray y = q.forward(Nd4j.createFromArray(-5.0, 5.0), false);
    NudgedRange r = NudgedRange.of(-1, 1, INT8);
    assertEquals(r, q.range());
    assertArrayEquals(new double[] {r.nudgedMin(), r.nudgedMax()}, y.toDoubleVector(), 1e-12);
  }

  @Test
  void frozenQuantizerKeepsItsRangeInTraining() {
    FakeQuantizer q = lastValue();
    q.forward(Nd4j.createFromArray(-1.0, 1.0), true);
    q.freeze();
    assertTrue(q.isFrozen());
    q.forward(Nd4j.createFromArray(-5.0, 5.0), true);
    assertEquals(NudgedRange.of(-1, 1, INT8), q.range());
  }

  @Test
  void quantizerFrozenBeforeAnyDataSaysSo() {
    FakeQuantizer q = lastValue();
    q.freeze();
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> q.forward(Nd4j.createFromArray(1.0), true));
    assertTrue(e.getMessage().contains("frozen before it saw any data"), e.getMessage());
  }

  @Test
  void backwardPassesTheGradientInsideTheRangeOnly() {
    FakeQuantizer q = lastValue();
    q.forward(Nd4j.createFromArray(-1.0, 1.0), true);
    NudgedRange r = q.range();
    q.forward(Nd4j.createFromArray(-5.0, r.nudgedMin(), 0.2, r.nudgedMax(), 5.0), false);
    INDArray g = q.backward(Nd4j.createFromArray(10.0, 20.0, 30.0, 40.0, 50.0));
    assertArrayEquals(new double[] {0, 20, 30, 40, 0}, g.toDoubleVector(), 0.0);
  }

  @Test
  void backwardKeepsTheGradientsFloatType() {
    FakeQuantizer q = lastValue();
    q.forward(Nd4j.createFromArray(-1f, 1f), true);
    q.forward(Nd4j.createFromArray(-3f, 0.5f), false);
    INDArray g = q.backward(Nd4j.createFromArray(2f, 4f));
    assertEquals(DataType.FLOAT, g.dataType());
    assertArrayEquals(new float[] {0, 4}, g.toFloatVector(), 0f);
  }

  @Test
  void backwardBeforeForwardIsAnError() {
    assertThrows(
        IllegalStateException.class, () -> lastValue().backward(Nd4j.createFromArray(1.0)));
  }

  @Test
  void backwardWithAnotherShapeIsAnError() {
    FakeQuantizer q = lastValue();
    q.forward(Nd4j.createFromArray(-1.0, 1.0), true);
    assertThrows(IllegalArgumentException.class, () -> q.backward(Nd4j.createFromArray(1.0)));
  }

  @Test
  void observeCalibratesWithoutQuantizing() {
    FakeQuantizer q = new FakeQuantizer(INT8, RangeTracker.allValues());
    q.observe(Nd4j.createFromArray(-1.0, 0.5));
    q.observe(Nd4j.createFromArray(-0.5, 2.0));
    assertEquals(NudgedRange.of(-1, 2, INT8), q.range());
  }

  @Test
  void calibratingForwardObservesEvenOutsideTrainingAndPassesValuesThrough() {
    FakeQuantizer q = new FakeQuantizer(INT8, RangeTracker.allValues());
    q.calibrating(true);
    INDArray x = Nd4j.createFromArray(-1.0, 0.123, 2.0);
    assertSame(x, q.forward(x, false));
    INDArray g = Nd4j.createFromArray(1.0, 2.0, 3.0);
    assertSame(g, q.backward(g));
    q.calibrating(false);
    assertEquals(NudgedRange.of(-1, 2, INT8), q.range());
    assertEquals(FakeQuant.perTensor(x, q.range()), q.forward(x, false));
  }

  @Test
  void weightQuantizerPerChannelTracksEachOutputChannel() {
    FakeQuantizer q = FakeQuantizer.forWeights(QuantScheme.INT8_WEIGHTS_PER_CHANNEL, 2);
    INDArray w = Nd4j.createFromArray(new double[][] {{-0.5, 0.25}, {2, -1}});
    INDArray y = q.forward(w, true);
    List<NudgedRange> ranges = q.ranges();
    assertEquals(
        List.of(
            NudgedRange.of(-0.5, 0.5, QuantScheme.INT8_WEIGHTS_PER_CHANNEL),
            NudgedRange.of(-2, 2, QuantScheme.INT8_WEIGHTS_PER_CHANNEL)),
        ranges);
    assertEquals(0, ranges.get(0).zeroPoint());
    assertEquals(0.5 / 127, ranges.get(0).scale(), 1e-15);
    assertEquals(FakeQuant.perAxis(w, ranges), y);
    assertThrows(IllegalStateException.class, q::range);
  }

  @Test
  void weightQuantizerPerTensorTracksTheWholeTensor() {
    FakeQuantizer q = FakeQuantizer.forWeights(QuantScheme.INT8_WEIGHTS_PER_TENSOR, 2);
    q.forward(Nd4j.createFromArray(new double[][] {{-0.5, 0.25}, {2, -1}}), true);
    assertEquals(NudgedRange.of(-2, 2, QuantScheme.INT8_WEIGHTS_PER_TENSOR), q.range());
  }

  @Test
  void weightQuantizerTakesTheRangeOfTheCurrentWeightsInEvaluationToo() {
    FakeQuantizer q = FakeQuantizer.forWeights(QuantScheme.INT8_WEIGHTS_PER_TENSOR, 2);
    q.forward(Nd4j.createFromArray(new double[][] {{-0.5, 0.25}, {2, -1}}), true);
    // An optimizer step moved the weights; evaluation quantizes them on their own range.
    q.forward(Nd4j.createFromArray(new double[][] {{-0.5, 0.25}, {3, -1}}), false);
    assertEquals(NudgedRange.of(-3, 3, QuantScheme.INT8_WEIGHTS_PER_TENSOR), q.range());
  }

  @Test
  void activationQuantizerKeepsItsRangeInEvaluation() {
    FakeQuantizer q = FakeQuantizer.forActivations(INT8);
    q.forward(Nd4j.createFromArray(new double[] {-1, 2}), true);
    q.forward(Nd4j.createFromArray(new double[] {-5, 9}), false);
    assertEquals(NudgedRange.of(-1, 2, INT8), q.range());
  }

  @Test
  void schemeAndTrackerMustAgreeOnPerAxis() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new FakeQuantizer(QuantScheme.INT8_WEIGHTS_PER_CHANNEL, RangeTracker.lastValue()));
    assertThrows(
        IllegalArgumentException.class,
        () -> new FakeQuantizer(INT8, RangeTracker.lastValuePerAxis(3)));
  }

  @Test
  void activationQuantizersArePerTensor() {
    assertThrows(
        IllegalArgumentException.class,
        () -> FakeQuantizer.forActivations(QuantScheme.INT8_WEIGHTS_PER_CHANNEL));
  }

  @Test
  void bitsOutside2To16AreRejectedAtConstruction() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new FakeQuantizer(new QuantScheme(17, false, false, false), RangeTracker.lastValue()));
  }

  @Test
  void nanInTrainingIsRejected() {
    FakeQuantizer q = FakeQuantizer.forActivations(INT8);
    assertThrows(
        IllegalArgumentException.class,
        () -> q.forward(Nd4j.createFromArray(1.0, Double.NaN), true));
  }
}
