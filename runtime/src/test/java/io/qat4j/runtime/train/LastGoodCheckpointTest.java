package io.qat4j.runtime.train;

import static io.qat4j.runtime.train.TrainFixtures.assertSameBits;
import static io.qat4j.runtime.train.TrainFixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.runtime.data.Batches;
import io.qat4j.runtime.data.Dataset;
import io.qat4j.runtime.train.PoisonNet.Spot;
import io.qat4j.runtime.train.TrainingDivergedException.Source;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When training stops on a NaN or infinity, the checkpoint written before stays byte for byte
 * as it was, and the error says where it is.
 */
class LastGoodCheckpointTest {
  private static final Dataset DATA = PoisonNet.data(24, 3);
  private static final int BATCH = 8;
  private static final long SEED = 5;
  /** Three batches an epoch, three epochs; a checkpoint after every second step. */
  private static final TrainingConfig CONFIG =
      TrainingConfig.of(3, BATCH, SEED, OptimizerSpec.adam(0.05));

  @TempDir Path dir;

  private Path file() {
    return dir.resolve("run.ckpt");
  }

  /** Runs {@code net} to its failure, keeping the checkpoint file's bytes at {@code copyAt}. */
  private Failure failWith(PoisonNet net, Dataset data, long copyAt) {
    return failWith(net, data, CONFIG, copyAt);
  }

  /**
   * Runs {@code net} with {@code config} to its failure, copying the checkpoint file when the
   * hook runs for step {@code copyAt} (after any checkpoint of the step before).
   */
  private Failure failWith(PoisonNet net, Dataset data, TrainingConfig config, long copyAt) {
    byte[][] copy = new byte[1][];
    TrainingHook hook = step -> {
      net.hook.beforeStep(step);
      if (step == copyAt) {
        copy[0] = read(file());
      }
    };
    Trainer trainer =
        new Trainer(net.network, config.withCheckpoint(file(), 2), hook, TrainingListener.NONE);
    TrainingDivergedException e =
        assertThrows(TrainingDivergedException.class, () -> trainer.fit(data));
    return new Failure(e, copy[0]);
  }

  private record Failure(TrainingDivergedException error, byte[] before) {}

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The checkpoint of {@code step} is on disk, unchanged, and the error points at it. */
  private void assertKept(Failure f, long step) throws IOException {
    assertArrayEquals(f.before(), Files.readAllBytes(file()), "the checkpoint was rewritten");
    assertEquals(step, Checkpoint.read(file()).step());
    assertEquals(Optional.of(file()), f.error().lastGoodCheckpoint());
    assertTrue(f.error().getMessage().contains(file() + " (step " + step + ")"),
        f.error().getMessage());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file()), files.toList(), "no temporary file is left behind");
    }
  }

  @Test
  void badDataLeavesTheLastCheckpointAsItWas() throws IOException {
    // Batches of 4, so that step 3 is still in epoch 0, which sees every example first; the
    // first example of its batch gets a NaN. The input check runs before the hook, so the copy
    // is taken at step 2, after the checkpoint of step 2.
    int bad = Batches.shuffled(DATA, 4, SEED).order(0)[3 * 4];
    Failure f = failWith(new PoisonNet(), TrainFixtures.withValue(DATA, bad, 1, Float.NaN),
        TrainingConfig.of(1, 4, SEED, OptimizerSpec.adam(0.05)), 2);
    assertEquals(Source.INPUT, f.error().source());
    assertEquals(3, f.error().step());
    assertKept(f, 2);
  }

  @Test
  void aBadGradientLeavesTheLastCheckpointAsItWas() throws IOException {
    Failure f = failWith(new PoisonNet().poison(5, Float.NaN, Spot.BIAS_GRADIENT), DATA, 5);
    assertEquals(Source.GRADIENT, f.error().source());
    assertKept(f, 4);
  }

  @Test
  void stateThatTurnsInfiniteIsNeverCheckpointed() throws IOException {
    // Step 4 puts infinity in a state tensor; the loss and gradients stay finite, so only the
    // check before the checkpoint due after step 5 sees it.
    Failure f = failWith(new PoisonNet().poison(4, Float.POSITIVE_INFINITY, Spot.BIAS_STATE),
        DATA, 5);
    assertEquals(Source.CHECKPOINT, f.error().source());
    assertEquals(5, f.error().step());
    assertEquals("bias.seen", f.error().where());
    assertTrue(f.error().getMessage().contains("was not written"), f.error().getMessage());
    assertKept(f, 4);
  }

  @Test
  void aFailureBeforeAnyCheckpointSaysThereIsNone() {
    Failure f = failWith(new PoisonNet().poison(1, Float.NaN, Spot.BIAS_GRADIENT), DATA, -1);
    assertEquals(Optional.empty(), f.error().lastGoodCheckpoint());
    assertTrue(f.error().getMessage().contains("No checkpoint of this run was written yet"),
        f.error().getMessage());
    assertFalse(Files.exists(file()));
  }

  @Test
  void aResumedRunNamesTheCheckpointItResumedFrom() {
    failWith(new PoisonNet().poison(5, Float.NaN, Spot.BIAS_GRADIENT), DATA, -1);
    // Resumed at step 4, checkpointing too seldom to write another before step 5 fails again.
    PoisonNet again = new PoisonNet().poison(5, Float.NaN, Spot.BIAS_GRADIENT);
    Trainer trainer = new Trainer(again.network, CONFIG.withCheckpoint(file(), 1000), again.hook,
        TrainingListener.NONE);
    TrainingDivergedException e =
        assertThrows(TrainingDivergedException.class, () -> trainer.fit(DATA));
    assertEquals(Optional.of(file()), e.lastGoodCheckpoint());
    assertTrue(e.getMessage().contains(file() + " (step 4)"), e.getMessage());
  }

  @Test
  void resumingFromTheLastCheckpointEndsAsARunThatNeverFailed() throws IOException {
    failWith(new PoisonNet().poison(5, Float.NaN, Spot.BIAS_GRADIENT), DATA, -1);
    PoisonNet resumed = new PoisonNet();
    new Trainer(resumed.network, CONFIG.withCheckpoint(file(), 2), resumed.hook,
        TrainingListener.NONE).fit(DATA);

    PoisonNet clean = new PoisonNet();
    new Trainer(clean.network, CONFIG.withCheckpoint(dir.resolve("clean.ckpt"), 2), clean.hook,
        TrainingListener.NONE).fit(DATA);
    assertSameBits(snapshot(clean.network), snapshot(resumed.network));
  }
}
