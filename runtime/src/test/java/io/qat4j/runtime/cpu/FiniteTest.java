package io.qat4j.runtime.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class FiniteTest {
  /** Longer than one chunk of the pass, so later chunks are checked too. */
  private static final int LENGTH = 20_000;

  private static INDArray floats(float fill) {
    return Nd4j.valueArrayOf(new long[] {4, LENGTH / 4}, fill, DataType.FLOAT);
  }

  @Test
  void ordinaryFloatsAreFinite() {
    assertTrue(Finite.all(Nd4j.rand(DataType.FLOAT, 4, LENGTH / 4).subi(0.5)));
  }

  @Test
  void hugeFloatsAreFiniteThoughTheirSumIsNot() {
    INDArray x = floats(Float.MAX_VALUE);
    x.putScalar(7, -Float.MAX_VALUE);
    assertTrue(Finite.all(x));
  }

  @Test
  void smallestSubnormalAndZerosAreFinite() {
    INDArray x = floats(Float.MIN_VALUE);
    x.putScalar(3, -0f);
    assertTrue(Finite.all(x));
  }

  @Test
  void nanAnywhereIsFound() {
    for (int at : new int[] {0, 1, 8191, 8192, LENGTH - 1}) {
      INDArray x = floats(0.25f);
      x.putScalar(at, Float.NaN);
      assertFalse(Finite.all(x), "NaN at " + at);
      assertEquals(at, Finite.first(x));
    }
  }

  @Test
  void infinitiesAreFound() {
    for (float bad : new float[] {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
      INDArray x = floats(1f);
      x.putScalar(LENGTH - 2, bad);
      assertFalse(Finite.all(x), "" + bad);
    }
  }

  @Test
  void doublesAreCheckedInDouble() {
    // 1e300 is finite as a double but would be infinite as a float.
    INDArray x = Nd4j.valueArrayOf(new long[] {LENGTH}, 1e300, DataType.DOUBLE);
    assertTrue(Finite.all(x));
    x.putScalar(12_345, Double.NEGATIVE_INFINITY);
    assertFalse(Finite.all(x));
    assertEquals(12_345, Finite.first(x));
  }

  @Test
  void viewsAreCheckedThroughACopy() {
    INDArray x = floats(2f);
    x.putScalar(new long[] {3, 100}, Float.NaN);
    INDArray column = x.getColumn(100);
    assertFalse(Memory.isDense(column));
    assertFalse(Finite.all(column));
    assertTrue(Finite.all(x.getColumn(99)));
  }

  @Test
  void integersAreAlwaysFinite() {
    assertTrue(Finite.all(Nd4j.createFromArray(1L, Long.MAX_VALUE, -1L)));
    assertEquals(-1, Finite.first(Nd4j.createFromArray(1, 2, 3)));
  }

  @Test
  void firstIsMinusOneWhenAllAreFinite() {
    assertEquals(-1, Finite.first(floats(3f)));
  }
}
