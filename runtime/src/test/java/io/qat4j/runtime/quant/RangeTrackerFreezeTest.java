package io.qat4j.runtime.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.factory.Nd4j;

/** Freezing, for every kind of tracker: a frozen tracker ignores batches until unfrozen. */
class RangeTrackerFreezeTest {
  static Stream<Supplier<RangeTracker>> trackers() {
    return Stream.of(
        RangeTracker::lastValue,
        () -> RangeTracker.movingAverage(0.9),
        RangeTracker::allValues);
  }

  @ParameterizedTest
  @MethodSource("trackers")
  void frozenTrackerDoesNotMove(Supplier<RangeTracker> kind) {
    RangeTracker t = kind.get();
    t.observe(Nd4j.createFromArray(-1.0, 1.0));
    t.freeze();
    assertTrue(t.isFrozen());
    t.observe(Nd4j.createFromArray(-7.0, 9.0));
    assertEquals(-1.0, t.min(0), 0.0);
    assertEquals(1.0, t.max(0), 0.0);
  }

  @ParameterizedTest
  @MethodSource("trackers")
  void unfrozenTrackerMovesAgain(Supplier<RangeTracker> kind) {
    RangeTracker t = kind.get();
    t.observe(Nd4j.createFromArray(-1.0, 1.0));
    t.freeze();
    t.unfreeze();
    assertFalse(t.isFrozen());
    t.observe(Nd4j.createFromArray(-7.0, 9.0));
    assertTrue(t.max(0) > 1.0);
  }

  @ParameterizedTest
  @MethodSource("trackers")
  void trackerFrozenBeforeDataHasNoRange(Supplier<RangeTracker> kind) {
    RangeTracker t = kind.get();
    t.freeze();
    t.observe(Nd4j.createFromArray(-1.0, 1.0));
    assertFalse(t.hasRange());
  }
}
