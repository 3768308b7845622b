package io.qat4j.runtime.int8.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.qat4j.model.Shape;
import io.qat4j.runtime.int8.Int8Dense;
import io.qat4j.runtime.int8.QuantParams;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Int8 Dense on blocks of examples. Every expected code is worked out by hand in the comments:
 * the int32 accumulator {@code bias[u] + Σ w[u, i] × (x[i] − inputZeroPoint)}, then {@code
 * round(acc × m) + outputZeroPoint}, clamped. Compared exactly (tolerance 0).
 *
 * <p>Multipliers: {@link #ONE} = 1.0 = (2^30, shift 1) is the identity; {@link #HALF} = 0.5 =
 * (2^30, 0) rounds ties up (gemmlowp's high-mul); {@link #QUARTER} = 0.25 = (2^30, −1) halves
 * (ties up) then halves again (ties away from zero); {@link #TWO} = 2.0 = (2^30, 2).
 */
class DenseKernelTest {
  private static final QuantizedMultiplier ONE = new QuantizedMultiplier(1 << 30, 1);
  private static final QuantizedMultiplier HALF = new QuantizedMultiplier(1 << 30, 0);
  private static final QuantizedMultiplier QUARTER = new QuantizedMultiplier(1 << 30, -1);
  private static final QuantizedMultiplier TWO = new QuantizedMultiplier(1 << 30, 2);

  /** A Dense layer under construction; defaults: identity requantization, zero points 0. */
  private static final class Spec extends LinearSpec<Spec> {
    private final int inputSize;
    private final int units;

    Spec(int inputSize, int units) {
      this.inputSize = inputSize;
      this.units = units;
      this.multipliers = new QuantizedMultiplier[] {ONE};
    }

    @Override
    Spec self() {
      return this;
    }

    Int8Dense build() {
      int[] m = new int[multipliers.length];
      int[] s = new int[multipliers.length];
      for (int i = 0; i < m.length; i++) {
        m[i] = multipliers[i].multiplier();
        s[i] = multipliers[i].shift();
      }
      return new Int8Dense("fc", List.of("x"), inputSize, Shape.of(units), codes(weights),
          bias != null ? bias : new int[units], m, s, inputZeroPoint,
          new QuantParams(0.1, outputZeroPoint), clampMin, clampMax);
    }

    /** Runs every unit of each example of {@code ins} as one block. */
    byte[][] run(int[]... ins) {
      DenseKernel kernel = new DenseKernel(build());
      byte[][] in = new byte[ins.length][];
      byte[][] out = new byte[ins.length][units];
      for (int b = 0; b < ins.length; b++) {
        in[b] = codes(ins[b]);
      }
      kernel.run(in, out, 0, ins.length, 0, units, kernel.newAccumulators(ins.length));
      return out;
    }
  }

  private static Spec dense(int inputSize, int units) {
    return new Spec(inputSize, units);
  }

  private static byte[] codes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      if (values[i] < -128 || values[i] > 127) {
        throw new IllegalArgumentException("not an int8 code: " + values[i]);
      }
      b[i] = (byte) values[i];
    }
    return b;
  }

  private static byte[] filled(int n, int code) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) code);
    return b;
  }

  /** Weights u0 = (1, 1, 1, 1), u1 = (1, −1, 2, −2), u2 = (4, 3, 2, 1); bias (0, 0, 1). */
  private static Spec threeUnits() {
    return dense(4, 3).weights(1, 1, 1, 1, 1, -1, 2, -2, 4, 3, 2, 1).bias(0, 0, 1);
  }

  // x = (1, 2, 3, 4): acc u0 = 10; u1 = 1 − 2 + 6 − 8 = −3; u2 = 4 + 6 + 6 + 4 + 1 (bias) = 21.

  @Test
  void perTensorMultiplierAppliesToEveryUnit() {
    // One multiplier, 0.5, for all units; output zero point 2:
    // 10 → 5; −3 → −1.5 → −1 (ties up); 21 → 10.5 → 11. Codes 7, 1, 13.
    byte[][] out = threeUnits().multipliers(HALF).zeroPoints(0, 2).run(new int[] {1, 2, 3, 4});
    assertArrayEquals(codes(7, 1, 13), out[0]);
  }

  @Test
  void perUnitMultipliers() {
    // Multipliers 0.5, 1.0, 0.25; output zero point 2:
    // u0: 10 × 0.5 = 5 → 7; u1: −3 × 1 = −3 → −1; u2: 21 → high-mul 10.5 → 11 → /2 = 5.5 → 6
    // → 8. (Unit 0's multiplier everywhere would give 7, 1, 13.)
    byte[][] out = threeUnits().multipliers(HALF, ONE, QUARTER).zeroPoints(0, 2)
        .run(new int[] {1, 2, 3, 4});
    assertArrayEquals(codes(7, -1, 8), out[0]);
  }

  @Test
  void perUnitShiftAboveZero() {
    // Multipliers 2.0, 2.0, 0.25 (the first two shift left by 2 first): u0 20, u1 −6,
    // u2 21 → 6 as above. Output zero point 0.
    byte[][] out = threeUnits().multipliers(TWO, TWO, QUARTER).run(new int[] {1, 2, 3, 4});
    assertArrayEquals(codes(20, -6, 6), out[0]);
  }

  @Test
  void inputZeroPointIsSubtracted() {
    // Input zero point −5: codes −4, −3, −2, −1 are the reals 1, 2, 3, 4, so the result is the
    // per-tensor case's 7, 1, 13. (Not subtracting it would give u0 = −10 → −5 + 2 = −3.)
    byte[][] out = threeUnits().multipliers(HALF).zeroPoints(-5, 2)
        .run(new int[] {-4, -3, -2, -1});
    assertArrayEquals(codes(7, 1, 13), out[0]);
  }

  @Test
  void extremeInputZeroPoint() {
    // Input zero point 127: code −128 is real −255, code 127 real 0. One input, weights 1 and −1,
    // × 0.5: −255 → −127.5 → −127 (ties up); 255 → 127.5 → 128 → saturates at 127.
    byte[][] out = dense(1, 2).weights(1, -1).multipliers(HALF).zeroPoints(127, 0)
        .run(new int[] {-128}, new int[] {127});
    assertArrayEquals(codes(-127, 127), out[0]);
    assertArrayEquals(codes(0, 0), out[1]);
  }

  /**
   * Input zero point 7, 9 inputs (two groups of four and one remainder), two units: u0 weights
   * 1..9, bias 3; u1 weights −1 1 −1 1 −1 1 −1 1 2, bias −4; identity requantization.
   */
  private static Spec zeroPointSevenLayer() {
    return dense(9, 2).weights(1, 2, 3, 4, 5, 6, 7, 8, 9, -1, 1, -1, 1, -1, 1, -1, 1, 2)
        .bias(3, -4).zeroPoints(7, 0);
  }

  // Example 0: codes 7 7 7 7 | 0 7 8 7 | 0 = reals 0 0 0 0 | −7 0 1 0 | −7: the first group is all
  //   zero point (skipped); code 0 is real −7 and must count, in a group and in the remainder.
  //   u0: 5·(−7) + 7·1 + 9·(−7) + 3 = −35 + 7 − 63 + 3 = −88.
  //   u1: −1·(−7) − 1·1 + 2·(−7) − 4 = 7 − 1 − 14 − 4 = −12.
  // Example 1: codes 0 0 0 0 | 7 7 7 7 | 7 = reals −7 −7 −7 −7 | 0 …: a group of code 0 that is
  //   not the zero point. u0: −7·(1 + 2 + 3 + 4) + 3 = −67; u1: −7·(−1 + 1 − 1 + 1) − 4 = −4.
  // Example 2: every code 7 (real 0): the biases alone, 3 and −4.
  private static final int[] EX0 = {7, 7, 7, 7, 0, 7, 8, 7, 0};
  private static final int[] EX1 = {0, 0, 0, 0, 7, 7, 7, 7, 7};
  private static final int[] EX2 = {7, 7, 7, 7, 7, 7, 7, 7, 7};

  @Test
  void inputsAtTheZeroPointAreSkippedWithoutChangingResults() {
    byte[][] out = zeroPointSevenLayer().run(EX0, EX1, EX2);
    assertArrayEquals(codes(-88, -12), out[0]);
    assertArrayEquals(codes(-67, -4), out[1]);
    assertArrayEquals(codes(3, -4), out[2]);
  }

  @Test
  void accumulatorsAreResetBetweenRuns() {
    // The layer above run twice with the same accumulators: the all-zero-point example, whose
    // accumulators receive nothing, must still give the biases 3 and −4 the second time.
    DenseKernel kernel = new DenseKernel(zeroPointSevenLayer().build());
    byte[][] in = {codes(EX0), codes(EX2)};
    int[][] acc = kernel.newAccumulators(2);
    for (int round = 0; round < 2; round++) {
      byte[][] out = new byte[2][2];
      kernel.run(in, out, 0, 2, 0, 2, acc);
      assertArrayEquals(codes(-88, -12), out[0], "round " + round);
      assertArrayEquals(codes(3, -4), out[1], "round " + round);
    }
    // The examples swapped, with the same accumulators: the results swap with the inputs.
    byte[][] swapped = {in[1], in[0]};
    byte[][] out = new byte[2][2];
    kernel.run(swapped, out, 0, 2, 0, 2, acc);
    assertArrayEquals(codes(3, -4), out[0]);
    assertArrayEquals(codes(-88, -12), out[1]);
  }

  @Test
  void threeInputsRunOnlyTheRemainderLoop() {
    // x = (2, −1, 3). u0 (1, 2, 3): 2 − 2 + 9 = 9. u1 (−1, 0, 5): −2 + 15 = 13.
    byte[][] out = dense(3, 2).weights(1, 2, 3, -1, 0, 5).run(new int[] {2, -1, 3});
    assertArrayEquals(codes(9, 13), out[0]);
  }

  @Test
  void sevenInputsRunAGroupAndThreeRemainders() {
    // x = (1, 2, 3, 4, 5, 6, 7). u0 all ones: 28. u1 only the last, −2: −14 (0 if the remainder
    // loop were skipped). u2 first and sixth: 1 + 6 = 7.
    byte[][] out = dense(7, 3)
        .weights(1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, -2, 1, 0, 0, 0, 0, 1, 0)
        .run(new int[] {1, 2, 3, 4, 5, 6, 7});
    assertArrayEquals(codes(28, -14, 7), out[0]);
  }

  @Test
  void eightInputsAreTwoFullGroups() {
    // x = (1, −1, 2, −2, 3, −3, 4, −4). u0 (1, 1, 1, 1, 1, 1, 1, 1): 0.
    // u1 (1, 0, 0, 0, 0, 0, 0, −1): 1 + 4 = 5. u2 (0, 0, 0, 0, 2, 2, 2, 2): 2·(3 − 3 + 4 − 4) = 0,
    // bias 9 → 9.
    byte[][] out = dense(8, 3)
        .weights(1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, -1, 0, 0, 0, 0, 2, 2, 2, 2)
        .bias(0, 0, 9).run(new int[] {1, -1, 2, -2, 3, -3, 4, -4});
    assertArrayEquals(codes(0, 5, 9), out[0]);
  }

  @Test
  void eachExampleOfABlockGetsItsOwnResult() {
    // Four inputs; weights u0 (1, 1, 1, 1), u1 (1, −1, 1, −1), bias (1, 0).
    // e0 (1, 2, 3, 4): u0 10 + 1 = 11, u1 −2.   e1 (−1, 0, 5, 2): 6 + 1 = 7, u1 2.
    // e2 (0, 0, 0, 0): 1, 0.                    e3 (10, −10, 10, −10): 1, 40.
    byte[][] out = dense(4, 2).weights(1, 1, 1, 1, 1, -1, 1, -1).bias(1, 0)
        .run(new int[] {1, 2, 3, 4}, new int[] {-1, 0, 5, 2}, new int[] {0, 0, 0, 0},
            new int[] {10, -10, 10, -10});
    assertArrayEquals(codes(11, -2), out[0]);
    assertArrayEquals(codes(7, 2), out[1]);
    assertArrayEquals(codes(1, 0), out[2]);
    assertArrayEquals(codes(1, 40), out[3]);
  }

  @Test
  void blockOffsetWritesOnlyItsExamples() {
    // The layer above on examples [1, 3) of four: outputs 0 and 3 keep the sentinel 99; the
    // accumulators are indexed from 0 within the block (exactly 2 of them suffice).
    DenseKernel kernel = new DenseKernel(
        dense(4, 2).weights(1, 1, 1, 1, 1, -1, 1, -1).bias(1, 0).build());
    byte[][] in = {codes(9, 9, 9, 9), codes(1, 2, 3, 4), codes(-1, 0, 5, 2), codes(8, 8, 8, 8)};
    byte[][] out = {filled(2, 99), filled(2, 99), filled(2, 99), filled(2, 99)};
    byte[] untouched = out[0];
    kernel.run(in, out, 1, 2, 0, 2, kernel.newAccumulators(2));
    assertSame(untouched, out[0]);
    assertArrayEquals(codes(99, 99), out[0]);
    assertArrayEquals(codes(11, -2), out[1]);
    assertArrayEquals(codes(7, 2), out[2]);
    assertArrayEquals(codes(99, 99), out[3]);
  }

  @Test
  void unitRangeWritesOnlyThoseUnits() {
    // Five units, weights u_k = (k, −1), x = (2, 3): acc 2k − 3 = −3, −1, 1, 3, 5; per-unit
    // multipliers 1, 1, 2, 0.5, 1: −3, −1, 2, 1.5 → 2, 5.
    DenseKernel kernel = new DenseKernel(dense(2, 5).weights(0, -1, 1, -1, 2, -1, 3, -1, 4, -1)
        .multipliers(ONE, ONE, TWO, HALF, ONE).build());
    byte[][] in = {codes(2, 3)};
    byte[][] out = {filled(5, 99)};
    int[][] acc = kernel.newAccumulators(1);
    kernel.run(in, out, 0, 1, 1, 3, acc);
    assertArrayEquals(codes(99, -1, 2, 99, 99), out[0]);
    kernel.run(in, out, 0, 1, 3, 5, acc);
    assertArrayEquals(codes(99, -1, 2, 2, 5), out[0]);
    kernel.run(in, out, 0, 1, 2, 2, acc);
    assertArrayEquals(codes(99, -1, 2, 2, 5), out[0]);
    kernel.run(in, out, 0, 1, 0, 1, acc);
    assertArrayEquals(codes(-3, -1, 2, 2, 5), out[0]);
  }

  @Test
  void unitRangeOverABlock() {
    // Units [1, 2) of the five-unit layer for two examples, x = (2, 3) and (0, −4):
    // unit 1 (1, −1): −1 and 4.
    DenseKernel kernel = new DenseKernel(dense(2, 5).weights(0, -1, 1, -1, 2, -1, 3, -1, 4, -1)
        .multipliers(ONE, ONE, TWO, HALF, ONE).build());
    byte[][] in = {codes(2, 3), codes(0, -4)};
    byte[][] out = {filled(5, 99), filled(5, 99)};
    kernel.run(in, out, 0, 2, 1, 2, kernel.newAccumulators(2));
    assertArrayEquals(codes(99, -1, 99, 99, 99), out[0]);
    assertArrayEquals(codes(99, 4, 99, 99, 99), out[1]);
  }

  @Test
  void saturatesAtBothEnds() {
    // One input; weights 127, −128, 127, −128; bias 0, 0, 1, −1; identity requantization.
    // Example 0, real 1 (code −127, input zero point −128): 127, −128, 128 → 127, −129 → −128.
    // Example 1, real 255 (code 127): 32385 → 127, −32640 → −128, 32386 → 127, −32641 → −128.
    byte[][] out = dense(1, 4).weights(127, -128, 127, -128).bias(0, 0, 1, -1)
        .zeroPoints(-128, 0).run(new int[] {-127}, new int[] {127});
    assertArrayEquals(codes(127, -128, 127, -128), out[0]);
    assertArrayEquals(codes(127, -128, 127, -128), out[1]);
  }

  @Test
  void saturatesAfterTheOutputZeroPoint() {
    // One input of real 1; weights 100, −100, 90, −90; output zero point 30:
    // 130 → 127; −70; 120; −60.   Output zero point −30: 70; −130 → −128; 60; −120.
    Spec up = dense(1, 4).weights(100, -100, 90, -90).zeroPoints(0, 30);
    assertArrayEquals(codes(127, -70, 120, -60), up.run(new int[] {1})[0]);
    Spec down = dense(1, 4).weights(100, -100, 90, -90).zeroPoints(0, -30);
    assertArrayEquals(codes(70, -128, 60, -120), down.run(new int[] {1})[0]);
  }

  @Test
  void fusedReluClampsAtTheOutputZeroPoint() {
    // ReLU: clampMin = output zero point −10. One input of real 1; weights −5, −1, 0, 1, 5:
    // −15 → −10, −11 → −10, −10, −9, −5.
    byte[][] out = dense(1, 5).weights(-5, -1, 0, 1, 5).zeroPoints(0, -10).clamp(-10, 127)
        .run(new int[] {1});
    assertArrayEquals(codes(-10, -10, -10, -9, -5), out[0]);
  }

  @Test
  void fusedRelu6ClampsBothEnds() {
    // ReLU6 with output scale 0.1 and zero point −10: the code of 6 is 60 − 10 = 50.
    // Weights −5, 59, 60, 61, 100 on real 1: −15 → −10, 49, 50, 51 → 50, 90 → 50.
    byte[][] out = dense(1, 5).weights(-5, 59, 60, 61, 100).zeroPoints(0, -10).clamp(-10, 50)
        .run(new int[] {1});
    assertArrayEquals(codes(-10, 49, 50, 50, 50), out[0]);
  }

  @Test
  void sizesAndMacs() {
    DenseKernel kernel = new DenseKernel(dense(7, 3).weights(new int[21]).build());
    assertEquals(3, kernel.units());
    assertEquals(21, kernel.macs());
    int[][] acc = kernel.newAccumulators(4);
    assertEquals(4, acc.length);
    assertEquals(3, acc[0].length);
  }
}
