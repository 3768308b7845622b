package io.qat4j.runtime.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.model.QuantScheme;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed cases of TensorFlow's nudging. Where the inputs are dyadic rationals (k / 2^n)
 * every step is exact in double, so the expected values are compared with tolerance 0; elsewhere
 * 1e-15, a few ulps of values below 2, covering the handful of roundings in the formula.
 */
class NudgedRangeTest {
  private static final QuantScheme INT8 = QuantScheme.INT8_ACTIVATIONS;
  private static final QuantScheme INT8_SYMMETRIC_NARROW = QuantScheme.INT8_WEIGHTS_PER_TENSOR;
  private static final double ULPS = 1e-15;

  @Test
  void tensorflowCaseNeedsNudging() {
    // scale 1/255; zero_point_from_min = 0 + 0.1 * 255 = 25.5, rounded half away to 26.
    NudgedRange r = NudgedRange.of(-0.1, 0.9, INT8);
    assertEquals(1.0 / 255, r.scale(), ULPS);
    assertEquals(26 - 128, r.zeroPoint());
    assertEquals(-26.0 / 255, r.nudgedMin(), ULPS);
    assertEquals(229.0 / 255, r.nudgedMax(), ULPS);
  }

  @Test
  void rangeAboveZeroIsWidenedToZero() {
    NudgedRange r = NudgedRange.of(0.5, 2, INT8);
    assertEquals(2.0 / 255, r.scale(), ULPS);
    assertEquals(-128, r.zeroPoint());
    assertEquals(0.0, r.nudgedMin(), 0.0);
    assertEquals(2.0, r.nudgedMax(), ULPS);
  }

  @Test
  void rangeBelowZeroIsWidenedToZero() {
    NudgedRange r = NudgedRange.of(-2, -0.5, INT8);
    assertEquals(2.0 / 255, r.scale(), ULPS);
    assertEquals(127, r.zeroPoint());
    assertEquals(-2.0, r.nudgedMin(), ULPS);
    assertEquals(0.0, r.nudgedMax(), 0.0);
  }

  @Test
  void narrowSymmetricWeightsUseCodesMinus127To127WithZeroPointZero() {
    // m = max(0.3, 1.27) = 1.27; scale = 2 * 1.27 / 254 = 0.01.
    NudgedRange r = NudgedRange.of(-0.3, 1.27, INT8_SYMMETRIC_NARROW);
    assertEquals(0, r.zeroPoint());
    assertEquals(0.01, r.scale(), ULPS);
    assertEquals(-1.27, r.nudgedMin(), ULPS);
    assertEquals(1.27, r.nudgedMax(), ULPS);
    assertEquals(-127, INT8_SYMMETRIC_NARROW.qmin());
    assertEquals(r.nudgedMin(), r.scale() * (INT8_SYMMETRIC_NARROW.qmin() - r.zeroPoint()), ULPS);
  }

  @Test
  void symmetricFullRangeKeepsZeroPointZeroAndLosesTopHalfStep() {
    // [-1, 1] over 255 steps: zero_point_from_min 127.5 rounds to 128, the signed 0.
    NudgedRange r = NudgedRange.of(-0.25, 1, new QuantScheme(8, false, true, false));
    assertEquals(0, r.zeroPoint());
    assertEquals(2.0 / 255, r.scale(), ULPS);
    assertEquals(-256.0 / 255, r.nudgedMin(), ULPS);
    assertEquals(254.0 / 255, r.nudgedMax(), ULPS);
  }

  @Test
  void fourBitsAsymmetric() {
    // 15 steps over 3.75: scale 0.25; zero_point_from_min = 0.375 / 0.25 = 1.5, rounded to 2.
    NudgedRange r = NudgedRange.of(-0.375, 3.375, new QuantScheme(4, false, false, false));
    assertEquals(0.25, r.scale(), 0.0);
    assertEquals(2 - 8, r.zeroPoint());
    assertEquals(-0.5, r.nudgedMin(), 0.0);
    assertEquals(3.25, r.nudgedMax(), 0.0);
  }

  @Test
  void fourBitsNarrowSymmetric() {
    // Codes 1..15 over [-1, 1]: scale 2/14; zero point 1 + 7 = 8, the signed 0; codes -7..7.
    QuantScheme scheme = new QuantScheme(4, false, true, true);
    NudgedRange r = NudgedRange.of(-1, 0.7, scheme);
    assertEquals(1.0 / 7, r.scale(), ULPS);
    assertEquals(0, r.zeroPoint());
    assertEquals(-1.0, r.nudgedMin(), ULPS);
    assertEquals(1.0, r.nudgedMax(), ULPS);
    assertEquals(-7, scheme.qmin());
  }

  @Test
  void zeroPointRoundsHalfAwayFromZeroNotToEven() {
    // Scale 1; zero_point_from_min 26.5 becomes 27 (round half to even would give 26).
    NudgedRange r = NudgedRange.of(-26.5, 228.5, INT8);
    assertEquals(1.0, r.scale(), 0.0);
    assertEquals(27 - 128, r.zeroPoint());
    assertEquals(-27.0, r.nudgedMin(), 0.0);
    assertEquals(228.0, r.nudgedMax(), 0.0);
  }

  @Test
  void sixteenBits() {
    NudgedRange r = NudgedRange.of(-1, 1, new QuantScheme(16, false, true, true));
    assertEquals(1.0 / 32767, r.scale(), 1e-18);
    assertEquals(0, r.zeroPoint());
  }

  @Test
  void zeroWidthRangeGetsFloat32EpsilonScaleWithZeroExact() {
    NudgedRange r = NudgedRange.of(0, 0, INT8);
    assertEquals(0x1p-23, r.scale(), 0.0);
    assertEquals(-128, r.zeroPoint());
    assertEquals(0.0, r.nudgedMin(), 0.0);
    assertEquals(255 * 0x1p-23, r.nudgedMax(), 0.0);
  }

  @Test
  void zeroWidthSymmetricRangeIsCentredOnZero() {
    NudgedRange r = NudgedRange.of(0, 0, INT8_SYMMETRIC_NARROW);
    assertEquals(0x1p-23, r.scale(), 0.0);
    assertEquals(0, r.zeroPoint());
    assertEquals(-127 * 0x1p-23, r.nudgedMin(), 0.0);
    assertEquals(127 * 0x1p-23, r.nudgedMax(), 0.0);
  }

  @Test
  void subnormalWidthIsTreatedAsZeroWidth() {
    // Its scale would not be a normal float32, so float tensors would divide by (almost) zero.
    NudgedRange r = NudgedRange.of(0, 1e-40, INT8);
    assertEquals(0x1p-23, r.scale(), 0.0);
  }

  @Test
  void nanIsRejectedNamingTheValues() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> NudgedRange.of(Double.NaN, 1, INT8));
    assertTrue(e.getMessage().contains("[NaN, 1.0]"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> NudgedRange.of(-1, Double.NaN, INT8));
  }

  @Test
  void infinityIsRejectedNamingTheValues() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> NudgedRange.of(-1, Double.POSITIVE_INFINITY, INT8));
    assertTrue(e.getMessage().contains("Infinity"), e.getMessage());
  }

  @Test
  void invertedRangeIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> NudgedRange.of(2, 1, INT8));
  }

  @Test
  void bitsOutside2To16AreRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> NudgedRange.of(-1, 1, new QuantScheme(1, false, false, false)));
    assertThrows(
        IllegalArgumentException.class,
        () -> NudgedRange.of(-1, 1, new QuantScheme(17, false, false, false)));
  }

  @Test
  void constructorRejectsRangesThatCannotBeUsed() {
    assertThrows(IllegalArgumentException.class, () -> new NudgedRange(0, -1, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> new NudgedRange(0.1, 0.5, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> new NudgedRange(0.1, -1, Double.NaN, 0));
  }

  @Test
  void randomRangesMapCodesToNudgedEdgesAndMoveByAtMostHalfAStep() {
    List<QuantScheme> schemes =
        List.of(
            INT8,
            INT8_SYMMETRIC_NARROW,
            new QuantScheme(4, false, false, true),
            new QuantScheme(12, false, true, false));
    Random random = new Random(7);
    for (int i = 0; i < 500; i++) {
      double a = random.nextGaussian() * 3;
      double b = a + Math.abs(random.nextGaussian() * 3);
      for (QuantScheme s : schemes) {
        NudgedRange r = NudgedRange.of(a, b, s);
        String where = s + " [" + a + ", " + b + "]";
        assertTrue(r.zeroPoint() >= s.qmin() && r.zeroPoint() <= s.qmax(), where);
        // Relative 1e-12: the edges are products of a scale and a code of at most 2^16.
        double tolerance = 1e-12 * Math.max(1, Math.abs(b - a));
        assertEquals(r.nudgedMin(), r.scale() * (s.qmin() - r.zeroPoint()), tolerance, where);
        assertEquals(r.nudgedMax(), r.scale() * (s.qmax() - r.zeroPoint()), tolerance, where);
        double lo = Math.min(a, 0);
        double hi = Math.max(b, 0);
        if (s.symmetric()) {
          lo = -Math.max(-lo, hi);
          hi = -lo;
        }
        assertEquals(lo, r.nudgedMin(), r.scale() / 2 + tolerance, where);
        assertEquals(hi, r.nudgedMax(), r.scale() / 2 + tolerance, where);
      }
    }
  }
}
