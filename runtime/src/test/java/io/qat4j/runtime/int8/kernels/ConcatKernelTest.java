package io.qat4j.runtime.int8.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.qat4j.model.Shape;
import io.qat4j.runtime.int8.Int8Concat;
import io.qat4j.runtime.int8.QuantParams;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Int8 concatenation along any axis of {@code [C, H, W]} codes, with per-input requantization.
 * Multipliers and codes are worked out by hand (see the comments) and compared exactly:
 * tolerance 0.
 */
class ConcatKernelTest {
  /** The output quantization of most tests: scale 0.4, zero point 5. */
  private static final QuantParams OUT = new QuantParams(0.4, 5);

  private static byte[] codes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  private static byte[] run(Int8Concat layer, byte[]... ins) {
    byte[] out = new byte[(int) layer.outputShape().elements()];
    ConcatKernel.run(layer, ins, out);
    return out;
  }

  private static Int8Concat plan(int axis, Shape a, Shape b, Shape out, QuantParams qa,
      QuantParams qb, QuantParams qOut) {
    return ConcatPlan.plan("cat", List.of("a", "b"), List.of(a, b), axis, out, List.of(qa, qb),
        qOut);
  }

  @Test
  void planGivesExactOneForTheOutputScale() {
    // 0.4 / 0.4 = 1 = 0.5 × 2^1 → (2^30, 1); 1.0 / 0.4 = 2.5 = 0.625 × 2^2 →
    // (0.625 × 2^31 = 1342177280, 2).
    Int8Concat layer = plan(0, Shape.of(1, 2, 2), Shape.of(1, 2, 2), Shape.of(2, 2, 2), OUT,
        new QuantParams(1.0, -3), OUT);
    assertArrayEquals(new int[] {5, -3}, layer.inputZeroPoints());
    assertArrayEquals(new int[] {1 << 30, 1342177280}, layer.multipliers());
    assertArrayEquals(new int[] {1, 2}, layer.shifts());
  }

  @Test
  void channelConcatRequantizesTheInputWithOtherParams() {
    // a: scale 0.4, zero point 5, as the output: copied, extremes included.
    // b: scale 1.0, zero point −3, × 2.5 into the output: codes 0, −6, −2, −3 are
    //   3 → 7.5 → 8 (3 << 2 = 12, × 0.625 = 7.5, a positive tie, up) → 5 + 8 = 13;
    //   −3 → −7.5 → −7 (a negative tie in the high multiply goes toward zero) → −2;
    //   1 → 2.5 → 3 → 8; 0 → 0 → 5.
    Int8Concat layer = plan(0, Shape.of(1, 2, 2), Shape.of(1, 2, 2), Shape.of(2, 2, 2), OUT,
        new QuantParams(1.0, -3), OUT);
    assertArrayEquals(codes(-128, 127, 0, 5, 13, -2, 8, 5),
        run(layer, codes(-128, 127, 0, 5), codes(0, -6, -2, -3)));
  }

  @Test
  void identityCopyWhenParamsEqual() {
    QuantParams q = new QuantParams(0.05, -7);
    Int8Concat layer = plan(0, Shape.of(2), Shape.of(3), Shape.of(5), q, q, q);
    assertArrayEquals(codes(-128, 127, -7, 0, 1),
        run(layer, codes(-128, 127), codes(-7, 0, 1)));
  }

  @Test
  void equalScalesButDifferentZeroPointsShiftTheCodes() {
    // Same scale, zero points 0 → 10: each code gains 10 (multiplier 1, shift 1 is exact);
    // 120 + 10 = 130 saturates to 127.
    QuantParams q = new QuantParams(0.05, 10);
    Int8Concat layer = plan(0, Shape.of(1), Shape.of(3), Shape.of(4), q,
        new QuantParams(0.05, 0), q);
    assertArrayEquals(codes(3, 11, -118, 127),
        run(layer, codes(3), codes(1, -128, 120)));
  }

  @Test
  void concatAlongAxis1() {
    // [2, 1, 2] + [2, 2, 2] → [2, 3, 2]: per channel, a's row then b's two rows.
    Int8Concat layer = plan(1, Shape.of(2, 1, 2), Shape.of(2, 2, 2), Shape.of(2, 3, 2), OUT,
        OUT, OUT);
    assertArrayEquals(codes(1, 2, 10, 11, 12, 13, 3, 4, 14, 15, 16, 17),
        run(layer, codes(1, 2, 3, 4), codes(10, 11, 12, 13, 14, 15, 16, 17)));
  }

  @Test
  void concatAlongAxis2() {
    // [2, 2, 1] + [2, 2, 2] → [2, 2, 3]: per row, a's value then b's two.
    Int8Concat layer = plan(2, Shape.of(2, 2, 1), Shape.of(2, 2, 2), Shape.of(2, 2, 3), OUT,
        OUT, OUT);
    assertArrayEquals(codes(1, 10, 11, 2, 12, 13, 3, 14, 15, 4, 16, 17),
        run(layer, codes(1, 2, 3, 4), codes(10, 11, 12, 13, 14, 15, 16, 17)));
  }

  @Test
  void requantizesInsideEachBlockAlongAxis2() {
    // As above, but b has scale 1.0, zero point 0 (× 2.5, + 5): 10 → 25 + 5 = 30,
    // 11 → 27.5 → 28 → 33, 2 → 5 → 10, 3 → 7.5 → 8 → 13.
    Int8Concat layer = plan(2, Shape.of(1, 2, 1), Shape.of(1, 2, 2), Shape.of(1, 2, 3), OUT,
        new QuantParams(1.0, 0), OUT);
    assertArrayEquals(codes(1, 30, 33, 2, 10, 13),
        run(layer, codes(1, 2), codes(10, 11, 2, 3)));
  }

  @Test
  void requantizedInputSaturates() {
    // b: scale 1.0, zero point 0, × 2.5, + 5:
    //   48 → 120 → 125; 49 → 122.5 → 123 → 128 → 127; 60 → 150 → 155 → 127;
    //   −53 → −132.5 → −132 (negative tie toward zero) → −127; −54 → −135 → −130 → −128;
    //   −128 → −320 → −315 → −128.
    Int8Concat layer = plan(0, Shape.of(1), Shape.of(6), Shape.of(7), OUT,
        new QuantParams(1.0, 0), OUT);
    assertArrayEquals(codes(0, 125, 127, 127, -127, -128, -128),
        run(layer, codes(0), codes(48, 49, 60, -53, -54, -128)));
  }

  @Test
  void concatOfThreeFlatInputs() {
    Int8Concat layer = ConcatPlan.plan("cat", List.of("a", "b", "c"),
        List.of(Shape.of(2), Shape.of(1), Shape.of(3)), 0, Shape.of(6), List.of(OUT, OUT, OUT),
        OUT);
    assertArrayEquals(codes(1, 2, 3, 4, 5, 6),
        run(layer, codes(1, 2), codes(3), codes(4, 5, 6)));
  }

  @Test
  void rejectsArraysThatDoNotFit() {
    Int8Concat layer = plan(0, Shape.of(2), Shape.of(3), Shape.of(5), OUT, OUT, OUT);
    assertThrows(IllegalArgumentException.class,
        () -> ConcatKernel.run(layer, new byte[][] {new byte[2]}, new byte[5]));
    assertThrows(IllegalArgumentException.class,
        () -> ConcatKernel.run(layer, new byte[][] {new byte[2], new byte[2]}, new byte[5]));
    assertThrows(IllegalArgumentException.class,
        () -> ConcatKernel.run(layer, new byte[][] {new byte[2], new byte[3]}, new byte[6]));
  }

  @Test
  void planRejectsMismatchedQuantizations() {
    assertThrows(IllegalArgumentException.class,
        () -> ConcatPlan.plan("cat", List.of("a", "b"), List.of(Shape.of(1), Shape.of(1)), 0,
            Shape.of(2), List.of(OUT), OUT));
  }
}
