package io.qat4j.runtime.train;

/** Hears about training progress; the command line draws a progress bar from it. */
public interface TrainingListener {
  /** A listener that ignores everything. */
  TrainingListener NONE = new TrainingListener() {};

  /** An epoch starts with {@code batches} steps. */
  default void epochStarted(int epoch, int batches) {}

  /**
   * A step finished.
   *
   * @param loss mean loss over the batch
   * @param accuracy fraction of the batch classified right
   * @param imagesPerSecond throughput over the epoch so far
   */
  default void stepFinished(int epoch, int batch, double loss, double accuracy,
      double imagesPerSecond) {}

  /** An epoch finished. */
  default void epochFinished(EpochResult result) {}
}
