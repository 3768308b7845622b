package io.qat4j.runtime.int8.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.qat4j.annotation.Padding;
import io.qat4j.model.Shape;
import io.qat4j.runtime.int8.Int8Pool;
import io.qat4j.runtime.int8.QuantParams;
import io.qat4j.runtime.layers.ConvGeometry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Int8 max and average pools on {@code [C, H, W]} codes. Every expected code is worked out by
 * hand from the windows listed in the comments; they are integers, compared exactly (tolerance
 * 0).
 */
class PoolKernelTest {
  private static final QuantParams Q = new QuantParams(0.1, 0);

  private static byte[] codes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  private static byte[] pool(boolean average, int c, int h, int w, int k, int stride,
      Padding padding, QuantParams q, int... in) {
    ConvGeometry g = new ConvGeometry(k, k, stride, stride, 1, 1, padding);
    int oh = (int) g.outputHeight(h);
    int ow = (int) g.outputWidth(w);
    Int8Pool layer = new Int8Pool("p", List.of("x"), Shape.of(c, h, w), Shape.of(c, oh, ow),
        average, g, q);
    byte[] out = new byte[c * oh * ow];
    PoolKernel.run(layer, codes(in), out);
    return out;
  }

  /** A 1-channel average pool with a {@code kh × kw} window, stride {@code kw}, VALID. */
  private static byte[] rectangular(int h, int w, int kh, int kw, int... in) {
    ConvGeometry g = new ConvGeometry(kh, kw, kw, kw, 1, 1, Padding.VALID);
    int ow = (int) g.outputWidth(w);
    int oh = (int) g.outputHeight(h);
    Int8Pool layer = new Int8Pool("p", List.of("x"), Shape.of(1, h, w), Shape.of(1, oh, ow),
        true, g, Q);
    byte[] out = new byte[oh * ow];
    PoolKernel.run(layer, codes(in), out);
    return out;
  }

  @Test
  void maxValidStride2PerChannel() {
    // Two channels of 4×4, 2×2 windows at stride 2: four disjoint quadrants per channel.
    byte[] out = pool(false, 2, 4, 4, 2, 2, Padding.VALID, Q,
        1, 2, 3, 4,
        5, 6, 7, 8,
        -9, -10, 11, 12,
        -13, -14, 15, 16,
        // channel 1
        -128, -127, 100, 0,
        -126, -125, 0, 0,
        127, 1, -1, -2,
        0, 2, -3, -4);
    // ch0: max(1,2,5,6)=6, max(3,4,7,8)=8, max(−9,−10,−13,−14)=−9, max(11,12,15,16)=16.
    // ch1: max(−128,−127,−126,−125)=−125, 100, 127, max(−1,−2,−3,−4)=−1.
    assertArrayEquals(codes(6, 8, -9, 16, -125, 100, 127, -1), out);
  }

  @Test
  void maxStride1OverlappingWindows() {
    // 3×3, 2×2 windows at stride 1, VALID: four windows sharing the centre.
    byte[] out = pool(false, 1, 3, 3, 2, 1, Padding.VALID, Q,
        1, 9, 2,
        3, 4, 5,
        8, 6, 7);
    // max(1,9,3,4)=9, max(9,2,4,5)=9, max(3,4,8,6)=8, max(4,5,6,7)=7.
    assertArrayEquals(codes(9, 9, 8, 7), out);
  }

  @Test
  void maxSameIgnoresPaddingEvenWhenAllValuesAreNegative() {
    // 3×3, 3×3 windows at stride 2, SAME: 2×2 outputs, one row/column of padding on every side
    // (total 2·1 + 3 − 3 = 2, top 1). Each window covers a 2×2 corner of real values; with the
    // zero point 0 counted as padding every output would be 0.
    byte[] out = pool(false, 1, 3, 3, 3, 2, Padding.SAME, Q,
        -10, -20, -30,
        -40, -50, -60,
        -70, -80, -90);
    // rows 0–1 × cols 0–1: −10; rows 0–1 × cols 1–2: −20; rows 1–2 × cols 0–1: −40;
    // rows 1–2 × cols 1–2: −50.
    assertArrayEquals(codes(-10, -20, -40, -50), out);
  }

  @Test
  void maxSameWindowMostlyPadding() {
    // A 1×1 input under a 3×3 SAME window: 8 of 9 taps are padding; the one real value, −100,
    // is the maximum although the zero point is 5.
    byte[] out = pool(false, 1, 1, 1, 3, 1, Padding.SAME, new QuantParams(0.1, 5), -100);
    assertArrayEquals(codes(-100), out);
  }

  @Test
  void averageSameCountsOnlyRealValuesAtTheBorders() {
    // 3×3, 2×2 windows at stride 1, SAME: 3×3 outputs, padding only below and to the right
    // (total 2 + 2 − 3 = 1, top 0), so border windows hold 2 values and the corner 1.
    byte[] out = pool(true, 1, 3, 3, 2, 1, Padding.SAME, Q,
        1, 2, 3,
        4, 5, 6,
        7, 8, 9);
    // (1+2+4+5)/4 = 3, (2+3+5+6)/4 = 4, (3+6)/2 = 4.5 → 5,
    // (4+5+7+8)/4 = 6, (5+6+8+9)/4 = 7, (6+9)/2 = 7.5 → 8,
    // (7+8)/2 = 7.5 → 8, (8+9)/2 = 8.5 → 9, 9/1 = 9.
    // Dividing by 4 everywhere would give 2 for the top-right corner instead of 5.
    assertArrayEquals(codes(3, 4, 5, 6, 7, 8, 8, 9, 9), out);
  }

  @Test
  void averageRoundsTiesAwayFromZero() {
    // 1×2 windows at stride 2, VALID, over 1×8: pairs (−1, −2), (1, 2), (−1, 0), (1, 0).
    byte[] out = rectangular(1, 8, 1, 2, -1, -2, 1, 2, -1, 0, 1, 0);
    // −3/2 = −1.5 → −2 (truncation: −1); 3/2 = 1.5 → 2 (truncation: 1);
    // −1/2 = −0.5 → −1 (truncation: 0); 1/2 = 0.5 → 1 (truncation: 0).
    assertArrayEquals(codes(-2, 2, -1, 1), out);
  }

  @Test
  void averageNonTiesRoundToNearest() {
    // 1×3 windows at stride 3, VALID, over 1×12.
    byte[] out = rectangular(1, 12, 1, 3, -1, -1, -2, -2, -2, -1, 1, 1, 2, 2, 2, 1);
    // −4/3 = −1.33 → −1; −5/3 = −1.67 → −2; 4/3 → 1; 5/3 → 2.
    assertArrayEquals(codes(-1, -2, 1, 2), out);
  }

  @Test
  void averageSameNegativeTieAtTheBorder() {
    // 2×2 windows at stride 2, SAME, over 2×3: windows cols 0–1 (4 values) and col 2 with a
    // padded column (2 values; total padding 2 + 2 − 3 = 1, all of it on the right).
    byte[] out = pool(true, 1, 2, 3, 2, 2, Padding.SAME, Q,
        0, 0, -1,
        0, 0, -2);
    // 0/4 = 0; (−1 − 2)/2 = −1.5 → −2 (dividing by 4 would give −0.75 → −1).
    assertArrayEquals(codes(0, -2), out);
  }

  @Test
  void globalAveragePoolOverTwoByTwoByTwo() {
    // GlobalAvgPool: a VALID 2×2 window over [2, 2, 2] with output shape [2].
    ConvGeometry g = new ConvGeometry(2, 2, 1, 1, 1, 1, Padding.VALID);
    Int8Pool layer =
        new Int8Pool("gap", List.of("x"), Shape.of(2, 2, 2), Shape.of(2), true, g, Q);
    byte[] out = new byte[2];
    PoolKernel.run(layer, codes(1, 2, 3, 4, -1, -2, -3, -4), out);
    // ch0: 10/4 = 2.5 → 3; ch1: −10/4 = −2.5 → −3.
    assertArrayEquals(codes(3, -3), out);
  }

  @Test
  void averageOfExtremeCodesStaysInRange() {
    // 2×2 VALID: (127·4)/4 = 127 and (−128·4)/4 = −128, no overflow of the byte.
    byte[] out = pool(true, 2, 2, 2, 2, 1, Padding.VALID, Q,
        127, 127, 127, 127,
        -128, -128, -128, -128);
    assertArrayEquals(codes(127, -128), out);
  }

  @Test
  void rejectsArraysThatDoNotFit() {
    ConvGeometry g = new ConvGeometry(2, 2, 2, 2, 1, 1, Padding.VALID);
    Int8Pool layer =
        new Int8Pool("p", List.of("x"), Shape.of(1, 2, 2), Shape.of(1, 1, 1), false, g, Q);
    assertThrows(IllegalArgumentException.class,
        () -> PoolKernel.run(layer, new byte[3], new byte[1]));
    assertThrows(IllegalArgumentException.class,
        () -> PoolKernel.run(layer, new byte[4], new byte[2]));
  }
}
