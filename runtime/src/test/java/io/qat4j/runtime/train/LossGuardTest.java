package io.qat4j.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.runtime.qat.QatOptions;
import io.qat4j.runtime.qat.TrainableModel;
import io.qat4j.runtime.quant.NonFiniteValuesException;
import io.qat4j.runtime.train.PoisonNet.Spot;
import io.qat4j.runtime.train.TrainingDivergedException.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A loss or forward pass that overflows stops training naming the step and the layer. */
class LossGuardTest {
  private static TrainFixtures.SingleThreaded singleThreaded;

  @BeforeAll
  static void oneThread() {
    singleThreaded = new TrainFixtures.SingleThreaded();
  }

  @AfterAll
  static void restoreThreads() {
    singleThreaded.close();
  }

  private static TrainingDivergedException fit(TrainableModel model, OptimizerSpec optimizer) {
    Trainer trainer = new Trainer(model.network(), TrainingConfig.of(2, 8, 21, optimizer),
        model.schedule(), TrainingListener.NONE);
    return assertThrows(TrainingDivergedException.class,
        () -> trainer.fit(TrainFixtures.brightness(40, 9)));
  }

  private static TrainableModel floatModel() {
    return TrainableModel.floatModel(TrainFixtures.tinyCnn("tiny", false), 1);
  }

  @Test
  void nanInAnOutputNamesTheFirstLayerWhoseOutputIsNotFinite() {
    PoisonNet net = new PoisonNet().poison(2, Float.NaN, Spot.FC_OUTPUT);
    Trainer trainer = new Trainer(net.network, TrainingConfig.of(1, 8, 5, OptimizerSpec.adam(0.1)),
        net.hook, TrainingListener.NONE);
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> trainer.fit(PoisonNet.data(24, 3)));
    assertEquals(Source.LOSS, e.source());
    assertEquals(2, e.step());
    assertEquals("fc", e.where());
    assertTrue(e.getMessage().contains("step 2 (epoch 0, batch 2): the loss is NaN; the output"
        + " of layer fc is the first to hold NaN or infinity"), e.getMessage());
    assertEquals(2, trainer.steps());
  }

  @Test
  void hugeLearningRateStopsAtTheFirstOverflowingLayer() {
    // Adam moves every weight by about the learning rate: 1e30 after one step, finite, but the
    // logits they make overflow a float.
    TrainingDivergedException e = fit(floatModel(), OptimizerSpec.adam(1e30));
    assertEquals(Source.LOSS, e.source());
    assertEquals(1, e.step());
    assertEquals("logits", e.where());
    assertTrue(e.getMessage().contains("step 1 (epoch 0, batch 1): the loss is NaN"),
        e.getMessage());
    assertTrue(e.getMessage().contains("Lower the learning rate"), e.getMessage());
  }

  @Test
  void anUpdateThatOverflowsTheWeightsIsNamedWithTheParameters() {
    // A learning rate beyond the float range makes the first update infinite.
    TrainingDivergedException e = fit(floatModel(), OptimizerSpec.sgd(1e39, 0));
    assertEquals(Source.LOSS, e.source());
    assertEquals(1, e.step());
    assertTrue(e.getMessage().contains("parameters conv1.weight, bn1.gamma"), e.getMessage());
    assertTrue(e.getMessage().contains("an earlier update overflowed"), e.getMessage());
  }

  @Test
  void qatForwardPassRefusingAnOverflowNamesTheStepAndTheLayer() {
    // The fake quantizer of conv1's BatchNorm-folded weight meets the overflow first.
    TrainableModel qat =
        TrainableModel.qat(TrainFixtures.tinyCnn("tiny", true), 1, QatOptions.defaults());
    TrainingDivergedException e = fit(qat, OptimizerSpec.adam(1e30));
    assertEquals(Source.FORWARD, e.source());
    assertEquals(1, e.step());
    assertEquals("conv1", e.where());
    assertInstanceOf(NonFiniteValuesException.class, e.getCause());
    assertTrue(e.getMessage().contains("step 1 (epoch 0, batch 1): the forward pass stopped in"
        + " layer conv1"), e.getMessage());
  }
}
