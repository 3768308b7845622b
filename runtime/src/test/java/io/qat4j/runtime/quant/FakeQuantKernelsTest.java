package io.qat4j.runtime.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qat4j.model.QuantScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The Java fake-quantization kernels against the array-op formulation they replace, bit for bit:
 * values, straight-through masks and range scans, over several chunks, per tensor and per axis, in
 * float and double, with values on, inside and outside the range edges, NaN and infinities.
 */
class FakeQuantKernelsTest {
  private static final QuantScheme INT8 = QuantScheme.INT8_ACTIVATIONS;

  @Test
  void floorOfPositiveIsFloorOnItsWholeDomain() {
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 2_000_000; i++) {
      float y = (float) (random.nextDouble() * (i % 2 == 0 ? 4 : 70000));
      assertEquals(Math.floor(y), FakeQuantKernels.floorOfPositive(y), 0.0, "floor of " + y);
      double d = random.nextDouble() * 1e9;
      assertEquals(Math.floor(d), FakeQuantKernels.floorOfPositive(d), 0.0, "floor of " + d);
    }
    for (float y : new float[] {0, 0.5f, 1, 1.5f, 2, Math.nextDown(1f), Math.nextUp(1f),
        Math.nextDown(65536f), 8388607.5f, 8388607f}) {
      assertEquals(Math.floor(y), FakeQuantKernels.floorOfPositive(y), 0.0, "floor of " + y);
    }
  }

  @Test
  void perTensorMatchesArrayOpsInFloatAndDouble() {
    NudgedRange range = NudgedRange.of(-0.73, 1.91, INT8);
    for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
      INDArray x = values(type, 100_003, range.nudgedMin(), range.nudgedMax(), 2);
      FakeQuantKernels.Outside outside = new FakeQuantKernels.Outside();
      INDArray q = FakeQuantKernels.quantize(x, new double[] {range.nudgedMin()},
          new double[] {range.nudgedMax()}, new double[] {range.scale()}, outside);
      INDArray[] expected = arrayOps(x, range);
      assertBits(expected[0], q);
      assertArrayEquals(expected[1].castTo(DataType.INT8).data().asBytes(), outside.toBytes());
    }
  }

  @Test
  void perAxisMatchesArrayOps() {
    List<NudgedRange> ranges = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(2);
    int rows = 7;
    for (int r = 0; r < rows; r++) {
      double m = 0.1 + random.nextDouble();
      ranges.add(NudgedRange.of(-m, m, QuantScheme.INT8_WEIGHTS_PER_CHANNEL));
    }
    for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
      // Rows of 11,001 values: chunks of the kernel cross row boundaries.
      INDArray x = values(type, rows * 11_001L, -1.2, 1.2, 3).reshape(rows, 11_001);
      Quantized q = FakeQuant.withMaskPerAxis(x, ranges);
      for (int r = 0; r < rows; r++) {
        INDArray row = x.getRow(r).dup();
        INDArray[] expected = arrayOps(row, ranges.get(r));
        assertBits(expected[0], q.values().getRow(r).dup());
        assertArrayEquals(expected[1].data().asBytes(),
            q.mask().getRow(r).dup().castTo(DataType.BOOL).data().asBytes());
      }
    }
  }

  @Test
  void quantizerBackwardPassesTheGradientInsideTheRangeOnly() {
    FakeQuantizer q = FakeQuantizer.forActivations(INT8);
    INDArray first = values(DataType.FLOAT, 70_001, -1, 1, 4, false);
    q.forward(first, true);
    // The range is now the first batch's; a wider batch has values outside it.
    INDArray x = values(DataType.FLOAT, 70_001, -1.5, 1.5, 5, false);
    INDArray y = q.forward(x, true);
    NudgedRange range = q.range();
    assertBits(arrayOps(x, range)[0], y);
    INDArray g = values(DataType.FLOAT, 70_001, -3, 3, 6);
    INDArray expected = g.mul(arrayOps(x, range)[1].castTo(DataType.FLOAT));
    assertBits(expected, q.backward(g));
  }

  @Test
  void rangeScanMatchesMinAndMax() {
    for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
      INDArray x = values(type, 3 * 40_000L, -4, 9, 7, false).reshape(3, 40_000);
      double[][] r = FakeQuantKernels.range(x, 3);
      for (int i = 0; i < 3; i++) {
        assertEquals(x.getRow(i).minNumber().doubleValue(), r[0][i], 0.0);
        assertEquals(x.getRow(i).maxNumber().doubleValue(), r[1][i], 0.0);
      }
      double[][] all = FakeQuantKernels.range(x, 1);
      assertEquals(x.minNumber().doubleValue(), all[0][0], 0.0);
      assertEquals(x.maxNumber().doubleValue(), all[1][0], 0.0);
      // A NaN shows in both ends (the tracker then reports it).
      x.putScalar(50_000, Double.NaN);
      double[][] withNan = FakeQuantKernels.range(x, 3);
      assertEquals(Double.NaN, withNan[0][1]);
      assertEquals(Double.NaN, withNan[1][1]);
      assertEquals(r[0][0], withNan[0][0], 0.0);
    }
  }

  /**
   * Uniform values in [lo − spread, hi + spread] of which some sit exactly on lo, hi, 0 and
   * just past the edges, plus NaN and infinities.
   */
  private static INDArray values(DataType type, long n, double lo, double hi, long seed) {
    return values(type, n, lo, hi, seed, true);
  }

  /** As above, without NaN and infinities when {@code nonFinite} is false. */
  private static INDArray values(
      DataType type, long n, double lo, double hi, long seed, boolean nonFinite) {
    SplittableRandom random = new SplittableRandom(seed);
    double spread = (hi - lo) * 0.2;
    INDArray x = Nd4j.create(type, n);
    for (long i = 0; i < n; i++) {
      double v = lo - spread + random.nextDouble() * (hi - lo + 2 * spread);
      x.putScalar(i, v);
    }
    x.putScalar(0, lo);
    x.putScalar(1, hi);
    x.putScalar(2, 0.0);
    x.putScalar(3, -0.0);
    if (nonFinite) {
      x.putScalar(4, Float.NaN);
      x.putScalar(5, Double.POSITIVE_INFINITY);
      x.putScalar(6, Double.NEGATIVE_INFINITY);
    }
    x.putScalar(7, type == DataType.FLOAT ? Math.nextUp((float) hi) : Math.nextUp(hi));
    x.putScalar(8, type == DataType.FLOAT ? Math.nextDown((float) lo) : Math.nextDown(lo));
    return x;
  }

  /** The array-op formulation: {@code {values, mask}}. */
  private static INDArray[] arrayOps(INDArray x, NudgedRange range) {
    double min = range.nudgedMin();
    double scale = range.scale();
    INDArray out = Transforms.min(Transforms.max(x, min, true), range.nudgedMax(), false);
    INDArray mask = out.eq(x);
    out.subi(min).divi(scale).addi(0.5);
    Transforms.floor(out, false).muli(scale).addi(min);
    return new INDArray[] {out, mask};
  }

  private static void assertBits(INDArray expected, INDArray actual) {
    assertEquals(expected.dataType(), actual.dataType());
    assertArrayEquals(expected.shape(), actual.shape());
    double[] e = expected.dup('c').data().asDouble();
    double[] a = actual.dup('c').data().asDouble();
    for (int i = 0; i < e.length; i++) {
      assertEquals(Double.doubleToLongBits(e[i]), Double.doubleToLongBits(a[i]),
          "element " + i + ": expected " + e[i] + " but got " + a[i]);
    }
  }
}
