package io.qat4j.runtime.int8.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.qat4j.model.Shape;
import io.qat4j.runtime.int8.Int8Softmax;
import io.qat4j.runtime.int8.QuantParams;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Integer softmax over the last axis. Expected codes are {@code (256·e + Σ/2) / Σ − 128}, worked
 * out by hand (a calculator for the divisions) and compared exactly: tolerance 0.
 */
class SoftmaxKernelTest {
  private static final QuantParams OUT = new QuantParams(1.0 / 256, -128);

  private static byte[] codes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  private static byte[] softmax(double scale, Shape shape, byte[] in) {
    Int8Softmax layer =
        new Int8Softmax("sm", List.of("x"), shape, Int8Softmax.expTable(scale), OUT);
    byte[] out = new byte[in.length];
    SoftmaxKernel.run(layer, in, out);
    return out;
  }

  @Test
  void expTableEntries() {
    // round(2^20 × exp(−0.5 d)): d = 0 → 1048576; d = 1 → 1048576 × 0.60653066 = 635993.49
    // → 635993; d = 2 → 1048576 × 0.36787944 = 385749.55 → 385750.
    int[] table = Int8Softmax.expTable(0.5);
    assertEquals(1048576, table[0]);
    assertEquals(635993, table[1]);
    assertEquals(385750, table[2]);
    // exp(−255) × 2^20 ≈ 6e−105 → 0.
    assertEquals(0, Int8Softmax.expTable(1.0)[255]);
  }

  @Test
  void equalCodesShareEvenly() {
    // Four equal codes: e = 2^20 each, 256 × 2^20 / (4 × 2^20) = 64 → 64 − 128 = −64.
    assertArrayEquals(codes(-64, -64, -64, -64),
        softmax(0.5, Shape.of(4), codes(17, 17, 17, 17)));
  }

  @Test
  void dominantCodeClampsTo127() {
    // Scale 1: d = 100 and 150 give table entries 0, so e = (2^20, 0, 0): 256 − 128 = 128
    // → 127, and 0 − 128 = −128.
    assertArrayEquals(codes(127, -128, -128),
        softmax(1.0, Shape.of(3), codes(100, 0, -50)));
  }

  @Test
  void unequalCodesUseTheTable() {
    // Scale 0.5, row (3, 1, 3): d = (0, 2, 0), e = (1048576, 385750, 1048576), Σ = 2482902.
    // 256 × 1048576 / 2482902 = 108.11 → 108 − 128 = −20;
    // 256 × 385750 / 2482902 = 39.77 → 40 − 128 = −88.
    assertArrayEquals(codes(-20, -88, -20), softmax(0.5, Shape.of(3), codes(3, 1, 3)));
  }

  @Test
  void onlyTheDifferenceFromTheRowMaximumMatters() {
    // The same row shifted by −100: (−97, −99, −97) → −20, −88, −20 as above.
    assertArrayEquals(codes(-20, -88, -20), softmax(0.5, Shape.of(3), codes(-97, -99, -97)));
  }

  @Test
  void rowsAreIndependent() {
    // Shape [2, 3], scale 0.5. Row 0 (10, 10, 10): 256 / 3 = 85.33 → 85 − 128 = −43.
    // Row 1 (3, 1, 3): −20, −88, −20 as above. A sum over both rows would make row 0
    // 256 × 2^20 / (3 × 2^20 + 2482902) = 47.69 → 48 − 128 = −80.
    assertArrayEquals(codes(-43, -43, -43, -20, -88, -20),
        softmax(0.5, Shape.of(2, 3), codes(10, 10, 10, 3, 1, 3)));
  }

  @Test
  void softmaxRunsAlongTheLastAxisOfRank3() {
    // Shape [1, 2, 2]: rows (0, 0) and (5, 5), each 256 / 2 = 128 → 0.
    assertArrayEquals(codes(0, 0, 0, 0), softmax(0.5, Shape.of(1, 2, 2), codes(0, 0, 5, 5)));
  }

  @Test
  void halvesRoundUp() {
    // 512 equal codes: 256 × 2^20 / (512 × 2^20) = 0.5 → 1 − 128 = −127 (truncation: −128).
    byte[] in = new byte[512];
    byte[] expected = new byte[512];
    Arrays.fill(expected, (byte) -127);
    assertArrayEquals(expected, softmax(0.5, Shape.of(512), in));
  }

  @Test
  void widestCodeRangeUsesTheLastTableEntry() {
    // Row (127, −128): d = 255. Scale 0.01: 2^20 × exp(−2.55) = 1048576 × 0.07808167 =
    // 81874.56 → 81875; Σ = 1048576 + 81875 = 1130451.
    // 256 × 1048576 / 1130451 = 237.46 → 237 − 128 = 109; 256 × 81875 / 1130451 = 18.54
    // → 19 − 128 = −109.
    assertArrayEquals(codes(109, -109), softmax(0.01, Shape.of(2), codes(127, -128)));
  }

  @Test
  void rejectsArraysThatDoNotFit() {
    Int8Softmax layer =
        new Int8Softmax("sm", List.of("x"), Shape.of(3), Int8Softmax.expTable(0.5), OUT);
    assertThrows(IllegalArgumentException.class,
        () -> SoftmaxKernel.run(layer, new byte[2], new byte[3]));
    assertThrows(IllegalArgumentException.class,
        () -> SoftmaxKernel.run(layer, new byte[3], new byte[4]));
  }
}
