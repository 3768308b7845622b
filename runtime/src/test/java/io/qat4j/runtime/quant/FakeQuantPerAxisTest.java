package io.qat4j.runtime.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.qat4j.model.QuantScheme;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Per-axis fake quantization: one range per index of axis 0. Each channel must come out exactly as
 * per-tensor quantization of that channel alone (same operations on the same values, so tolerance
 * 0); hand-computed values use 1e-12, a few double roundings of values below 4.
 */
class FakeQuantPerAxisTest {
  private static final QuantScheme WEIGHTS = QuantScheme.INT8_WEIGHTS_PER_CHANNEL;

  /** Channel 0 in [-1, 1] (scale 1/127), channel 1 in [-4, 4] (scale 4/127). */
  private static final List<NudgedRange> TWO_CHANNELS =
      List.of(NudgedRange.of(-1, 1, WEIGHTS), NudgedRange.of(-4, 4, WEIGHTS));

  @Test
  void denseWeightsUseEachRowsRange() {
    INDArray w = Nd4j.createFromArray(new double[][] {{0.5, 3, -0.01}, {0.5, 3, -0.01}});
    INDArray q = FakeQuant.perAxis(w, TWO_CHANNELS);
    // Row 0: 0.5 * 127 = 63.5 steps above -1 + 127 -> code 64; 3 clamps to 1; -0.01 -> -1 step.
    // Row 1: 0.5 * 127 / 4 = 15.875 -> 16; 3 * 127 / 4 = 95.25 -> 95; -0.01 -> 0.
    assertArrayEquals(
        new double[] {64.0 / 127, 1, -1.0 / 127}, q.getRow(0).toDoubleVector(), 1e-12);
    assertArrayEquals(
        new double[] {16 * 4.0 / 127, 95 * 4.0 / 127, 0}, q.getRow(1).toDoubleVector(), 1e-12);
  }

  @Test
  void convWeightsMatchPerTensorQuantizationOfEachOutputChannel() {
    INDArray w = Nd4j.linspace(DataType.DOUBLE, -5, 0.43, 2 * 3 * 2 * 2).reshape(2, 3, 2, 2);
    INDArray q = FakeQuant.perAxis(w, TWO_CHANNELS);
    INDArray mask = FakeQuant.maskPerAxis(w, TWO_CHANNELS);
    assertArrayEquals(w.shape(), q.shape());
    for (int c = 0; c < 2; c++) {
      INDArray channel = w.slice(c);
      assertEquals(FakeQuant.perTensor(channel, TWO_CHANNELS.get(c)), q.slice(c));
      assertEquals(FakeQuant.mask(channel, TWO_CHANNELS.get(c)), mask.slice(c));
    }
  }

  @Test
  void maskIsInclusivePerChannel() {
    INDArray w =
        Nd4j.createFromArray(
            new double[][] {
              {-1, 1, Math.nextUp(1.0), 3.5},
              {-4, 4, Math.nextDown(-4.0), 3.5},
            });
    assertArrayEquals(
        new double[][] {{1, 1, 0, 0}, {1, 1, 0, 1}},
        FakeQuant.maskPerAxis(w, TWO_CHANNELS).toDoubleMatrix());
  }

  @Test
  void rankOneTensorsHaveOneValuePerChannel() {
    INDArray b = Nd4j.createFromArray(2.0, 2.0);
    assertArrayEquals(
        new double[] {1, 64 * 4.0 / 127}, FakeQuant.perAxis(b, TWO_CHANNELS).toDoubleVector(), 1e-12);
  }

  @Test
  void floatTensorsStayFloat() {
    INDArray w = Nd4j.createFromArray(new float[][] {{0.5f}, {0.5f}});
    INDArray q = FakeQuant.perAxis(w, TWO_CHANNELS);
    assertEquals(DataType.FLOAT, q.dataType());
    // Float precision at magnitude 1: a few ulps of 1.2e-7.
    assertArrayEquals(
        new double[] {64.0 / 127, 16 * 4.0 / 127},
        q.castTo(DataType.DOUBLE).reshape(2).toDoubleVector(),
        1e-6);
  }

  @Test
  void transposedViewsAreQuantizedByTheirLogicalLayout() {
    // An f-ordered view: axis 0 of the view is not the storage's leading axis.
    INDArray w = Nd4j.createFromArray(new double[][] {{0.5, 0.5}, {3, 3}, {-9, 9}}).transpose();
    INDArray expected = Nd4j.createFromArray(new double[][] {{0.5, 3, -9}, {0.5, 3, 9}});
    assertEquals(FakeQuant.perAxis(expected, TWO_CHANNELS), FakeQuant.perAxis(w, TWO_CHANNELS));
    assertEquals(
        FakeQuant.maskPerAxis(expected, TWO_CHANNELS), FakeQuant.maskPerAxis(w, TWO_CHANNELS));
  }

  @Test
  void inputIsNotModified() {
    INDArray w = Nd4j.createFromArray(new double[][] {{0.123, 9}, {-7, 0.5}});
    INDArray copy = w.dup();
    FakeQuant.perAxis(w, TWO_CHANNELS);
    assertEquals(copy, w);
  }

  @Test
  void rangeCountMustMatchAxisZero() {
    INDArray w = Nd4j.zeros(DataType.DOUBLE, 3, 2);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FakeQuant.perAxis(w, TWO_CHANNELS));
    assertEquals(
        "per-axis fake quantization needs one range per index of axis 0: shape [3, 2], 2 ranges",
        e.getMessage());
  }
}
