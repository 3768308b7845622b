package io.qat4j.runtime.int8;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Quantization of reals to int8 codes and back. Codes are exact (tolerance 0); the reals chosen
 * divide exactly by the scale, so dequantized values are exact too (tolerance 0).
 */
class QuantParamsTest {

  @Test
  void positiveTiesRoundAwayFromZero() {
    // Scale 0.5: 0.25 / 0.5 = 0.5 → 1; 0.75 / 0.5 = 1.5 → 2.
    QuantParams p = new QuantParams(0.5, 0);
    assertEquals(1, p.quantize(0.25));
    assertEquals(2, p.quantize(0.75));
  }

  @Test
  void negativeTiesRoundAwayFromZero() {
    // −0.25 / 0.5 = −0.5 → −1; −0.75 / 0.5 = −1.5 → −2.
    QuantParams p = new QuantParams(0.5, 0);
    assertEquals(-1, p.quantize(-0.25));
    assertEquals(-2, p.quantize(-0.75));
  }

  @Test
  void tiesRoundBeforeTheZeroPointIsAdded() {
    // Zero point 10: 0.25 → 0.5 → 1 → 11; −0.25 → −0.5 → −1 → 9 (rounding 9.5 half up would
    // give 10).
    QuantParams p = new QuantParams(0.5, 10);
    assertEquals(11, p.quantize(0.25));
    assertEquals(9, p.quantize(-0.25));
  }

  @Test
  void nonTiesRoundToNearest() {
    // 0.2 / 0.5 = 0.4 → 0; −0.4 / 0.5 = −0.8 → −1; 0.3 / 0.5 = 0.6 → 1.
    QuantParams p = new QuantParams(0.5, 0);
    assertEquals(0, p.quantize(0.2));
    assertEquals(-1, p.quantize(-0.4));
    assertEquals(1, p.quantize(0.3));
  }

  @Test
  void saturatesAtBothEnds() {
    // Scale 1, zero point 100: 20 → 120 fits; 30 → 130 saturates to 127; −300 → −200 to −128.
    QuantParams p = new QuantParams(1.0, 100);
    assertEquals(120, p.quantize(20));
    assertEquals(127, p.quantize(30));
    assertEquals(-128, p.quantize(-300));
    assertEquals(127, p.quantize(Double.POSITIVE_INFINITY));
    assertEquals(-128, p.quantize(Double.NEGATIVE_INFINITY));
  }

  @Test
  void rejectsNan() {
    QuantParams p = new QuantParams(1.0, 0);
    assertThrows(IllegalArgumentException.class, () -> p.quantize(Double.NaN));
  }

  @Test
  void rejectsZeroPointOutOfRange() {
    assertThrows(IllegalArgumentException.class, () -> new QuantParams(1.0, 128));
    assertThrows(IllegalArgumentException.class, () -> new QuantParams(1.0, -129));
    assertEquals(127, new QuantParams(1.0, 127).zeroPoint());
    assertEquals(-128, new QuantParams(1.0, -128).zeroPoint());
  }

  @Test
  void rejectsBadScales() {
    assertThrows(IllegalArgumentException.class, () -> new QuantParams(0.0, 0));
    assertThrows(IllegalArgumentException.class, () -> new QuantParams(-1.0, 0));
    assertThrows(IllegalArgumentException.class, () -> new QuantParams(Double.NaN, 0));
    assertThrows(IllegalArgumentException.class,
        () -> new QuantParams(Double.POSITIVE_INFINITY, 0));
  }

  @Test
  void dequantize() {
    // 0.5 × (5 − (−3)) = 4; 0.5 × (−128 + 3) = −62.5; the zero point gives 0.
    QuantParams p = new QuantParams(0.5, -3);
    assertEquals(4.0, p.dequantize(5), 0.0);
    assertEquals(-62.5, p.dequantize(-128), 0.0);
    assertEquals(0.0, p.dequantize(-3), 0.0);
  }
}
