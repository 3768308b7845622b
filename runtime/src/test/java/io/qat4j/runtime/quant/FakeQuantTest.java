package io.qat4j.runtime.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.qat4j.model.QuantScheme;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Per-tensor fake quantization and its mask. In double the output goes through four roundings of
 * values below 1 (subtract, divide, multiply, add), so 1e-12 is far above the error and far below
 * one step (1/255); dyadic cases are exact and compared with tolerance 0.
 */
class FakeQuantTest {
  /** [-0.1, 0.9] nudged to [-26/255, 229/255]: the grid is k/255 for k in -26..229. */
  private static final NudgedRange TF_CASE =
      NudgedRange.of(-0.1, 0.9, QuantScheme.INT8_ACTIVATIONS);

  /** Scale 1, nudged [-128, 127]: every value is exact, so rounding is seen plainly. */
  private static final NudgedRange UNIT = NudgedRange.of(-128, 127, QuantScheme.INT8_ACTIVATIONS);

  private static final double TOLERANCE = 1e-12;

  private static INDArray doubles(double... values) {
    return Nd4j.createFromArray(values);
  }

  @Test
  void gridValuesAreKept() {
    double[] grid = {-26.0 / 255, -1.0 / 255, 0, 1.0 / 255, 100.0 / 255, 229.0 / 255};
    assertArrayEquals(
        grid, FakeQuant.perTensor(doubles(grid), TF_CASE).toDoubleVector(), TOLERANCE);
  }

  @Test
  void valuesRoundToTheNearestStep() {
    INDArray x = doubles(10.3 / 255, 10.7 / 255, -3.2 / 255, -3.8 / 255);
    assertArrayEquals(
        new double[] {10.0 / 255, 11.0 / 255, -3.0 / 255, -4.0 / 255},
        FakeQuant.perTensor(x, TF_CASE).toDoubleVector(),
        TOLERANCE);
  }

  @Test
  void halfStepsRoundUpAsTensorflowsFloorOfVPlusHalf() {
    // floor(v + 0.5) on v = x - nudged_min >= 0: -3.5 goes to -3 (away from zero would give -4,
    // to even -4) and 2.5 to 3 (to even would give 2).
    INDArray x = doubles(-3.5, 2.5, 0.5, -0.5);
    assertArrayEquals(
        new double[] {-3, 3, 1, 0}, FakeQuant.perTensor(x, UNIT).toDoubleVector(), 0.0);
  }

  @Test
  void zeroIsExact() {
    assertEquals(0.0, FakeQuant.perTensor(doubles(0), TF_CASE).getDouble(0), 0.0);
  }

  @Test
  void valuesOutsideClampToTheNudgedEdges() {
    INDArray x = doubles(-5, -0.1, 0.9, 0.95, 1e6);
    assertArrayEquals(
        new double[] {-26.0 / 255, -26.0 / 255, 229.0 / 255, 229.0 / 255, 229.0 / 255},
        FakeQuant.perTensor(x, TF_CASE).toDoubleVector(),
        TOLERANCE);
  }

  @Test
  void valuesOnTheEdgesAreKept() {
    INDArray x = doubles(TF_CASE.nudgedMin(), TF_CASE.nudgedMax());
    assertArrayEquals(
        new double[] {TF_CASE.nudgedMin(), TF_CASE.nudgedMax()},
        FakeQuant.perTensor(x, TF_CASE).toDoubleVector(),
        TOLERANCE);
  }

  @Test
  void maskIsOneInsideAndOnTheEdgesZeroJustOutside() {
    double lo = TF_CASE.nudgedMin();
    double hi = TF_CASE.nudgedMax();
    INDArray x = doubles(Math.nextDown(lo), lo, 0, 0.5, hi, Math.nextUp(hi), -5, 5);
    assertArrayEquals(
        new double[] {0, 1, 1, 1, 1, 0, 0, 0},
        FakeQuant.mask(x, TF_CASE).toDoubleVector(),
        0.0);
  }

  @Test
  void floatMaskIsInclusiveOnTheFloatRoundedEdges() {
    // The range constants are rounded to float first, so a float input equal to the rounded edge
    // is inside, and the next float outward is outside.
    float lo = (float) TF_CASE.nudgedMin();
    float hi = (float) TF_CASE.nudgedMax();
    INDArray x = Nd4j.createFromArray(Math.nextDown(lo), lo, hi, Math.nextUp(hi));
    INDArray mask = FakeQuant.mask(x, TF_CASE);
    assertEquals(DataType.FLOAT, mask.dataType());
    assertArrayEquals(new float[] {0, 1, 1, 0}, mask.toFloatVector(), 0f);
  }

  @Test
  void floatResultIsTheDoubleResultToFloatPrecision() {
    // No value on a half step, where float and double may round differently by design.
    double[] values = {-0.2, -0.05, 0.0123, 0.33, 0.51, 0.77, 0.91};
    INDArray asFloat = Nd4j.createFromArray(values).castTo(DataType.FLOAT);
    INDArray result = FakeQuant.perTensor(asFloat, TF_CASE);
    assertEquals(DataType.FLOAT, result.dataType());
    // A few float ulps at magnitude 1 (ulp 1.2e-7); far below a step of 1/255.
    assertArrayEquals(
        FakeQuant.perTensor(Nd4j.createFromArray(values), TF_CASE).toDoubleVector(),
        result.castTo(DataType.DOUBLE).toDoubleVector(),
        1e-6);
  }

  @Test
  void halfPrecisionKeepsItsType() {
    INDArray x = Nd4j.createFromArray(-3.5, 2.5, 0.4).castTo(DataType.FLOAT16);
    INDArray result = FakeQuant.perTensor(x, UNIT);
    assertEquals(DataType.FLOAT16, result.dataType());
    assertArrayEquals(new double[] {-3, 3, 0}, result.castTo(DataType.DOUBLE).toDoubleVector(), 0);
  }

  @Test
  void shapeIsKeptAndInputIsNotModified() {
    INDArray x = Nd4j.createFromArray(new double[][] {{0.123, -0.4}, {0.5, 2}});
    INDArray copy = x.dup();
    INDArray result = FakeQuant.perTensor(x, TF_CASE);
    assertArrayEquals(new long[] {2, 2}, result.shape());
    assertEquals(copy, x);
  }

  @Test
  void viewsAreQuantizedByValue() {
    INDArray x = Nd4j.createFromArray(new double[][] {{1.2, -7}, {3.7, 9}});
    INDArray column = x.getColumn(0);
    assertArrayEquals(
        new double[] {1, 4}, FakeQuant.perTensor(column, UNIT).toDoubleVector(), 0.0);
  }

  @Test
  void integerTensorsAreRejected() {
    INDArray ints = Nd4j.createFromArray(1, 2, 3);
    assertThrows(IllegalArgumentException.class, () -> FakeQuant.perTensor(ints, UNIT));
  }
}
