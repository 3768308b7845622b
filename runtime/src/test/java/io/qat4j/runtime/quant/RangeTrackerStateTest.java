package io.qat4j.runtime.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.runtime.layers.Param;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Tracker state for checkpoints: doubles and live tensors, restored exactly. */
class RangeTrackerStateTest {
  @Test
  void stateValuesAreMinimaThenMaximaThenFrozen() {
    RangeTracker t = RangeTracker.lastValuePerAxis(2);
    t.observe(Nd4j.createFromArray(new double[][] {{-1, 2}, {-3, 4}}));
    t.freeze();
    assertArrayEquals(new double[] {-1, -3, 2, 4, 1}, t.stateValues(), 0.0);
  }

  @Test
  void stateBeforeAnyBatchIsNaN() {
    double[] state = RangeTracker.movingAverage().stateValues();
    assertEquals(3, state.length);
    assertTrue(Double.isNaN(state[0]) && Double.isNaN(state[1]));
    assertEquals(0.0, state[2], 0.0);
  }

  @Test
  void restoredTrackerContinuesExactlyAsTheOriginal() {
    RangeTracker original = RangeTracker.movingAverage(0.9);
    original.observe(Nd4j.createFromArray(-1.3, 0.7));
    original.observe(Nd4j.createFromArray(-0.2, 2.9));
    RangeTracker restored = RangeTracker.movingAverage(0.9);
    restored.restoreState(original.stateValues());
    original.observe(Nd4j.createFromArray(-0.8, 1.1));
    restored.observe(Nd4j.createFromArray(-0.8, 1.1));
    assertArrayEquals(original.stateValues(), restored.stateValues(), 0.0);
  }

  @Test
  void stateParamsAreNamedTypedAndLive() {
    RangeTracker t = RangeTracker.lastValue();
    List<Param> state = t.state();
    assertEquals(List.of("min", "max", "frozen"), state.stream().map(Param::name).toList());
    for (Param p : state) {
      assertEquals(DataType.DOUBLE, p.value().dataType());
      assertArrayEquals(new long[] {1}, p.value().shape());
    }
    t.observe(Nd4j.createFromArray(-0.5, 0.75));
    assertEquals(-0.5, state.get(0).value().getDouble(0), 0.0);
    assertEquals(0.75, state.get(1).value().getDouble(0), 0.0);
  }

  @Test
  void assigningIntoStateParamsRestoresTheTracker() {
    RangeTracker t = RangeTracker.lastValue();
    List<Param> state = t.state();
    state.get(0).value().assign(-2);
    state.get(1).value().assign(3);
    state.get(2).value().assign(1);
    assertTrue(t.hasRange());
    assertEquals(-2, t.min(0), 0.0);
    assertEquals(3, t.max(0), 0.0);
    assertTrue(t.isFrozen());
  }

  @Test
  void restoringNaNMeansNoRangeYet() {
    RangeTracker t = RangeTracker.allValues();
    t.observe(Nd4j.createFromArray(-1.0, 1.0));
    t.restoreState(new double[] {Double.NaN, Double.NaN, 0});
    assertFalse(t.hasRange());
  }

  @Test
  void malformedStatesAreRejected() {
    RangeTracker t = RangeTracker.lastValuePerAxis(2);
    assertThrows(IllegalArgumentException.class, () -> t.restoreState(new double[] {-1, 1, 0}));
    assertThrows(
        IllegalArgumentException.class, () -> t.restoreState(new double[] {-1, 2, 1, -3, 0}));
    assertThrows(
        IllegalArgumentException.class,
        () -> t.restoreState(new double[] {-1, Double.NaN, 1, 1, 0}));
    assertThrows(
        IllegalArgumentException.class, () -> t.restoreState(new double[] {-1, -1, 1, 1, 0.5}));
    assertFalse(t.hasRange());
  }

  @Test
  void fixedRangeHasNoStateAndNeverMoves() {
    RangeTracker t = RangeTracker.fixed(0, 0.5);
    assertTrue(t.hasRange());
    assertTrue(t.isFrozen());
    t.unfreeze();
    t.observe(Nd4j.createFromArray(-4.0, 9.0));
    assertEquals(0, t.min(0), 0.0);
    assertEquals(0.5, t.max(0), 0.0);
    assertEquals(List.of(), t.state());
    assertEquals(0, t.stateValues().length);
    assertThrows(IllegalArgumentException.class, () -> t.restoreState(new double[] {0, 1, 0}));
  }
}
