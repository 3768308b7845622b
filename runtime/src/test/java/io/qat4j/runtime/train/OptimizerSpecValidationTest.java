package io.qat4j.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Optimizer and training settings out of range are refused with the value that came. */
class OptimizerSpecValidationTest {
  @Test
  void aNegativeLearningRateIsRefused() {
    assertEquals("learning rate must be positive and finite, got -0.1",
        assertThrows(IllegalArgumentException.class, () -> OptimizerSpec.adam(-0.1)).getMessage());
  }

  @Test
  void aNaNLearningRateIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> OptimizerSpec.sgd(Double.NaN, 0.9));
  }

  @Test
  void momentumMustBeBelowOne() {
    assertEquals("momentum must lie in [0, 1), got 1.0",
        assertThrows(IllegalArgumentException.class, () -> OptimizerSpec.sgd(0.1, 1.0))
            .getMessage());
  }

  @Test
  void aTrainingConfigNeedsAnOptimizer() {
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> TrainingConfig.of(1, 8, 1, null));
    assertEquals("optimizer is null; pass one such as OptimizerSpec.adam(1e-3)", e.getMessage());
  }
}
