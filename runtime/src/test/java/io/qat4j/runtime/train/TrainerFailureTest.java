package io.qat4j.runtime.train;

import static io.qat4j.runtime.train.TrainFixtures.assertSameBits;
import static io.qat4j.runtime.train.TrainFixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.qat4j.plan.QuantizedGraph;
import io.qat4j.runtime.data.Batches;
import io.qat4j.runtime.data.Dataset;
import io.qat4j.runtime.qat.QatOptions;
import io.qat4j.runtime.qat.TrainableModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Training that cannot go on: NaN in the data, and checkpoints that belong to another run. */
class TrainerFailureTest {
  private static final Dataset DATA = TrainFixtures.brightness(40, 9);
  private static final long SEED = 21;
  private static final int BATCH = 8;
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

  private static TrainingConfig config(long seed) {
    return TrainingConfig.of(2, BATCH, seed, OptimizerSpec.adam(0.01));
  }

  /** The data with a NaN pixel in the first example of batch 2 of epoch 0 (the third step). */
  private static Dataset nanAtStepTwo() {
    int example = Batches.shuffled(DATA, BATCH, SEED).order(0)[2 * BATCH];
    return TrainFixtures.withNaN(DATA, example);
  }

  private static void assertAllFinite(Checkpoint c) {
    for (Map.Entry<String, INDArray> e : c.tensors().entrySet()) {
      for (double v : e.getValue().dup('c').data().asDouble()) {
        if (!Double.isFinite(v)) {
          fail("checkpoint tensor " + e.getKey() + " holds " + v);
        }
      }
    }
  }

  @Test
  void nanInTheDataStopsFloatTrainingNamingTheStep() throws IOException {
    Path file = dir.resolve("nan.ckpt");
    TrainableModel model = TrainableModel.floatModel(TrainFixtures.tinyCnn("tiny", false), 1);
    Trainer trainer = new Trainer(model.network(), config(SEED).withCheckpoint(file, 1),
        model.schedule(), TrainingListener.NONE);
    TrainingDivergedException e =
        assertThrows(TrainingDivergedException.class, () -> trainer.fit(nanAtStepTwo()));
    assertTrue(e.getMessage().contains("step 2"), e.getMessage());
    assertTrue(e.getMessage().contains("epoch 0") && e.getMessage().contains("batch 2"),
        e.getMessage());
    assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    assertEquals(2, trainer.steps(), "the diverged step made no update");

    Checkpoint c = Checkpoint.read(file);
    assertEquals(2, c.step());
    assertEquals(0, c.epoch());
    assertEquals(2, c.batch());
    assertAllFinite(c);
  }

  @Test
  void nanInTheDataStopsQatTrainingNamingTheProblem() throws IOException {
    Path file = dir.resolve("nan.ckpt");
    TrainableModel model =
        TrainableModel.qat(TrainFixtures.tinyCnn("tiny", true), 1, QatOptions.defaults());
    Trainer trainer = new Trainer(model.network(), config(SEED).withCheckpoint(file, 1),
        model.schedule(), TrainingListener.NONE);
    // Found in the batch before the input's range tracker could see it.
    TrainingDivergedException e =
        assertThrows(TrainingDivergedException.class, () -> trainer.fit(nanAtStepTwo()));
    assertEquals(TrainingDivergedException.Source.INPUT, e.source());
    assertTrue(e.getMessage().contains("step 2") && e.getMessage().contains("NaN"),
        e.getMessage());
    assertEquals(2, trainer.steps());
    Checkpoint c = Checkpoint.read(file);
    assertEquals(2, c.step());
    assertAllFinite(c);
  }

  /** Trains one epoch of {@code model} from scratch, checkpointing to {@code file}. */
  private static void trainOneEpoch(TrainableModel model, Path file, long seed) throws IOException {
    new Trainer(model.network(), TrainingConfig.of(1, BATCH, seed, OptimizerSpec.adam(0.01))
        .withCheckpoint(file, 1000), model.schedule(), TrainingListener.NONE).fit(DATA);
  }

  @Test
  void checkpointOfAnotherModelIsRefusedNamingBoth() throws IOException {
    Path file = dir.resolve("run.ckpt");
    trainOneEpoch(TrainableModel.floatModel(TrainFixtures.tinyCnn("alpha", false), 1), file, SEED);
    byte[] before = Files.readAllBytes(file);

    TrainableModel other = TrainableModel.floatModel(TrainFixtures.tinyCnn("beta", false), 1);
    Map<String, TrainFixtures.Bits> initial = snapshot(other.network());
    Trainer trainer = new Trainer(other.network(), config(SEED).withCheckpoint(file, 1000),
        other.schedule(), TrainingListener.NONE);
    CorruptCheckpointException e =
        assertThrows(CorruptCheckpointException.class, () -> trainer.fit(DATA));
    assertTrue(e.getMessage().contains("alpha") && e.getMessage().contains("beta"), e.getMessage());
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(file), "the refused checkpoint is left alone");
    assertSameBits(initial, snapshot(other.network()));
    assertEquals(0, trainer.steps());
  }

  @Test
  void checkpointOfAnotherSeedIsRefusedNamingBoth() throws IOException {
    Path file = dir.resolve("run.ckpt");
    QuantizedGraph graph = TrainFixtures.tinyCnn("alpha", false);
    trainOneEpoch(TrainableModel.floatModel(graph, 1), file, 1111);

    TrainableModel model = TrainableModel.floatModel(graph, 1);
    Trainer trainer = new Trainer(model.network(), config(2222).withCheckpoint(file, 1000),
        model.schedule(), TrainingListener.NONE);
    CorruptCheckpointException e =
        assertThrows(CorruptCheckpointException.class, () -> trainer.fit(DATA));
    assertTrue(e.getMessage().contains("1111") && e.getMessage().contains("2222"), e.getMessage());
  }

  @Test
  void checkpointOfTheSameNameButOtherTensorsIsRefusedAndLeavesTheModelAlone() throws IOException {
    // A float run's checkpoint has no fake-quant ranges; the QAT model of the same name needs them.
    Path file = dir.resolve("run.ckpt");
    trainOneEpoch(TrainableModel.floatModel(TrainFixtures.tinyCnn("alpha", false), 1), file, SEED);

    TrainableModel qat =
        TrainableModel.qat(TrainFixtures.tinyCnn("alpha", true), 1, QatOptions.defaults());
    Map<String, TrainFixtures.Bits> initial = snapshot(qat.network());
    Trainer trainer = new Trainer(qat.network(), config(SEED).withCheckpoint(file, 1000),
        qat.schedule(), TrainingListener.NONE);
    CorruptCheckpointException e =
        assertThrows(CorruptCheckpointException.class, () -> trainer.fit(DATA));
    assertTrue(e.getMessage().contains("/fq.") && e.getMessage().contains("missing"), e.getMessage());
    assertSameBits(initial, snapshot(qat.network()));
  }

  @Test
  void damagedCheckpointStopsTrainingBeforeAnyStep() throws IOException {
    Path file = dir.resolve("run.ckpt");
    trainOneEpoch(TrainableModel.floatModel(TrainFixtures.tinyCnn("alpha", false), 1), file, SEED);
    byte[] b = Files.readAllBytes(file);
    b[b.length / 2] ^= 0x10;
    Files.write(file, b);
    TrainableModel model = TrainableModel.floatModel(TrainFixtures.tinyCnn("alpha", false), 1);
    Trainer trainer = new Trainer(model.network(), config(SEED).withCheckpoint(file, 1000),
        model.schedule(), TrainingListener.NONE);
    CorruptCheckpointException e =
        assertThrows(CorruptCheckpointException.class, () -> trainer.fit(DATA));
    assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    assertEquals(0, trainer.steps());
  }

  /** A real checkpoint of one epoch, rewritten to claim position (epoch, batch). */
  private Path checkpointAt(long epoch, long batch) throws IOException {
    Path file = dir.resolve("run.ckpt");
    trainOneEpoch(TrainableModel.floatModel(TrainFixtures.tinyCnn("alpha", false), 1), file, SEED);
    Checkpoint c = Checkpoint.read(file);
    new Checkpoint(c.model(), epoch, batch, c.step(), c.seed(), c.tensors()).write(file);
    return file;
  }

  @Test
  void checkpointPastTheEndOfAnEpochOfThisDataIsRefusedClearly() throws IOException {
    // Stopped after batch 7 of epoch 0; 40 examples in batches of 8 make only 5 batches.
    Path file = checkpointAt(0, 7);
    TrainableModel model = TrainableModel.floatModel(TrainFixtures.tinyCnn("alpha", false), 1);
    Map<String, TrainFixtures.Bits> initial = snapshot(model.network());
    Trainer trainer = new Trainer(model.network(), config(SEED).withCheckpoint(file, 1000),
        model.schedule(), TrainingListener.NONE);
    CorruptCheckpointException e =
        assertThrows(CorruptCheckpointException.class, () -> trainer.fit(DATA));
    assertTrue(e.getMessage().contains("batch 7") && e.getMessage().contains("5 batches"),
        e.getMessage());
    assertSameBits(initial, snapshot(model.network()));
  }

  @Test
  void checkpointEpochBeyondAnIntIsRefusedClearly() throws IOException {
    Path file = checkpointAt(1L << 33, 0);
    TrainableModel model = TrainableModel.floatModel(TrainFixtures.tinyCnn("alpha", false), 1);
    Trainer trainer = new Trainer(model.network(), config(SEED).withCheckpoint(file, 1000),
        model.schedule(), TrainingListener.NONE);
    CorruptCheckpointException e =
        assertThrows(CorruptCheckpointException.class, () -> trainer.fit(DATA));
    assertTrue(e.getMessage().contains("epoch " + (1L << 33)), e.getMessage());
  }
}
