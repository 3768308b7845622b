package io.qat4j.runtime.train;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How to train.
 *
 * @param epochs passes over the training set
 * @param batchSize examples per step
 * @param seed seeds the shuffling (and the caller seeds initialisation with it too)
 * @param optimizer the optimizer
 * @param checkpoint where to write checkpoints and resume from, if anywhere
 * @param checkpointEvery steps between checkpoints (one is also written after every epoch)
 */
public record TrainingConfig(
    int epochs,
    int batchSize,
    long seed,
    OptimizerSpec optimizer,
    Optional<Path> checkpoint,
    int checkpointEvery) {

  /** Checks the numbers. */
  public TrainingConfig {
    java.util.Objects.requireNonNull(optimizer,
        "optimizer is null; pass one such as OptimizerSpec.adam(1e-3)");
    java.util.Objects.requireNonNull(checkpoint, "checkpoint is null; use Optional.empty()");
    if (epochs < 0 || batchSize < 1 || checkpointEvery < 1) {
      throw new IllegalArgumentException(
          "Training needs epochs >= 0, batchSize >= 1 and checkpointEvery >= 1, got epochs="
              + epochs + " batchSize=" + batchSize + " checkpointEvery=" + checkpointEvery + ".");
    }
  }

  /** Training without checkpoints. */
  public static TrainingConfig of(int epochs, int batchSize, long seed, OptimizerSpec optimizer) {
    return new TrainingConfig(epochs, batchSize, seed, optimizer, Optional.empty(), 500);
  }

  /** The same, writing checkpoints to {@code file} every {@code every} steps and resuming from it. */
  public TrainingConfig withCheckpoint(Path file, int every) {
    return new TrainingConfig(epochs, batchSize, seed, optimizer, Optional.of(file), every);
  }
}
