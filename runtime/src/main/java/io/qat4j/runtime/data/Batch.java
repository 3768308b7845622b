package io.qat4j.runtime.data;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One mini-batch: features [B, C, H, W] and one-hot labels [B, classes], both float, plus the
 * class indices for computing accuracy without an argmax and where each example came from.
 */
public final class Batch {
  private final INDArray features;
  private final INDArray labels;
  private final int[] classIndices;
  private final int[] examples;
  private final int epoch;
  private final int index;

  Batch(INDArray features, INDArray labels, int[] classIndices, int[] examples, int epoch,
      int index) {
    this.features = features;
    this.labels = labels;
    this.classIndices = classIndices;
    this.examples = examples;
    this.epoch = epoch;
    this.index = index;
  }

  /** Inputs, float [B, C, H, W]. */
  public INDArray features() {
    return features;
  }

  /** One-hot targets, float [B, classes]. */
  public INDArray labels() {
    return labels;
  }

  /** A copy of the class index of each example, length B. */
  public int[] classIndices() {
    return classIndices.clone();
  }

  /** The index in the data set of example {@code i} of this batch, to point at bad data. */
  public int example(int i) {
    return examples[i];
  }

  /** The number of examples, B; the last batch of an epoch may be smaller than the batch size. */
  public int size() {
    return classIndices.length;
  }

  /** The epoch this batch belongs to. */
  public int epoch() {
    return epoch;
  }

  /** The position of this batch within its epoch, from 0. */
  public int index() {
    return index;
  }
}
