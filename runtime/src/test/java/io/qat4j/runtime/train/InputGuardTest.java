package io.qat4j.runtime.train;

import static io.qat4j.runtime.train.TrainFixtures.assertSameBits;
import static io.qat4j.runtime.train.TrainFixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.runtime.data.Batches;
import io.qat4j.runtime.data.Dataset;
import io.qat4j.runtime.qat.QatOptions;
import io.qat4j.runtime.qat.TrainableModel;
import io.qat4j.runtime.train.TrainingDivergedException.Source;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad data is reported before the batch holding it runs, naming the example. */
class InputGuardTest {
  private static final Dataset DATA = TrainFixtures.brightness(40, 9);
  private static final long SEED = 21;
  private static final int BATCH = 8;
  /** Epoch 0 (which sees every example first), batch 3, row 3 of the batch: step 3. */
  private static final int BAD = Batches.shuffled(DATA, BATCH, SEED).order(0)[3 * BATCH + 3];
  private static TrainFixtures.SingleThreaded singleThreaded;

  @TempDir Path dir;

  @BeforeAll
  static void oneThread() {
    singleThreaded = new TrainFixtures.SingleThreaded();
  }

  @AfterAll
  static void restoreThreads() {
    singleThreaded.close();
  }

  private static TrainingDivergedException fit(TrainableModel model, Dataset data,
      TrainingHook hook, TrainingListener listener) {
    Trainer trainer = new Trainer(model.network(),
        TrainingConfig.of(2, BATCH, SEED, OptimizerSpec.adam(0.01)), hook, listener);
    TrainingDivergedException e =
        assertThrows(TrainingDivergedException.class, () -> trainer.fit(data));
    assertEquals(3, trainer.steps(), "the bad step made no update");
    return e;
  }

  private static TrainingDivergedException floatFit(float value) {
    TrainableModel model = TrainableModel.floatModel(TrainFixtures.tinyCnn("tiny", false), 1);
    return fit(model, TrainFixtures.withValue(DATA, BAD, 9, value), TrainingHook.NONE,
        TrainingListener.NONE);
  }

  @Test
  void nanInAnInputNamesTheStepTheRowAndTheDataSetExample() {
    TrainingDivergedException e = floatFit(Float.NaN);
    assertEquals(Source.INPUT, e.source());
    assertEquals(3, e.step());
    assertEquals(0, e.epoch());
    assertEquals(3, e.batch());
    assertEquals("example " + BAD, e.where());
    String m = e.getMessage();
    assertTrue(m.contains("step 3 (epoch 0, batch 3)"), m);
    assertTrue(m.contains("input example 3 of the batch (example " + BAD + " of the data set)"
        + " holds NaN at value 9 of 64"), m);
    assertTrue(m.contains("Check the data"), m);
  }

  @Test
  void inALaterEpochTheEpochAndTheGlobalStepAreBothNamed() throws IOException {
    // A clean first epoch writes a checkpoint; the run resumed from it at epoch 1 meets data
    // that went bad in between, at batch 2 of epoch 1: global step 5 + 2.
    Path file = dir.resolve("run.ckpt");
    TrainingConfig config = TrainingConfig.of(2, BATCH, SEED, OptimizerSpec.adam(0.01))
        .withCheckpoint(file, 1000);
    TrainableModel first = TrainableModel.floatModel(TrainFixtures.tinyCnn("tiny", false), 1);
    new Trainer(first.network(), TrainingConfig.of(1, BATCH, SEED, OptimizerSpec.adam(0.01))
        .withCheckpoint(file, 1000), TrainingHook.NONE, TrainingListener.NONE).fit(DATA);
    int bad = Batches.shuffled(DATA, BATCH, SEED).order(1)[2 * BATCH + 1];
    TrainableModel model = TrainableModel.floatModel(TrainFixtures.tinyCnn("tiny", false), 1);
    Trainer trainer = new Trainer(model.network(), config, TrainingHook.NONE,
        TrainingListener.NONE);
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> trainer.fit(TrainFixtures.withValue(DATA, bad, 0, Float.NaN)));
    assertEquals(7, e.step());
    assertEquals(1, e.epoch());
    assertEquals(2, e.batch());
    assertTrue(e.getMessage().contains("step 7 (epoch 1, batch 2): input example 1 of the batch"
        + " (example " + bad + " of the data set)"), e.getMessage());
  }

  @Test
  void positiveInfinityInAnInputIsFound() {
    TrainingDivergedException e = floatFit(Float.POSITIVE_INFINITY);
    assertEquals(Source.INPUT, e.source());
    assertTrue(e.getMessage().contains("holds Infinity"), e.getMessage());
  }

  @Test
  void negativeInfinityInAnInputIsFound() {
    TrainingDivergedException e = floatFit(Float.NEGATIVE_INFINITY);
    assertEquals(Source.INPUT, e.source());
    assertTrue(e.getMessage().contains("holds -Infinity"), e.getMessage());
  }

  @Test
  void severalBadExamplesInOneBatchAreCounted() {
    Dataset twoBad = TrainFixtures.withValue(TrainFixtures.withValue(DATA, BAD, 0, Float.NaN),
        Batches.shuffled(DATA, BATCH, SEED).order(0)[3 * BATCH + 6], 0, Float.NaN);
    TrainableModel model = TrainableModel.floatModel(TrainFixtures.tinyCnn("tiny", false), 1);
    TrainingDivergedException e = fit(model, twoBad, TrainingHook.NONE, TrainingListener.NONE);
    assertTrue(e.getMessage().contains("input example 3 of the batch"), e.getMessage());
    assertTrue(e.getMessage().contains("and 1 more examples"), e.getMessage());
  }

  @Test
  void theBatchWithBadDataChangesNoWeightAndNoStatistic() {
    // QAT: its forward pass alone would move BatchNorm statistics and activation ranges.
    TrainableModel model =
        TrainableModel.qat(TrainFixtures.tinyCnn("tiny", true), 1, QatOptions.defaults());
    List<Long> hooked = new ArrayList<>();
    TrainingHook hook = step -> {
      hooked.add(step);
      model.schedule().beforeStep(step);
    };
    List<Map<String, TrainFixtures.Bits>> afterStep = new ArrayList<>();
    TrainingListener listener = new TrainingListener() {
      @Override
      public void stepFinished(int epoch, int batch, double loss, double accuracy, double ips) {
        afterStep.add(snapshot(model.network()));
      }
    };
    fit(model, TrainFixtures.withValue(DATA, BAD, 9, Float.NaN), hook, listener);
    assertEquals(2L, hooked.get(hooked.size() - 1), "the hook never ran for the bad step");
    assertSameBits(afterStep.get(2), snapshot(model.network()));
  }
}
