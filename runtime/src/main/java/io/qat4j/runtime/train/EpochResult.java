package io.qat4j.runtime.train;

/**
 * What one epoch of training did.
 *
 * @param epoch the epoch, from 0
 * @param meanLoss mean training loss over the epoch's batches
 * @param accuracy fraction of training examples classified right during the epoch
 * @param seconds wall time of the epoch
 * @param images examples seen in the epoch
 */
public record EpochResult(int epoch, double meanLoss, double accuracy, double seconds, long images) {
  /** Throughput of the epoch. */
  public double imagesPerSecond() {
    return seconds > 0 ? images / seconds : 0;
  }
}
