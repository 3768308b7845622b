package io.qat4j.runtime.train;

import static io.qat4j.runtime.train.TrainFixtures.assertSameBits;
import static io.qat4j.runtime.train.TrainFixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.plan.QuantizedGraph;
import io.qat4j.runtime.data.Dataset;
import io.qat4j.runtime.qat.QatOptions;
import io.qat4j.runtime.qat.TrainableModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A run killed mid-epoch resumes from its last checkpoint, in a fresh model and a fresh trainer,
 * and ends with the same weights, statistics, ranges and optimizer moments as a run never
 * interrupted, bit for bit.
 *
 * <p>60 examples in batches of 8 make 8 steps an epoch (the last batch of 4); 3 epochs are 24
 * steps. Checkpoints are written every 5 steps and after each epoch (steps 8 and 16), so the last
 * checkpoint before a kill at step k is the largest such step below k: the kill happens inside
 * {@link TrainingListener#stepFinished}, after the update of step k but before its checkpoint.
 */
class TrainerResumeTest {
  private static final Dataset DATA = TrainFixtures.brightness(60, 5);
  private static final int EPOCHS = 3;
  private static final int TOTAL_STEPS = 24;
  private static final QuantizedGraph FLOAT_GRAPH = TrainFixtures.tinyCnn("tiny", false);
  private static final QuantizedGraph QAT_GRAPH = TrainFixtures.tinyCnn("tiny", true);
  /** BatchNorm statistics freeze before step 9, ranges before step 14: both inside the run. */
  private static final QatOptions FREEZING = QatOptions.defaults().freezing(9, 14);
  private static final Supplier<TrainableModel> FLOAT = () -> TrainableModel.floatModel(FLOAT_GRAPH, 7);
  private static final Supplier<TrainableModel> QAT = () -> TrainableModel.qat(QAT_GRAPH, 7, FREEZING);

  private static TrainFixtures.SingleThreaded singleThreaded;
  private static Reference floatReference;
  private static Reference qatReference;

  @TempDir static Path referenceDir;
  @TempDir Path dir;

  /** Where an uninterrupted run ends: its network's tensors and its final checkpoint. */
  private record Reference(Map<String, TrainFixtures.Bits> network, Map<String, TrainFixtures.Bits> checkpoint) {}

  @BeforeAll
  static void uninterruptedRuns() throws IOException {
    singleThreaded = new TrainFixtures.SingleThreaded();
    floatReference = uninterrupted(FLOAT.get(), referenceDir.resolve("float.ckpt"));
    qatReference = uninterrupted(QAT.get(), referenceDir.resolve("qat.ckpt"));
  }

  @AfterAll
  static void restoreThreads() {
    singleThreaded.close();
  }

  private static TrainingConfig config() {
    return TrainingConfig.of(EPOCHS, 8, 11, OptimizerSpec.adam(0.01));
  }

  /**
   * An uninterrupted run. It checkpoints only after each epoch (every 1000 steps never comes), so
   * its final checkpoint records the Adam moments and step count it ended with.
   */
  private static Reference uninterrupted(TrainableModel model, Path file) throws IOException {
    Trainer trainer = new Trainer(model.network(), config().withCheckpoint(file, 1000),
        model.schedule(), TrainingListener.NONE);
    trainer.fit(DATA);
    assertEquals(TOTAL_STEPS, trainer.steps());
    return new Reference(snapshot(model.network()), tensors(Checkpoint.read(file)));
  }

  private static Map<String, TrainFixtures.Bits> tensors(Checkpoint c) {
    Map<String, TrainFixtures.Bits> out = new LinkedHashMap<>();
    c.tensors().forEach((name, t) -> out.put(name, TrainFixtures.Bits.of(t)));
    return out;
  }

  /** Kills the run by throwing from the listener after step {@code killAt} (1-based) finished. */
  private static final class Killer implements TrainingListener {
    private final int killAt;
    private int steps;

    Killer(int killAt) {
      this.killAt = killAt;
    }

    @Override
    public void stepFinished(int epoch, int batch, double loss, double accuracy, double imagesPerSecond) {
      if (++steps == killAt) {
        throw new Killed("killed after step " + steps + " (epoch " + epoch + ", batch " + batch + ")");
      }
    }
  }

  private static final class Killed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Killed(String message) {
      super(message);
    }
  }

  /** Counts the steps a run takes. */
  private static final class Counter implements TrainingListener {
    int steps;
    final List<Integer> epochsStarted = new ArrayList<>();

    @Override
    public void epochStarted(int epoch, int batches) {
      epochsStarted.add(epoch);
    }

    @Override
    public void stepFinished(int epoch, int batch, double loss, double accuracy, double imagesPerSecond) {
      steps++;
    }
  }

  private void killThenResume(Supplier<TrainableModel> factory, Reference reference, int killAt,
      long expectedCheckpointStep) throws IOException {
    Path file = dir.resolve("run.ckpt");
    TrainingConfig config = config().withCheckpoint(file, 5);

    TrainableModel killed = factory.get();
    Trainer first = new Trainer(killed.network(), config, killed.schedule(), new Killer(killAt));
    Killed k = assertThrows(Killed.class, () -> first.fit(DATA));
    assertTrue(k.getMessage().contains("step " + killAt), k.getMessage());
    if (expectedCheckpointStep < 0) {
      assertFalse(Files.exists(file), "no checkpoint before step 5");
    } else {
      assertEquals(expectedCheckpointStep, Checkpoint.read(file).step(), "last checkpoint");
    }

    TrainableModel resumed = factory.get();
    Counter counter = new Counter();
    Trainer second = new Trainer(resumed.network(), config, resumed.schedule(), counter);
    second.fit(DATA);
    assertEquals(TOTAL_STEPS, second.steps());
    assertEquals(TOTAL_STEPS - Math.max(0, expectedCheckpointStep), counter.steps,
        "the second run resumed rather than starting over");

    assertSameBits(reference.network(), snapshot(resumed.network()));
    Checkpoint last = Checkpoint.read(file);
    assertEquals(EPOCHS, last.epoch());
    assertEquals(0, last.batch());
    assertEquals(TOTAL_STEPS, last.step());
    assertTrue(last.tensors().keySet().stream().anyMatch(n -> n.startsWith("adam.m.")),
        "the checkpoint holds Adam's moments");
    assertSameBits(reference.checkpoint(), tensors(last));
  }

  @ParameterizedTest(name = "killed after step {0}, resumed from step {1}")
  @CsvSource({"3, -1", "8, 5", "13, 10", "17, 16", "24, 20"})
  void floatRunResumesToTheSameWeights(int killAt, long checkpointStep) throws IOException {
    killThenResume(FLOAT, floatReference, killAt, checkpointStep);
  }

  @ParameterizedTest(name = "killed after step {0}, resumed from step {1}")
  @CsvSource({"7, 5", "12, 10", "19, 16"})
  void qatRunResumesToTheSameWeightsRangesAndStatistics(int killAt, long checkpointStep)
      throws IOException {
    killThenResume(QAT, qatReference, killAt, checkpointStep);
  }

  @Test
  void aFinishedRunResumedTrainsNoMoreAndRestoresItsFinalWeights() throws IOException {
    Path file = dir.resolve("run.ckpt");
    TrainableModel model = FLOAT.get();
    new Trainer(model.network(), config().withCheckpoint(file, 5), model.schedule(),
        TrainingListener.NONE).fit(DATA);
    TrainableModel fresh = FLOAT.get();
    Counter counter = new Counter();
    Trainer again = new Trainer(fresh.network(), config().withCheckpoint(file, 5), fresh.schedule(),
        counter);
    assertEquals(List.of(), again.fit(DATA));
    assertEquals(0, counter.steps);
    assertEquals(TOTAL_STEPS, again.steps());
    assertSameBits(floatReference.network(), snapshot(fresh.network()));
  }

  @Test
  void resumedEpochReportsOnlyItsRemainingBatches() throws IOException {
    Path file = dir.resolve("run.ckpt");
    TrainingConfig config = config().withCheckpoint(file, 5);
    TrainableModel killed = FLOAT.get();
    assertThrows(Killed.class,
        () -> new Trainer(killed.network(), config, killed.schedule(), new Killer(13)).fit(DATA));
    TrainableModel resumed = FLOAT.get();
    Counter counter = new Counter();
    List<EpochResult> results =
        new Trainer(resumed.network(), config, resumed.schedule(), counter).fit(DATA);
    // Step 10 was batch 1 of epoch 1: batches 2..7 remain, 5 of 8 examples and one of 4.
    assertEquals(List.of(1, 2), counter.epochsStarted);
    assertEquals(2, results.size());
    assertEquals(1, results.get(0).epoch());
    assertEquals(5 * 8 + 4, results.get(0).images());
    assertEquals(60, results.get(1).images());
  }
}
