package io.qat4j.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class OptimizerSpecTest {
  @Test
  void constantLearningRateByDefault() {
    assertEquals(1e-3, OptimizerSpec.adam(1e-3).learningRate(5), 0);
  }

  @Test
  void epochDecayMultipliesOncePerEpoch() {
    // Powers of one half are exact in binary floating point.
    assertEquals(2.5e-4, OptimizerSpec.adam(1e-3).decayingPerEpoch(0.5).learningRate(2), 0);
    assertEquals(0.1, OptimizerSpec.sgd(0.1, 0.9).decayingPerEpoch(0.5).learningRate(0), 0);
  }

  @Test
  void decayOutsideZeroToOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> OptimizerSpec.adam(1e-3).decayingPerEpoch(0));
    assertThrows(IllegalArgumentException.class, () -> OptimizerSpec.adam(1e-3).decayingPerEpoch(1.5));
  }

  @Test
  void optimizersRefuseANonPositiveLearningRateFromASchedule() {
    assertThrows(IllegalArgumentException.class, () -> new Adam(1e-3).learningRate(0));
    assertThrows(IllegalArgumentException.class,
        () -> new SgdMomentum(0.1, 0.9).learningRate(Double.NaN));
  }
}
