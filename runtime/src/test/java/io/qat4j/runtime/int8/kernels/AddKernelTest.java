package io.qat4j.runtime.int8.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.qat4j.model.Shape;
import io.qat4j.runtime.int8.Int8Add;
import io.qat4j.runtime.int8.QuantParams;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * TFLite's int8 Add and its plan. Multipliers and output codes are worked out by hand from the
 * formulas (shown in the comments) and compared exactly: tolerance 0.
 */
class AddKernelTest {

  private static byte[] codes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  private static byte[] add(Int8Add layer, byte[] a, byte[] b) {
    byte[] out = new byte[a.length];
    AddKernel.run(layer, a, b, out);
    return out;
  }

  /** Scales 0.75, 0.25 and 0.5; zero points −10, 5 and −3. */
  private static Int8Add residual(int n) {
    return AddPlan.plan("add", List.of("a", "b"), Shape.of(n), new QuantParams(0.75, -10),
        new QuantParams(0.25, 5), new QuantParams(0.5, -3), -128, 127);
  }

  /** Scale 1 and zero point 0 on both inputs; the output's zero point given. */
  private static Int8Add sameScale(int n, int outZeroPoint, int clampMin) {
    return AddPlan.plan("add", List.of("a", "b"), Shape.of(n), new QuantParams(1.0, 0),
        new QuantParams(1.0, 0), new QuantParams(1.0, outZeroPoint), clampMin, 127);
  }

  @Test
  void planComputesTfliteMultipliersForDifferentScales() {
    // twiceMax = 1.5. m1 = 0.75 / 1.5 = 0.5 → (2^30, 0).
    // m2 = 0.25 / 1.5 = 1/6 = (2/3) × 2^−2 → round(2/3 × 2^31) = round(1431655765.33) =
    //   1431655765, shift −2.
    // mOut = 1.5 / (2^20 × 0.5) = 3 × 2^−20 = 0.75 × 2^−18 → (0.75 × 2^31 = 1610612736, −18).
    Int8Add layer = residual(1);
    assertEquals(-10, layer.firstZeroPoint());
    assertEquals(1 << 30, layer.firstMultiplier());
    assertEquals(0, layer.firstShift());
    assertEquals(5, layer.secondZeroPoint());
    assertEquals(1431655765, layer.secondMultiplier());
    assertEquals(-2, layer.secondShift());
    assertEquals(20, layer.leftShift());
    assertEquals(1610612736, layer.outputMultiplier());
    assertEquals(-18, layer.outputShift());
  }

  @Test
  void residualAddWithDifferentScalesPositiveTie() {
    // a = −8: a − z1 = 2 (real 1.5); b = 8: b − z2 = 3 (real 0.75); sum 2.25 / 0.5 = 4.5.
    // x1 = 2 << 20 = 2097152, × 0.5 → s1 = 1048576.
    // x2 = 3 << 20 = 3145728, high-mul by 1431655765: 3 × 1431655765 / 2^11 = 2097151.9995
    //   → 2097152, then / 2^2 → s2 = 524288.
    // sum = 1572864, × 0.75 = 1179648 exactly, / 2^18 = 4.5 → 5; + (−3) = 2.
    assertArrayEquals(codes(2), add(residual(1), codes(-8), codes(8)));
  }

  @Test
  void residualAddWithDifferentScalesNegativeSum() {
    // a = −11: a − z1 = −1 (real −0.75); b = 6: b − z2 = 1 (real 0.25); sum −0.5 / 0.5 = −1.
    // x1 = −2^20, × 0.5 → s1 = −524288.
    // x2 = 2^20, high-mul: 1431655765 / 2^11 = 699050.67 → 699051, / 4 = 174762.75 → 174763.
    // sum = −349525, × 0.75 = −262143.75 → −262144, / 2^18 = −1; + (−3) = −4.
    assertArrayEquals(codes(-4), add(residual(1), codes(-11), codes(6)));
  }

  @Test
  void residualAddElementwise() {
    // Element 0 as in the positive-tie case (2); element 1: a = z1, b = z2 → 0 + (−3) = −3;
    // element 2: a − z1 = 4 (3.0), b − z2 = −4 (−1.0): 2.0 / 0.5 = 4 → s1 = 2^21,
    //   s2: −4 << 20 = −4194304, high-mul −4 × 1431655765 / 2^11 = −2796202.67 → −2796203,
    //   / 4 = −699050.75 → −699051; sum = 1398101, × 0.75 = 1048575.75 → 1048576,
    //   / 2^18 = 4; + (−3) = 1.
    assertArrayEquals(codes(2, -3, 1),
        add(residual(3), codes(-8, -10, -6), codes(8, 5, 1)));
  }

  @Test
  void sameScaleAdd() {
    // twiceMax = 2: m1 = m2 = 0.5 → (2^30, 0); mOut = 2 / 2^20 = 2^−19 → (2^30, −18).
    // 3 + 4: (3 << 20) × 0.5 + (4 << 20) × 0.5 = 7 × 2^19, × 0.5 = 7 × 2^18, / 2^18 = 7.
    Int8Add layer = sameScale(3, 0, -128);
    assertEquals(1 << 30, layer.firstMultiplier());
    assertEquals(1 << 30, layer.secondMultiplier());
    assertEquals(1 << 30, layer.outputMultiplier());
    assertEquals(-18, layer.outputShift());
    // 3 + 4 = 7; −50 + 20 = −30; 0 + 0 = 0.
    assertArrayEquals(codes(7, -30, 0), add(layer, codes(3, -50, 0), codes(4, 20, 0)));
  }

  @Test
  void saturatesAt127() {
    // 100 + 100 = 200 > 127; 127 + 1 = 128 > 127; 126 + 1 = 127 fits.
    assertArrayEquals(codes(127, 127, 127),
        add(sameScale(3, 0, -128), codes(100, 127, 126), codes(100, 1, 1)));
  }

  @Test
  void saturatesAtMinus128() {
    // −100 − 100 = −200 < −128; −128 − 1 = −129 < −128; −127 − 1 = −128 fits.
    assertArrayEquals(codes(-128, -128, -128),
        add(sameScale(3, 0, -128), codes(-100, -128, -127), codes(-100, -1, -1)));
  }

  @Test
  void fusedReluClampsAtTheOutputZeroPoint() {
    // Output zero point −20, clampMin −20: −5 − 3 = −8 → −28 is raised to −20; 5 + 3 = 8 → −12
    // passes; −1 + 1 = 0 → −20 sits on the clamp.
    assertArrayEquals(codes(-20, -12, -20),
        add(sameScale(3, -20, -20), codes(-5, 5, -1), codes(-3, 3, 1)));
  }

  @Test
  void inputZeroPointsAreSubtracted() {
    // Scales 1, zero points 7 and −7, output zero point 0: (10 − 7) + (−10 + 7) = 0;
    // (7 − 7) + (0 + 7) = 7.
    Int8Add layer = AddPlan.plan("add", List.of("a", "b"), Shape.of(2), new QuantParams(1.0, 7),
        new QuantParams(1.0, -7), new QuantParams(1.0, 0), -128, 127);
    assertArrayEquals(codes(0, 7), add(layer, codes(10, 7), codes(-10, 0)));
  }

  @Test
  void rejectsArraysThatDoNotFit() {
    Int8Add layer = sameScale(2, 0, -128);
    assertThrows(IllegalArgumentException.class,
        () -> AddKernel.run(layer, new byte[2], new byte[1], new byte[2]));
    assertThrows(IllegalArgumentException.class,
        () -> AddKernel.run(layer, new byte[2], new byte[2], new byte[3]));
  }
}
