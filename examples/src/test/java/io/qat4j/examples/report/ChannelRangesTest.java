package io.qat4j.examples.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChannelRangesTest {
  @Test
  void ofTakesTheMinAndMaxOfEachRowOfTheWeights() {
    // Three channels of four weights each.
    float[] w = {
      1, -2, 3, 0,
      -0.5f, -0.25f, -1, -0.75f,
      7, 7, 7, 7,
    };
    ChannelRanges r = ChannelRanges.of("conv1", w, 3);
    assertEquals("conv1", r.layer());
    assertArrayEquals(new float[] {-2, -1, 7}, r.min());
    assertArrayEquals(new float[] {3, -0.25f, 7}, r.max());
    assertEquals(3, r.channels());
    assertEquals(-2, r.overallMin());
    assertEquals(7, r.overallMax());
  }

  @Test
  void ofRejectsWeightsThatAreNotAMultipleOfTheChannels() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ChannelRanges.of("conv1", new float[7], 3));
    assertTrue(e.getMessage().contains("conv1"), e.getMessage());
    assertTrue(e.getMessage().contains("expected a positive multiple of 3"), e.getMessage());
    assertTrue(e.getMessage().contains("got 7"), e.getMessage());
  }

  @Test
  void ofRejectsNoWeights() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ChannelRanges.of("conv1", new float[0], 3));
    assertTrue(e.getMessage().contains("got 0"), e.getMessage());
  }

  @Test
  void ofRejectsANonPositiveChannelCount() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ChannelRanges.of("conv1", new float[4], 0));
    assertTrue(e.getMessage().contains("expected a positive number of output channels, got 0"),
        e.getMessage());
  }

  @Test
  void ofRejectsANaNWeightNamingItsChannel() {
    float[] w = {1, 2, 3, Float.NaN};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ChannelRanges.of("conv1", w, 2));
    assertTrue(e.getMessage().contains("channel 1"), e.getMessage());
  }

  @Test
  void rejectsUnequalLengths() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ChannelRanges("conv1", new float[2], new float[3]));
    assertTrue(e.getMessage().contains("expected as many maxima as minima (2), got 3"),
        e.getMessage());
  }

  @Test
  void rejectsZeroChannels() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ChannelRanges("conv1", new float[0], new float[0]));
    assertTrue(e.getMessage().contains("expected at least one channel, got 0"), e.getMessage());
  }

  @Test
  void rejectsAMinAboveItsMax() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ChannelRanges("conv1", new float[] {0, 2}, new float[] {1, 1}));
    assertTrue(e.getMessage().contains("channel 1: expected min <= max, got min 2.0, max 1.0"),
        e.getMessage());
  }

  @Test
  void copiesItsArraysInAndOut() {
    float[] min = {-1};
    float[] max = {1};
    ChannelRanges r = new ChannelRanges("conv1", min, max);
    min[0] = -9;
    max[0] = 9;
    r.min()[0] = -9;
    r.max()[0] = 9;
    assertArrayEquals(new float[] {-1}, r.min());
    assertArrayEquals(new float[] {1}, r.max());
  }

  @Test
  void equalRangesAreEqualByContent() {
    assertEquals(ChannelRanges.of("c", new float[] {1, 2}, 1),
        new ChannelRanges("c", new float[] {1}, new float[] {2}));
  }
}
