package io.qat4j.runtime.int8.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.annotation.Padding;
import io.qat4j.model.Shape;
import io.qat4j.runtime.int8.Int8Conv;
import io.qat4j.runtime.int8.QuantParams;
import io.qat4j.runtime.layers.ConvGeometry;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Int8 Conv2D and DepthwiseConv2D on {@code [C, H, W]} codes. Every expected code is worked out
 * by hand in the comments: first the int32 accumulator {@code bias + Σ w × (x − inputZeroPoint)},
 * then the requantization {@code round(acc × m) + outputZeroPoint}, clamped. Expected codes are
 * integers, compared exactly (tolerance 0).
 *
 * <p>Multipliers are chosen so the requantization is easy by hand: {@link #ONE} = 1.0 = (2^30,
 * shift 1) is the identity, {@link #HALF} = 0.5 = (2^30, 0) halves with gemmlowp's round-half-up
 * high-mul, {@link #QUARTER} = 0.25 = (2^30, −1) halves with the high-mul and halves again with a
 * rounding divide (ties away from zero), {@link #TWO} = 2.0 = (2^30, 2) doubles.
 *
 * <p>The output stage has two paths: shifts above 0 ({@link #ONE}, {@link #TWO}) run a scalar
 * loop, shifts of 0 and below ({@link #HALF}, {@link #QUARTER}) a vectorizable one. Tests of the
 * clamps and of saturation therefore run on both, {@link #HALF} with doubled weights standing in
 * for the identity.
 */
class ConvKernelTest {
  private static final QuantizedMultiplier ONE = new QuantizedMultiplier(1 << 30, 1);
  private static final QuantizedMultiplier HALF = new QuantizedMultiplier(1 << 30, 0);
  private static final QuantizedMultiplier QUARTER = new QuantizedMultiplier(1 << 30, -1);
  private static final QuantizedMultiplier TWO = new QuantizedMultiplier(1 << 30, 2);
  private static final Padding VALID = Padding.VALID;
  private static final Padding SAME = Padding.SAME;

  /** A convolution under construction; defaults: identity requantization, zero points 0. */
  private static final class Spec extends LinearSpec<Spec> {
    private int channels = 1;
    private int height;
    private int width;
    private int outChannels = 1;
    private ConvGeometry geometry;
    private boolean depthwise;

    Spec input(int c, int h, int w) {
      channels = c;
      height = h;
      width = w;
      return this;
    }

    Spec kernel(int kh, int kw, int stride, Padding padding) {
      return kernel(kh, kw, stride, stride, 1, padding);
    }

    Spec kernel(int kh, int kw, int strideH, int strideW, int dilation, Padding padding) {
      geometry = new ConvGeometry(kh, kw, strideH, strideW, dilation, dilation, padding);
      return this;
    }

    Spec outChannels(int o) {
      outChannels = o;
      return this;
    }

    Spec depthwise() {
      depthwise = true;
      return this;
    }

    @Override
    Spec self() {
      return this;
    }

    Int8Conv build() {
      int oh = (int) geometry.outputHeight(height);
      int ow = (int) geometry.outputWidth(width);
      int[] b = bias != null ? bias : new int[outChannels];
      QuantizedMultiplier[] m = multipliers;
      if (m == null) {
        m = new QuantizedMultiplier[outChannels];
        Arrays.fill(m, ONE);
      } else if (m.length == 1 && outChannels > 1) {
        QuantizedMultiplier only = m[0];
        m = new QuantizedMultiplier[outChannels];
        Arrays.fill(m, only);
      }
      int[] mult = new int[outChannels];
      int[] shift = new int[outChannels];
      for (int o = 0; o < outChannels; o++) {
        mult[o] = m[o].multiplier();
        shift[o] = m[o].shift();
      }
      return new Int8Conv("conv", List.of("x"), Shape.of(channels, height, width),
          Shape.of(outChannels, oh, ow), geometry, depthwise, codes(weights), b, mult, shift,
          inputZeroPoint, new QuantParams(0.05, outputZeroPoint), clampMin, clampMax);
    }

    /** Builds the layer and runs it on {@code in} with {@link ConvKernel#run}. */
    byte[] run(int... in) {
      return ConvKernelTest.run(build(), codes(in));
    }
  }

  private static Spec conv() {
    return new Spec();
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

  private static byte[] run(Int8Conv layer, byte[] in) {
    ConvKernel kernel = new ConvKernel(layer);
    byte[] out = new byte[(int) layer.outputShape().elements()];
    kernel.run(in, out, kernel.newRows(), kernel.newAccumulator());
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // (a) geometry: VALID, stride 1

  @Test
  void validTwoByTwoKernelOverThreeByThree() {
    // Input (zero point 0):  1 2 3 / 4 5 6 / 7 8 9.  Weights w00 = 1, w01 = 2, w10 = 3, w11 = 4.
    // Cross-correlation (no kernel flip), identity requantization, bias 0, output zero point 0:
    // (0,0): 1·1 + 2·2 + 3·4 + 4·5 = 37     (0,1): 1·2 + 2·3 + 3·5 + 4·6 = 47
    // (1,0): 1·4 + 2·5 + 3·7 + 4·8 = 67     (1,1): 1·5 + 2·6 + 3·8 + 4·9 = 77
    // (A flipped kernel would give 23 at (0,0).)
    byte[] out = conv().input(1, 3, 3).kernel(2, 2, 1, VALID).weights(1, 2, 3, 4)
        .run(1, 2, 3, 4, 5, 6, 7, 8, 9);
    assertArrayEquals(codes(37, 47, 67, 77), out);
  }

  @Test
  void biasMultiplierAndZeroPointsApply() {
    // As above but input zero point −3 (codes = real − 3), bias 3, multiplier 0.5, output zero
    // point −10. acc = 3 + {37, 47, 67, 77} = {40, 50, 70, 80}; × 0.5 = {20, 25, 35, 40};
    // + (−10) = {10, 15, 25, 30}.
    byte[] out = conv().input(1, 3, 3).kernel(2, 2, 1, VALID).weights(1, 2, 3, 4).bias(3)
        .multipliers(HALF).zeroPoints(-3, -10)
        .run(-2, -1, 0, 1, 2, 3, 4, 5, 6);
    assertArrayEquals(codes(10, 15, 25, 30), out);
  }

  // ---------------------------------------------------------------------------------------------
  // (b) SAME padding: padded taps are the input zero point, real 0

  @Test
  void sameThreeByThreePadsWithTheInputZeroPoint() {
    // Input zero point 5; codes 6..14 are the real values 1..9:  1 2 3 / 4 5 6 / 7 8 9.
    // 3×3 all-ones kernel, SAME, stride 1: one padded row/column on every side; each output is
    // the sum of the real values of its window, padded taps adding 0:
    // (0,0): 1+2+4+5 = 12          (0,1): 1+2+3+4+5+6 = 21     (0,2): 2+3+5+6 = 16
    // (1,0): 1+2+4+5+7+8 = 27      (1,1): 45                   (1,2): 2+3+5+6+8+9 = 33
    // (2,0): 4+5+7+8 = 24          (2,1): 4+5+6+7+8+9 = 39     (2,2): 5+6+8+9 = 28
    // Padding with code 0 (real −5) instead would subtract 5 per padded tap: (0,0) would be
    // 12 − 5·5 = −13.
    byte[] out = conv().input(1, 3, 3).kernel(3, 3, 1, SAME).weights(1, 1, 1, 1, 1, 1, 1, 1, 1)
        .zeroPoints(5, 0)
        .run(6, 7, 8, 9, 10, 11, 12, 13, 14);
    assertArrayEquals(codes(12, 21, 16, 27, 45, 33, 24, 39, 28), out);
  }

  @Test
  void sameOddPaddingGoesBottomRight() {
    // Input zero point 5, real values 1..9 as above; 2×2 kernel (1, 2 / 3, 4), SAME, stride 1:
    // total padding 1 per axis, all of it below and to the right (TensorFlow).
    // (0,0) 37, (0,1) 47, (1,0) 67, (1,1) 77 as in the VALID case;
    // (0,2): 1·3 + 3·6 (right column padded) = 21       (1,2): 1·6 + 3·9 = 33
    // (2,0): 1·7 + 2·8 (bottom row padded) = 23         (2,1): 1·8 + 2·9 = 26
    // (2,2): 1·9 = 9.
    // Padding with code 0 (real −5) would give (0,2) = 21 − 5·(2 + 4) = −9; padding top/left
    // would give (0,0) = 4·1 = 4.
    byte[] out = conv().input(1, 3, 3).kernel(2, 2, 1, SAME).weights(1, 2, 3, 4)
        .zeroPoints(5, 0)
        .run(6, 7, 8, 9, 10, 11, 12, 13, 14);
    assertArrayEquals(codes(37, 47, 21, 67, 77, 33, 23, 26, 9), out);
  }

  @Test
  void sameWithMostlyPaddedWindow() {
    // A 1×1 input of real −4 (code 1 with zero point 5) under a 3×3 SAME kernel whose taps are
    // 1..9: only the centre tap (5) is real: acc = 5 · (−4) = −20; bias 2 → −18; output zero
    // point 7 → −11. With code-0 padding the other 8 taps would add −5 · (45 − 5) = −200.
    byte[] out = conv().input(1, 1, 1).kernel(3, 3, 1, SAME).weights(1, 2, 3, 4, 5, 6, 7, 8, 9)
        .bias(2).zeroPoints(5, 7)
        .run(1);
    assertArrayEquals(codes(-11), out);
  }

  // ---------------------------------------------------------------------------------------------
  // (c) strides

  @Test
  void validStride2() {
    // Input 4×4, values 1..16 row by row; 2×2 kernel (1, 2 / 3, 4), VALID, stride 2: four
    // disjoint windows. acc: (0,0) 1 + 2·2 + 3·5 + 4·6 = 44; (0,1) 3 + 2·4 + 3·7 + 4·8 = 64;
    // (1,0) 9 + 2·10 + 3·13 + 4·14 = 124; (1,1) 11 + 2·12 + 3·15 + 4·16 = 144.
    // × 0.5 (all even, exact): 22, 32, 62, 72.
    byte[] out = conv().input(1, 4, 4).kernel(2, 2, 2, VALID).weights(1, 2, 3, 4)
        .multipliers(HALF)
        .run(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
    assertArrayEquals(codes(22, 32, 62, 72), out);
  }

  @Test
  void sameStride2OddPaddingGoesBottomRight() {
    // Input 4×4, values 1..16; 3×3 all-ones kernel, SAME, stride 2: output 2×2, total padding
    // (2 − 1)·2 + 3 − 4 = 1 per axis, top/left 0, so windows cover rows/cols {0,1,2} and
    // {2,3,pad}:
    // (0,0): (1+2+3) + (5+6+7) + (9+10+11) = 54     (0,1): (3+4) + (7+8) + (11+12) = 45
    // (1,0): (9+10+11) + (13+14+15) = 72            (1,1): (11+12) + (15+16) = 54
    // (Padding top/left instead would give (0,0) = 1+2+5+6 = 14.)
    byte[] out = conv().input(1, 4, 4).kernel(3, 3, 2, SAME).weights(1, 1, 1, 1, 1, 1, 1, 1, 1)
        .run(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
    assertArrayEquals(codes(54, 45, 72, 54), out);
  }

  @Test
  void sameStride2EvenPaddingSplitsEvenly() {
    // Input 3×3 with zero point 2: codes 3..11 are the reals 1..9; 3×3 all-ones kernel, SAME, stride 2: output 2×2, total padding 2 + 3 − 3 = 2,
    // one on each side, so windows are the 2×2 corners:
    // (0,0): 1+2+4+5 = 12   (0,1): 2+3+5+6 = 16   (1,0): 4+5+7+8 = 24   (1,1): 5+6+8+9 = 28.
    byte[] out = conv().input(1, 3, 3).kernel(3, 3, 2, SAME).weights(1, 1, 1, 1, 1, 1, 1, 1, 1)
        .zeroPoints(2, 0)
        .run(3, 4, 5, 6, 7, 8, 9, 10, 11);
    assertArrayEquals(codes(12, 16, 24, 28), out);
  }

  @Test
  void strideAlongWidthOnly() {
    // Input 2×4: 1 2 3 4 / 5 6 7 8; 2×1 kernel (1 / 2), VALID, strides (1, 2): output 1×2.
    // (0,0): 1 + 2·5 = 11; (0,1): 3 + 2·7 = 17.
    byte[] out = conv().input(1, 2, 4).kernel(2, 1, 1, 2, 1, VALID).weights(1, 2)
        .run(1, 2, 3, 4, 5, 6, 7, 8);
    assertArrayEquals(codes(11, 17), out);
  }

  @Test
  void strideAlongHeightOnly() {
    // Input 3×3, values 1..9; 1×2 kernel (1, 2), VALID, strides (2, 1): output 2×2 from rows 0
    // and 2. (0,0): 1 + 2·2 = 5; (0,1): 2 + 2·3 = 8; (1,0): 7 + 2·8 = 23; (1,1): 8 + 2·9 = 26.
    byte[] out = conv().input(1, 3, 3).kernel(1, 2, 2, 1, 1, VALID).weights(1, 2)
        .run(1, 2, 3, 4, 5, 6, 7, 8, 9);
    assertArrayEquals(codes(5, 8, 23, 26), out);
  }

  // ---------------------------------------------------------------------------------------------
  // (d) dilation

  @Test
  void validDilation2() {
    // Input 4×4 with zero point 1: codes 1..16 are the reals r(y, x) = 4y + x (0..15).
    // 2×2 kernel (1, 2 / 3, 4), dilation 2 (extent 3), VALID: output 2×2, taps at offsets
    // (0,0), (0,2), (2,0), (2,2): out(y, x) = v + 2(v + 2) + 3(v + 8) + 4(v + 10) = 10v + 68
    // with v = r(y, x): (0,0) v=0 → 68, (0,1) v=1 → 78, (1,0) v=4 → 108, (1,1) v=5 → 118.
    // Check (0,0) directly: 1·0 + 2·2 + 3·8 + 4·10 = 68.
    byte[] out = conv().input(1, 4, 4).kernel(2, 2, 1, 1, 2, VALID).weights(1, 2, 3, 4)
        .zeroPoints(1, 0)
        .run(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
    assertArrayEquals(codes(68, 78, 108, 118), out);
  }

  @Test
  void sameDilation2() {
    // Input 3×3, values 1..9; 2×2 kernel (1, 2 / 3, 4), dilation 2, SAME, stride 1: extent 3,
    // total padding 2, one on each side; out(y, x) taps (y−1, x−1)·1, (y−1, x+1)·2,
    // (y+1, x−1)·3, (y+1, x+1)·4 ("p" = padded):
    // (0,0): p, p, p, 4·5 = 20                 (0,1): p, p, 3·4 + 4·6 = 36
    // (0,2): p, p, 3·5, p = 15                 (1,0): p, 2·2, p, 4·8 = 36
    // (1,1): 1 + 2·3 + 3·7 + 4·9 = 64          (1,2): 1·2, p, 3·8, p = 26
    // (2,0): p, 2·5, p, p = 10                 (2,1): 1·4 + 2·6 = 16
    // (2,2): 1·5 = 5
    byte[] out = conv().input(1, 3, 3).kernel(2, 2, 1, 1, 2, SAME).weights(1, 2, 3, 4)
        .run(1, 2, 3, 4, 5, 6, 7, 8, 9);
    assertArrayEquals(codes(20, 36, 15, 36, 64, 26, 10, 16, 5), out);
  }

  // ---------------------------------------------------------------------------------------------
  // (e) per-channel requantization

  @Test
  void perChannelMultipliersShiftsAndBiases() {
    // Input 1×2×2, reals 1, 2, 3, 4; 1×1 kernel; two output channels, output zero point −3.
    // Channel 0: w = 3, bias 1, × 0.5:  acc 4, 7, 10, 13 → 2, 3.5 → 4, 5, 6.5 → 7
    //   → codes −1, 1, 2, 4.
    // Channel 1: w = −2, bias 20, × 2.0 (2^30, shift 2: x·4 then high-mul ½):
    //   acc 18, 16, 14, 12 → 36, 32, 28, 24 → codes 33, 29, 25, 21.
    // Channel 0's multiplier on channel 1 would give 9, 8, 7, 6 (−3 → 6, 5, 4, 3).
    byte[] out = conv().input(1, 2, 2).kernel(1, 1, 1, VALID).outChannels(2).weights(3, -2)
        .bias(1, 20).multipliers(HALF, TWO).zeroPoints(0, -3)
        .run(1, 2, 3, 4);
    assertArrayEquals(codes(-1, 1, 2, 4, 33, 29, 25, 21), out);
  }

  @Test
  void perChannelMultipliersOfThreeFourthsAndAQuarter() {
    // 0.75 = (3·2^29 = 1610612736, shift 0); 0.25 = (2^30, −1). Input 1×1×2, reals 8 and −8,
    // weight 1 on both channels, bias 0.
    // Channel 0 (× 0.75): 8 → 6; −8 → −6 (exact products).
    // Channel 1 (× 0.25): 8 → high-mul 4 → /2 = 2; −8 → −4 → −2.
    byte[] out = conv().input(1, 1, 2).kernel(1, 1, 1, VALID).outChannels(2).weights(1, 1)
        .multipliers(new QuantizedMultiplier(1610612736, 0), QUARTER)
        .run(8, -8);
    assertArrayEquals(codes(6, -6, 2, -2), out);
  }

  // ---------------------------------------------------------------------------------------------
  // (f) saturation and fused activations

  @Test
  void saturatesAt127AfterTheOutputZeroPoint() {
    // 1×1 kernel, weight 1, input zero point −128 (codes 127, −10, −11, −12 = reals 255, 118,
    // 117, 116), output zero point 10: 265 → 127; 128 → 127; 127 stays; 126 stays.
    byte[] out = conv().input(1, 1, 4).kernel(1, 1, 1, VALID).weights(1).zeroPoints(-128, 10)
        .run(127, -10, -11, -12);
    assertArrayEquals(codes(127, 127, 127, 126), out);
  }

  @Test
  void saturatesAtMinus128AfterTheOutputZeroPoint() {
    // Weight −1, input zero point −128 (codes 127, 11, 10, 9 = reals 255, 139, 138, 137), output
    // zero point 10: −245 → −128; −129 → −128; −128 stays; −127 stays.
    byte[] out = conv().input(1, 1, 4).kernel(1, 1, 1, VALID).weights(-1).zeroPoints(-128, 10)
        .run(127, 11, 10, 9);
    assertArrayEquals(codes(-128, -128, -128, -127), out);
  }

  @Test
  void largeAccumulatorsSaturate() {
    // Two input channels of 2×2, every code 127 with zero point −128 (real 255), 2×2 kernel
    // VALID: 8 taps. Channel 0: weights 127, acc = 8 · 127 · 255 = 259080, bias 1000 → 260080,
    // × 0.5 = 130040 → 127. Channel 1: weights −128, acc = 8 · (−128) · 255 = −261120, bias
    // −1000 → −262120, × 0.5 = −131060 → −128. Channel 2: weights alternate 127, −128, 127,
    // −128 per channel: acc = 2 · (127 − 128 + 127 − 128) · 255 = −1020, × 0.5 = −510 → −128.
    byte[] out = conv().input(2, 2, 2).kernel(2, 2, 1, VALID).outChannels(3)
        .weights(127, 127, 127, 127, 127, 127, 127, 127,
            -128, -128, -128, -128, -128, -128, -128, -128,
            127, -128, 127, -128, 127, -128, 127, -128)
        .bias(1000, -1000, 0).multipliers(HALF).zeroPoints(-128, 0)
        .run(127, 127, 127, 127, 127, 127, 127, 127);
    assertArrayEquals(codes(127, -128, -128), out);
  }

  @Test
  void fusedReluClampsAtTheOutputZeroPoint() {
    // ReLU: clampMin = output zero point −20. 1×1 kernel, weight 1, reals −5, −1, 0, 1, 5:
    // −25 → −20, −21 → −20, −20, −19, −15.
    byte[] out = conv().input(1, 1, 5).kernel(1, 1, 1, VALID).weights(1).zeroPoints(0, -20)
        .clamp(-20, 127)
        .run(-5, -1, 0, 1, 5);
    assertArrayEquals(codes(-20, -20, -20, -19, -15), out);
  }

  @Test
  void fusedRelu6ClampsBothEnds() {
    // ReLU6 with output scale 0.05 and zero point −20: the code of 6 is 6 / 0.05 − 20 = 100.
    // 1×1 kernel, weight 1, input zero point −100 (codes −105, 19, 20, 21, 27 = reals −5, 119,
    // 120, 121, 127): −25 → −20; 99; 100; 101 → 100; 107 → 100.
    byte[] out = conv().input(1, 1, 5).kernel(1, 1, 1, VALID).weights(1).zeroPoints(-100, -20)
        .clamp(-20, 100)
        .run(-105, 19, 20, 21, 27);
    assertArrayEquals(codes(-20, 99, 100, 100, 100), out);
  }

  @Test
  void saturationAndClampsOnTheShiftZeroPath() {
    // The saturation and ReLU6 cases above again, with weight 2 (or −2) and × 0.5 (shift 0):
    // acc = 2 · real, × 0.5 = real exactly, so the codes are the same.
    // Weight 2, input zero point −128, output zero point 10: reals 255, 118, 117, 116 →
    //   265 → 127; 128 → 127; 127; 126.
    assertArrayEquals(codes(127, 127, 127, 126),
        conv().input(1, 1, 4).kernel(1, 1, 1, VALID).weights(2).multipliers(HALF)
            .zeroPoints(-128, 10).run(127, -10, -11, -12));
    // Weight −2: reals 255, 139, 138, 137 → −245 → −128; −129 → −128; −128; −127.
    assertArrayEquals(codes(-128, -128, -128, -127),
        conv().input(1, 1, 4).kernel(1, 1, 1, VALID).weights(-2).multipliers(HALF)
            .zeroPoints(-128, 10).run(127, 11, 10, 9));
    // ReLU6 clamp [−20, 100], output zero point −20, input zero point −100: reals −5, 119, 120,
    //   121, 127 → −25 → −20; 99; 100; 101 → 100; 107 → 100.
    assertArrayEquals(codes(-20, 99, 100, 100, 100),
        conv().input(1, 1, 5).kernel(1, 1, 1, VALID).weights(2).multipliers(HALF)
            .zeroPoints(-100, -20).clamp(-20, 100).run(-105, 19, 20, 21, 27));
  }

  @Test
  void channelPlanesLargerThanTheOutputBuffers() {
    // One channel of 40 × 40 = 1600 pixels (more than the output stage's initial 1024), 1×1
    // kernel, weight 2, × 0.5: every output code is its input code (acc = 2x, × 0.5 = x).
    byte[] in = new byte[1600];
    for (int i = 0; i < in.length; i++) {
      in[i] = (byte) (i * 37 % 256 - 128);
    }
    Int8Conv layer = conv().input(1, 40, 40).kernel(1, 1, 1, VALID).weights(2).multipliers(HALF)
        .build();
    assertArrayEquals(in, run(layer, in));
  }

  // ---------------------------------------------------------------------------------------------
  // (g) rounding of negative values

  @Test
  void highMulRoundsNegativeHalvesUp() {
    // × 0.5 = (2^30, shift 0): the high-mul acc · 2^30 / 2^31 rounds ties up (gemmlowp's nudge),
    // and the rounding divide by 2^0 changes nothing.
    // −3 → −1.5 → −1; −1 → −0.5 → 0; −5 → −2.5 → −2; 3 → 1.5 → 2; 1 → 0.5 → 1; −4 → −2.
    // (Ties away from zero would give −2, −1, −3; flooring −2, −1, −3 and 1, 0.)
    byte[] out = conv().input(1, 1, 6).kernel(1, 1, 1, VALID).weights(1).multipliers(HALF)
        .run(-3, -1, -5, 3, 1, -4);
    assertArrayEquals(codes(-1, 0, -2, 2, 1, -2), out);
  }

  @Test
  void roundingDivideRoundsNegativeTiesAwayFromZero() {
    // × 0.25 = (2^30, shift −1): high-mul halves (ties up), then divide by 2^1 ties away from 0.
    // −10 → −5 → −2.5 → −3        −2 → −1 → −0.5 → −1         −6 → −3 → −1.5 → −2
    // −3 → −1.5 → −1 → −0.5 → −1  10 → 5 → 2.5 → 3            6 → 3 → 1.5 → 2
    // −14 → −7 → −3.5 → −4
    byte[] out = conv().input(1, 1, 7).kernel(1, 1, 1, VALID).weights(1).multipliers(QUARTER)
        .run(-10, -2, -6, -3, 10, 6, -14);
    assertArrayEquals(codes(-3, -1, -2, -1, 3, 2, -4), out);
  }

  @Test
  void negativeTieAfterBiasAndZeroPoint() {
    // The accumulator includes the bias before rounding: weight 3, bias −8, × 0.25, output zero
    // point 4, reals −2, 0, 2: acc −14, −8, −2 → high-mul −7, −4, −1 → divide −3.5 → −4, −2,
    // −0.5 → −1 → codes 0, 2, 3.
    byte[] out = conv().input(1, 1, 3).kernel(1, 1, 1, VALID).weights(3).bias(-8)
        .multipliers(QUARTER).zeroPoints(0, 4)
        .run(-2, 0, 2);
    assertArrayEquals(codes(0, 2, 3), out);
  }

  @Test
  void roundingDivideByEight() {
    // (2^30, shift −3) = 0.0625: high-mul halves (ties up), then divide by 2^3, ties away from 0.
    // −24 → −12 → −1.5 → −2     −8 → −4 → −0.5 → −1     8 → 4 → 0.5 → 1
    // −7 → −3.5 → −3 → −0.375 → 0                       −40 → −20 → −2.5 → −3
    byte[] out = conv().input(1, 1, 5).kernel(1, 1, 1, VALID).weights(1)
        .multipliers(new QuantizedMultiplier(1 << 30, -3))
        .run(-24, -8, 8, -7, -40);
    assertArrayEquals(codes(-2, -1, 1, 0, -3), out);
  }

  @Test
  void extremeAccumulatorsWithTheSmallestShift() {
    // Weights 0, so acc = bias; multiplier (2^30, shift −31) = 2^−32.
    // Channel 0, bias −2^31: high-mul −2^31 · 2^30 / 2^31 = −2^30 exactly; / 2^31 = −0.5 → −1
    //   (tie away from zero).
    // Channel 1, bias 2^31 − 1: high-mul (2^61 − 2^30 + 2^30) / 2^31 = 2^30 (rounded up from
    //   2^30 − 0.5); / 2^31 = 0.5 → 1, although (2^31 − 1) · 2^−32 is just below 0.5: gemmlowp
    //   rounds twice.
    QuantizedMultiplier tiny = new QuantizedMultiplier(1 << 30, -31);
    byte[] out = conv().input(1, 1, 3).kernel(1, 1, 1, VALID).outChannels(2).weights(0, 0)
        .bias(Integer.MIN_VALUE, Integer.MAX_VALUE).multipliers(tiny, tiny)
        .run(5, -5, 0);
    assertArrayEquals(codes(-1, -1, -1, 1, 1, 1), out);
  }

  // ---------------------------------------------------------------------------------------------
  // (h) depthwise

  @Test
  void depthwiseWithDepthMultiplier2() {
    // Two input channels of 2×3, four output channels: o reads input channel o / 2.
    // ch0: 1 2 3 / 4 5 6        ch1: −1 0 2 / 3 −2 1
    // 2×2 kernels, VALID → 1×2 outputs; weights [O, 1, 2, 2]:
    // o0 (ch0, 1 0 / 0 0): top-left taps 1, 2
    // o1 (ch0, 0 0 / 0 1): bottom-right taps 5, 6
    // o2 (ch1, 1 1 / 1 1): −1 + 0 + 3 − 2 = 0; 0 + 2 − 2 + 1 = 1
    // o3 (ch1, 1 −1 / 2 0): −1 − 0 + 2·3 = 5; 0 − 2 + 2·(−2) = −6
    // (Reading channel o % 2 would give o1 = −2, 1 and o2 = 12, 16.)
    byte[] out = conv().input(2, 2, 3).kernel(2, 2, 1, VALID).outChannels(4).depthwise()
        .weights(1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, -1, 2, 0)
        .run(1, 2, 3, 4, 5, 6, -1, 0, 2, 3, -2, 1);
    assertArrayEquals(codes(1, 2, 5, 6, 0, 1, 5, -6), out);
  }

  @Test
  void depthwiseSameWithPerChannelRequantization() {
    // Two input channels of 1×3 (reals 1 2 3 and 4 5 6; zero point −2: codes −1 0 1, 2 3 4),
    // depth multiplier 1, 1×3 kernels SAME (one padded column each side), bias 1 and 2,
    // multipliers 1.0 and 0.5:
    // ch0 (1 1 1): 1+2 = 3, 6, 2+3 = 5; + 1 → 4, 7, 6.
    // ch1 (1 0 −1): −5 = −5, 4 − 6 = −2, 5 = 5; + 2 → −3, 0, 7; × 0.5 → −1.5 → −1, 0, 3.5 → 4.
    byte[] out = conv().input(2, 1, 3).kernel(1, 3, 1, SAME).outChannels(2).depthwise()
        .weights(1, 1, 1, 1, 0, -1).bias(1, 2).multipliers(ONE, HALF).zeroPoints(-2, 0)
        .run(-1, 0, 1, 2, 3, 4);
    assertArrayEquals(codes(4, 7, 6, -1, 0, 4), out);
  }

  // ---------------------------------------------------------------------------------------------
  // (i) several input channels

  @Test
  void inputChannelsSum() {
    // Two input channels of 2×2 (input zero point 2: codes = real + 2):
    // ch0 reals 1 2 / 3 4, ch1 reals 5 6 / 7 8. 2×2 kernel VALID → one output pixel.
    // o0: ch0 weights 1 2 3 4 → 1 + 4 + 9 + 16 = 30; ch1 weights −1 −1 2 0 → −5 − 6 + 14 = 3;
    //     total 33.
    // o1: ch0 weights all 0 (a skipped group of four); ch1 weights 1 0 0 1 → 5 + 8 = 13.
    byte[] out = conv().input(2, 2, 2).kernel(2, 2, 1, VALID).outChannels(2)
        .weights(1, 2, 3, 4, -1, -1, 2, 0, 0, 0, 0, 0, 1, 0, 0, 1).zeroPoints(2, 0)
        .run(3, 4, 5, 6, 7, 8, 9, 10);
    assertArrayEquals(codes(33, 13), out);
  }

  @Test
  void threeInputChannelsWithOneByOneKernel() {
    // Three input channels of 1×2 (ch0 1 2, ch1 10 20, ch2 −3 −4), 1×1 kernel: K = 3, only the
    // remainder loop runs. o0 weights (1, 1, 1): 1 + 10 − 3 = 8; 2 + 20 − 4 = 18.
    // o1 weights (2, −1, 3): 2 − 10 − 9 = −17; 4 − 20 − 12 = −28.
    byte[] out = conv().input(3, 1, 2).kernel(1, 1, 1, VALID).outChannels(2)
        .weights(1, 1, 1, 2, -1, 3)
        .run(1, 2, 10, 20, -3, -4);
    assertArrayEquals(codes(8, 18, -17, -28), out);
  }

  // ---------------------------------------------------------------------------------------------
  // (j) the number of taps K and the remainder loop

  @Test
  void nineTapsRunTheRemainderLoop() {
    // 3×3 kernel over one 3×4 channel (reals 1..12), VALID → 1×2. K = 9: two groups of four and
    // one remainder tap (the bottom-right one).
    // Windows: cols 0–2: 1 2 3 / 5 6 7 / 9 10 11; cols 1–3: 2 3 4 / 6 7 8 / 10 11 12.
    // o0 all ones: 54, 63.
    // o1 first tap 1, last tap 2: 1 + 2·11 = 23; 2 + 2·12 = 26.
    // o2 only the last tap, −3: −33, −36 (0 if the remainder loop were skipped).
    byte[] out = conv().input(1, 3, 4).kernel(3, 3, 1, VALID).outChannels(3)
        .weights(1, 1, 1, 1, 1, 1, 1, 1, 1,
            1, 0, 0, 0, 0, 0, 0, 0, 2,
            0, 0, 0, 0, 0, 0, 0, 0, -3)
        .run(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    assertArrayEquals(codes(54, 63, 23, 26, -33, -36), out);
  }

  @Test
  void threeTapsRunOnlyTheRemainderLoop() {
    // 1×3 kernel (1, −2, 3) over 1×4 reals 1 2 3 4, VALID: 1 − 4 + 9 = 6; 2 − 6 + 12 = 8.
    byte[] out = conv().input(1, 1, 4).kernel(1, 3, 1, VALID).weights(1, -2, 3)
        .run(1, 2, 3, 4);
    assertArrayEquals(codes(6, 8), out);
  }

  @Test
  void sevenTapsRunAGroupAndThreeRemainders() {
    // 1×7 kernel (1..7) over 1×8 reals 2 0 0 1 0 0 1 −1, VALID → 2 outputs.
    // out0 = 1·2 + 4·1 + 7·1 = 13; out1 = 3·1 + 6·1 + 7·(−1) = 2.
    byte[] out = conv().input(1, 1, 8).kernel(1, 7, 1, VALID).weights(1, 2, 3, 4, 5, 6, 7)
        .run(2, 0, 0, 1, 0, 0, 1, -1);
    assertArrayEquals(codes(13, 2), out);
  }

  @Test
  void eightTapsAreTwoFullGroups() {
    // 2×4 kernel over one 2×5 channel, VALID → 1×2; K = 8, no remainder.
    // Input: 1 2 3 4 5 / −1 −2 −3 −4 −5. Weights: 1 0 0 1 / 0 2 0 −1.
    // out0 = 1 + 4 + 2·(−2) − (−4) = 5; out1 = 2 + 5 + 2·(−3) − (−5) = 6.
    byte[] out = conv().input(1, 2, 5).kernel(2, 4, 1, VALID).weights(1, 0, 0, 1, 0, 2, 0, -1)
        .run(1, 2, 3, 4, 5, -1, -2, -3, -4, -5);
    assertArrayEquals(codes(5, 6), out);
  }

  // ---------------------------------------------------------------------------------------------
  // (k) prepare and compute split across channel ranges; (l) channel ranges

  /** The two-channel layer of {@link #inputChannelsSum}, with a third output channel. */
  private static Int8Conv twoByTwoByTwo() {
    // o2: ch0 weights 0 0 0 1 (4), ch1 weights 0 0 0 −1 (−8) → −4.
    return conv().input(2, 2, 2).kernel(2, 2, 1, VALID).outChannels(3)
        .weights(1, 2, 3, 4, -1, -1, 2, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, -1)
        .zeroPoints(2, 0).build();
  }

  private static final byte[] TWO_BY_TWO_BY_TWO_INPUT = codes(3, 4, 5, 6, 7, 8, 9, 10);

  @Test
  void preparePerChannelThenComputePerOutputChannel() {
    // As in inputChannelsSum: 33, 13, and o2 = 4 − 8 = −4. Input channels prepared one at a
    // time (second first), output channels computed in ranges [2, 3) and [0, 2) with their own
    // accumulators.
    Int8Conv layer = twoByTwoByTwo();
    ConvKernel kernel = new ConvKernel(layer);
    ConvKernel.Rows rows = kernel.newRows();
    byte[] out = new byte[3];
    kernel.prepare(TWO_BY_TWO_BY_TWO_INPUT, rows, 1, 2);
    kernel.prepare(TWO_BY_TWO_BY_TWO_INPUT, rows, 0, 1);
    kernel.compute(rows, kernel.newAccumulator(), out, 2, 3);
    kernel.compute(rows, kernel.newAccumulator(), out, 0, 2);
    assertArrayEquals(codes(33, 13, -4), out);
    assertArrayEquals(codes(33, 13, -4), run(layer, TWO_BY_TWO_BY_TWO_INPUT));
  }

  @Test
  void computeWritesOnlyItsOutputChannels() {
    // compute(…, 1, 2) writes output channel 1 (13) and leaves the sentinel 99 elsewhere.
    Int8Conv layer = twoByTwoByTwo();
    ConvKernel kernel = new ConvKernel(layer);
    ConvKernel.Rows rows = kernel.newRows();
    kernel.prepare(TWO_BY_TWO_BY_TWO_INPUT, rows, 0, 2);
    byte[] out = codes(99, 99, 99);
    kernel.compute(rows, kernel.newAccumulator(), out, 1, 2);
    assertArrayEquals(codes(99, 13, 99), out);
    kernel.compute(rows, kernel.newAccumulator(), out, 0, 0);
    assertArrayEquals(codes(99, 13, 99), out);
  }

  @Test
  void computeRangeWritesWholeChannelPlanes() {
    // Channel planes of several pixels: the layer of sameOddPaddingGoesBottomRight with two
    // extra output channels, weights 0 0 0 1 (the bottom-right tap: the input shifted up-left,
    // padded with 0) and 0 0 0 0 (just the bias 7). compute(…, 1, 2) writes the 9 codes of
    // channel 1 only.
    Int8Conv layer = conv().input(1, 3, 3).kernel(2, 2, 1, SAME).outChannels(3)
        .weights(1, 2, 3, 4, 0, 0, 0, 1, 0, 0, 0, 0).bias(0, 0, 7).zeroPoints(5, 0).build();
    ConvKernel kernel = new ConvKernel(layer);
    ConvKernel.Rows rows = kernel.newRows();
    kernel.prepare(codes(6, 7, 8, 9, 10, 11, 12, 13, 14), rows, 0, 1);
    byte[] out = new byte[27];
    Arrays.fill(out, (byte) 99);
    kernel.compute(rows, kernel.newAccumulator(), out, 1, 2);
    byte[] expected = new byte[27];
    Arrays.fill(expected, (byte) 99);
    // Channel 1: out(y, x) = real(y + 1, x + 1), 0 past the bottom/right edge:
    // 5 6 0 / 8 9 0 / 0 0 0.
    System.arraycopy(codes(5, 6, 0, 8, 9, 0, 0, 0, 0), 0, expected, 9, 9);
    assertArrayEquals(expected, out);
    kernel.compute(rows, kernel.newAccumulator(), out, 0, 3);
    assertArrayEquals(
        codes(37, 47, 21, 67, 77, 33, 23, 26, 9, 5, 6, 0, 8, 9, 0, 0, 0, 0, 7, 7, 7, 7, 7, 7, 7,
            7, 7),
        out);
  }

  @Test
  void prepareWritesOnlyItsInputChannels() {
    // The layer of preparePerChannelThenComputePerOutputChannel: 2 input channels × 4 taps, so
    // im2col rows 0–3 belong to channel 0 and rows 4–7 to channel 1 (row (c·kh + i)·kw + j).
    // prepare(…, 1, 2) on buffers filled with a sentinel must leave channel 0's widened values
    // and rows alone: ConvStep.runAlone prepares channel ranges on several threads at once.
    ConvKernel kernel = new ConvKernel(twoByTwoByTwo());
    ConvKernel.Rows rows = kernel.newRows();
    // Different sentinels, so rows rebuilt from the untouched widened values still differ.
    int wideSentinel = 12345;
    int rowSentinel = -777;
    Arrays.fill(rows.widened(), wideSentinel);
    for (int[] row : rows.rows()) {
      Arrays.fill(row, rowSentinel);
    }
    kernel.prepare(TWO_BY_TWO_BY_TWO_INPUT, rows, 1, 2);
    for (int i = 0; i < 4; i++) {
      assertEquals(wideSentinel, rows.widened()[i], "widened " + i);
      assertArrayEquals(new int[] {rowSentinel}, rows.rows()[i], "row " + i);
    }
    // Channel 1 (reals 5 6 / 7 8) widened, and its four rows (one output pixel each): the
    // taps (0,0) … (1,1) = 5, 6, 7, 8.
    assertArrayEquals(new int[] {5, 6, 7, 8}, Arrays.copyOfRange(rows.widened(), 4, 8));
    for (int r = 4; r < 8; r++) {
      assertArrayEquals(new int[] {r + 1}, rows.rows()[r], "row " + r);
    }
  }

  @Test
  void splitAcrossChannelRangesMatchesRun() {
    // A larger layer with pseudo-random codes: 5 input channels of 7×6, 3×3 kernel, SAME,
    // stride 1, 6 output channels, non-zero zero points, per-channel multipliers. Preparing the
    // input channels in ranges [0, 2), [2, 3), [3, 5) and computing output channels in ranges
    // [0, 1), [1, 4), [4, 6) with separate accumulators, as ConvStep.runAlone does, gives the
    // codes run gives.
    SplittableRandom r = new SplittableRandom(42);
    int[] w = new int[6 * 5 * 9];
    for (int i = 0; i < w.length; i++) {
      w[i] = r.nextInt(-128, 128);
    }
    int[] bias = r.ints(6, -5000, 5000).toArray();
    QuantizedMultiplier[] m = new QuantizedMultiplier[6];
    for (int o = 0; o < 6; o++) {
      m[o] = new QuantizedMultiplier((1 << 30) + r.nextInt(1 << 30), -6 - r.nextInt(4));
    }
    Int8Conv layer = conv().input(5, 7, 6).kernel(3, 3, 1, SAME).outChannels(6).weights(w)
        .bias(bias).multipliers(m).zeroPoints(-7, 3).build();
    byte[] in = new byte[5 * 7 * 6];
    for (int i = 0; i < in.length; i++) {
      in[i] = (byte) r.nextInt(-128, 128);
    }
    byte[] whole = run(layer, in);

    ConvKernel kernel = new ConvKernel(layer);
    ConvKernel.Rows rows = kernel.newRows();
    byte[] split = new byte[whole.length];
    kernel.prepare(in, rows, 3, 5);
    kernel.prepare(in, rows, 0, 2);
    kernel.prepare(in, rows, 2, 3);
    kernel.compute(rows, kernel.newAccumulator(), split, 4, 6);
    kernel.compute(rows, kernel.newAccumulator(), split, 0, 1);
    kernel.compute(rows, kernel.newAccumulator(), split, 1, 4);
    assertArrayEquals(whole, split);
    // The codes vary: a kernel writing a constant would not pass trivially.
    assertTrue(distinct(whole) > 20, "distinct output codes: " + distinct(whole));
  }

  @Test
  void depthwiseSplitAcrossChannelRangesMatchesRun() {
    // Depthwise, 4 input channels of 5×5, depth multiplier 2 (8 output channels), 3×3 kernel,
    // stride 2, SAME: output channels [2, 6) read only input channels 1 and 2, so preparing
    // those alone suffices for them.
    SplittableRandom r = new SplittableRandom(7);
    int[] w = new int[8 * 9];
    for (int i = 0; i < w.length; i++) {
      w[i] = r.nextInt(-128, 128);
    }
    Int8Conv layer = conv().input(4, 5, 5).kernel(3, 3, 2, SAME).outChannels(8).depthwise()
        .weights(w).bias(r.ints(8, -3000, 3000).toArray())
        .multipliers(new QuantizedMultiplier(1 << 30, -5)).zeroPoints(10, -4).build();
    byte[] in = new byte[4 * 5 * 5];
    for (int i = 0; i < in.length; i++) {
      in[i] = (byte) r.nextInt(-128, 128);
    }
    byte[] whole = run(layer, in);
    ConvKernel kernel = new ConvKernel(layer);
    ConvKernel.Rows rows = kernel.newRows();
    byte[] part = new byte[whole.length];
    kernel.prepare(in, rows, 1, 3);
    kernel.compute(rows, kernel.newAccumulator(), part, 2, 6);
    int plane = 3 * 3;
    assertArrayEquals(Arrays.copyOfRange(whole, 2 * plane, 6 * plane),
        Arrays.copyOfRange(part, 2 * plane, 6 * plane));
    kernel.prepare(in, rows, 0, 1);
    kernel.prepare(in, rows, 3, 4);
    kernel.compute(rows, kernel.newAccumulator(), part, 0, 2);
    kernel.compute(rows, kernel.newAccumulator(), part, 6, 8);
    assertArrayEquals(whole, part);
    assertTrue(distinct(whole) > 20, "distinct output codes: " + distinct(whole));
  }

  @Test
  void buffersReusedAcrossExamplesHoldNoStaleValues() {
    // The SAME layer of sameOddPaddingGoesBottomRight run twice with the same buffers: first on
    // reals 1..9, then on all reals 0 except the centre, 1. Second result: out(y, x) sums the
    // weights whose tap lands on (1, 1): (0,0) 4, (0,1) 3, (1,0) 2, (1,1) 1, 0 elsewhere.
    Int8Conv layer = conv().input(1, 3, 3).kernel(2, 2, 1, SAME).weights(1, 2, 3, 4)
        .zeroPoints(5, 0).build();
    ConvKernel kernel = new ConvKernel(layer);
    ConvKernel.Rows rows = kernel.newRows();
    int[] acc = kernel.newAccumulator();
    byte[] first = new byte[9];
    kernel.run(codes(6, 7, 8, 9, 10, 11, 12, 13, 14), first, rows, acc);
    assertArrayEquals(codes(37, 47, 21, 67, 77, 33, 23, 26, 9), first);
    byte[] second = new byte[9];
    kernel.run(codes(5, 5, 5, 5, 6, 5, 5, 5, 5), second, rows, acc);
    assertArrayEquals(codes(4, 3, 0, 2, 1, 0, 0, 0, 0), second);
  }

  // ---------------------------------------------------------------------------------------------
  // a convolution with the max pool that reads it fused in

  /**
   * Input 1×4×4 (reals, zero point 0):
   * <pre>
   *    1  −3   5   0
   *    2   8  −6   4
   *   −7   3   1  −2
   *    6  −1   0  −9
   * </pre>
   * 1×1 kernel, two output channels, output zero point −5, clamp [−5, 3]:
   * channel 0 weight 3, bias −4, × 0.5; channel 1 weight −1, bias 0, × 1.
   */
  private static Int8Conv pooledConv() {
    return conv().input(1, 4, 4).kernel(1, 1, 1, VALID).outChannels(2).weights(3, -1)
        .bias(-4, 0).multipliers(HALF, ONE).zeroPoints(0, -5).clamp(-5, 3).build();
  }

  private static final byte[] POOLED_INPUT =
      codes(1, -3, 5, 0, 2, 8, -6, 4, -7, 3, 1, -2, 6, -1, 0, -9);

  @Test
  void computeMaxPooledPoolsAccumulatorsThenRequantizes() {
    // 3×3 max pool, stride 2, SAME over the 4×4 planes: 2×2 outputs, padding 1 below and to the
    // right only, so windows cover rows/cols {0, 1, 2} and {2, 3}.
    // Channel 0 accumulators 3x − 4:
    //   −1 −13  11  −4 /  2  20 −22   8 / −25   5  −1 −10 /  14  −7  −4 −31
    //   maxima: (0,0) 20; (0,1) max(11, −4, −22, 8, −1, −10) = 11; (1,0) max(−25, 5, −1, 14,
    //   −7, −4) = 14; (1,1) max(−1, −10, −4, −31) = −1.
    //   × 0.5: 10, 5.5 → 6, 7, −0.5 → 0; − 5: 5 → 3 (clamp), 1, 2, −5.
    // Channel 1 accumulators −x:
    //   −1   3  −5   0 / −2  −8   6  −4 /  7  −3  −1   2 / −6   1   0   9
    //   maxima 7, 6, 7, 9; − 5: 2, 1, 2, 4 → 3 (clamp).
    Int8Conv layer = pooledConv();
    ConvKernel kernel = new ConvKernel(layer);
    AccumulatorPool pool =
        new AccumulatorPool(new ConvGeometry(3, 3, 2, 2, 1, 1, SAME), 4, 4);
    assertEquals(4, pool.outputSize());
    ConvKernel.Rows rows = kernel.newRows();
    kernel.prepare(POOLED_INPUT, rows, 0, 1);
    byte[] out = new byte[8];
    kernel.computeMaxPooled(rows, kernel.newAccumulator(), pool, new int[4], out, 0, 2);
    assertArrayEquals(codes(3, 1, 2, -5, 2, 1, 2, 3), out);
  }

  @Test
  void computeMaxPooledWritesOnlyItsOutputChannels() {
    // Channel 1 of the case above alone: 2, 1, 2, 3; channel 0 keeps the sentinel 99.
    ConvKernel kernel = new ConvKernel(pooledConv());
    AccumulatorPool pool =
        new AccumulatorPool(new ConvGeometry(3, 3, 2, 2, 1, 1, SAME), 4, 4);
    ConvKernel.Rows rows = kernel.newRows();
    kernel.prepare(POOLED_INPUT, rows, 0, 1);
    byte[] out = codes(99, 99, 99, 99, 99, 99, 99, 99);
    kernel.computeMaxPooled(rows, kernel.newAccumulator(), pool, new int[4], out, 1, 2);
    assertArrayEquals(codes(99, 99, 99, 99, 2, 1, 2, 3), out);
  }

  @Test
  void computeMaxPooledValidStride2() {
    // 2×2 max pool, stride 2, VALID: the four quadrants.
    // Channel 0 maxima: max(−1, −13, 2, 20) = 20, max(11, −4, −22, 8) = 11,
    //   max(−25, 5, 14, −7) = 14, max(−1, −10, −4, −31) = −1 → codes 3, 1, 2, −5 as above.
    // Channel 1 maxima: max(−1, 3, −2, −8) = 3, max(−5, 0, 6, −4) = 6, max(7, −3, −6, 1) = 7,
    //   max(−1, 2, 0, 9) = 9 → −2, 1, 2, 4 → 3.
    ConvKernel kernel = new ConvKernel(pooledConv());
    AccumulatorPool pool =
        new AccumulatorPool(new ConvGeometry(2, 2, 2, 2, 1, 1, VALID), 4, 4);
    ConvKernel.Rows rows = kernel.newRows();
    kernel.prepare(POOLED_INPUT, rows, 0, 1);
    byte[] out = new byte[8];
    kernel.computeMaxPooled(rows, kernel.newAccumulator(), pool, new int[4], out, 0, 2);
    assertArrayEquals(codes(3, 1, 2, -5, -2, 1, 2, 3), out);
  }

  @Test
  void sizesAndMacs() {
    // Conv: 2 output channels × (3 input channels × 2 × 2 taps) × (2 × 3 pixels) = 144 MACs.
    ConvKernel conv = new ConvKernel(conv().input(3, 3, 4).kernel(2, 2, 1, VALID).outChannels(2)
        .weights(new int[2 * 3 * 4]).build());
    assertEquals(6, conv.pixels());
    assertEquals(3, conv.inputChannels());
    assertEquals(2, conv.outputChannels());
    assertEquals(144, conv.macs());
    // Depthwise: 6 output channels × 4 taps × 6 pixels = 144 MACs.
    ConvKernel dw = new ConvKernel(conv().input(3, 3, 4).kernel(2, 2, 1, VALID).outChannels(6)
        .depthwise().weights(new int[6 * 4]).build());
    assertEquals(144, dw.macs());
  }

  private static int distinct(byte[] codes) {
    boolean[] seen = new boolean[256];
    int n = 0;
    for (byte b : codes) {
      if (!seen[b + 128]) {
        seen[b + 128] = true;
        n++;
      }
    }
    return n;
  }
}
