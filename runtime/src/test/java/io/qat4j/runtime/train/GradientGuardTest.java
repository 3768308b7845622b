package io.qat4j.runtime.train;

import static io.qat4j.runtime.train.TrainFixtures.assertSameBits;
import static io.qat4j.runtime.train.TrainFixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.runtime.data.Dataset;
import io.qat4j.runtime.train.PoisonNet.Spot;
import io.qat4j.runtime.train.TrainingDivergedException.Source;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A gradient that is not finite stops the step before the optimizer touches a weight. */
class GradientGuardTest {
  private static final Dataset DATA = PoisonNet.data(24, 3);
  /** 24 examples in batches of 8: three batches per epoch. */
  private static final TrainingConfig CONFIG = TrainingConfig.of(3, 8, 5, OptimizerSpec.adam(0.05));

  private static TrainingDivergedException fail(PoisonNet net) {
    Trainer trainer = new Trainer(net.network, CONFIG, net.hook, TrainingListener.NONE);
    return assertThrows(TrainingDivergedException.class, () -> trainer.fit(DATA));
  }

  @Test
  void nanGradientNamesTheStepAndTheParameter() {
    TrainingDivergedException e = fail(new PoisonNet().poison(4, Float.NaN, Spot.BIAS_GRADIENT));
    assertEquals(Source.GRADIENT, e.source());
    assertEquals(4, e.step());
    assertEquals(1, e.epoch());
    assertEquals(1, e.batch());
    assertEquals("bias.p", e.where());
    String m = e.getMessage();
    assertTrue(m.contains("step 4 (epoch 1, batch 1)"), m);
    assertTrue(m.contains("gradient of parameter bias.p of layer bias holds NaN"), m);
    assertTrue(m.contains("1 of 2 parameters"), m);
    assertTrue(m.contains("Lower the learning rate"), m);
  }

  @Test
  void infiniteGradientIsFoundToo() {
    TrainingDivergedException e =
        fail(new PoisonNet().poison(2, Float.POSITIVE_INFINITY, Spot.FC_GRADIENT));
    assertEquals("fc.weight", e.where());
    assertEquals(2, e.step());
    assertTrue(e.getMessage().contains("holds Infinity"), e.getMessage());
  }

  @Test
  void aNonFiniteGradientPassedBackIsTracedToTheParameterItReaches() {
    // bias.p's own gradient stays finite; what bias hands back to fc makes fc.weight's NaN.
    TrainingDivergedException e =
        fail(new PoisonNet().poison(1, Float.NaN, Spot.BIAS_INPUT_GRADIENT));
    assertEquals("fc.weight", e.where());
    assertTrue(e.getMessage().contains("1 of 2 parameters"), e.getMessage());
  }

  @Test
  void ofSeveralBadGradientsTheOneNearestTheOutputIsNamed() {
    TrainingDivergedException e = fail(new PoisonNet()
        .poison(1, Float.NaN, Spot.BIAS_GRADIENT, Spot.BIAS_INPUT_GRADIENT));
    assertEquals("bias.p", e.where());
    assertTrue(e.getMessage().contains("2 of 2 parameters"), e.getMessage());
  }

  @Test
  void noWeightChangesInTheStepWithTheBadGradient() {
    PoisonNet net = new PoisonNet().poison(4, Float.NaN, Spot.FC_GRADIENT);
    Map<Long, Map<String, TrainFixtures.Bits>> after = new HashMap<>();
    long[] steps = {0};
    TrainingListener listener = new TrainingListener() {
      @Override
      public void stepFinished(int epoch, int batch, double loss, double accuracy, double ips) {
        after.put(steps[0]++, snapshot(net.network));
      }
    };
    Trainer trainer = new Trainer(net.network, CONFIG, net.hook, listener);
    assertThrows(TrainingDivergedException.class, () -> trainer.fit(DATA));
    assertEquals(4, trainer.steps());
    // Only the running count of examples (state, updated in the forward pass) moved on.
    Map<String, TrainFixtures.Bits> now = snapshot(net.network);
    now.remove("bias.seen");
    Map<String, TrainFixtures.Bits> before = after.get(3L);
    before.remove("bias.seen");
    assertSameBits(before, now);
  }
}
