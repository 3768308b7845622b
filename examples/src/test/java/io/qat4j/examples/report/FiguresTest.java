package io.qat4j.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FiguresTest {
  @Test
  void decibelsHaveOneDecimal() {
    assertEquals("35.7 dB", Figures.decibels(35.72));
  }

  @Test
  void infiniteDecibelsAreExact() {
    assertEquals("exact", Figures.decibels(Double.POSITIVE_INFINITY));
  }

  @Test
  void nanIsMissingEverywhere() {
    assertEquals("—", Figures.decibels(Double.NaN));
    assertEquals("—", Figures.percent(Double.NaN));
    assertEquals("—", Figures.millis(Double.NaN));
  }

  @Test
  void zeroIsAFigureNotAMissingOne() {
    assertEquals("50.00%", Figures.percent(0.5));
    assertEquals("0.000 ms", Figures.millis(0.0));
    assertEquals("0 B", Figures.bytes(0));
  }
}
