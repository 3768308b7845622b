package io.qat4j.runtime.train;

import io.qat4j.runtime.data.Batch;
import io.qat4j.runtime.data.Batches;
import io.qat4j.runtime.data.Dataset;
import io.qat4j.runtime.graph.Network;
import java.util.function.IntConsumer;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Runs a network in inference mode over a dataset. */
public final class Predictions {
  private Predictions() {}

  /** Fraction of {@code data} whose arg-max output is its label. */
  public static double accuracy(Network network, Dataset data, int batchSize) {
    long right = 0;
    for (Batch batch : Batches.inOrder(data, batchSize).epoch(0)) {
      right += correct(network.forward(batch.features(), false), batch.classIndices());
    }
    return data.size() == 0 ? 0 : (double) right / data.size();
  }

  /** The outputs for every example of {@code data}, in order, as {@code [N][K]}. */
  public static float[][] outputs(Network network, Dataset data, int batchSize) {
    return outputs(network, data, batchSize, done -> { });
  }

  /**
   * As {@link #outputs(Network, Dataset, int)}, telling {@code examplesDone} how many examples are
   * done after each batch (for a progress bar).
   */
  public static float[][] outputs(Network network, Dataset data, int batchSize,
      IntConsumer examplesDone) {
    float[][] out = new float[data.size()][];
    int row = 0;
    for (Batch batch : Batches.inOrder(data, batchSize).epoch(0)) {
      INDArray y = network.forward(batch.features(), false);
      for (int i = 0; i < batch.size(); i++) {
        out[row++] = y.getRow(i).toFloatVector();
      }
      examplesDone.accept(row);
    }
    return out;
  }

  /** How many rows of {@code outputs} have their arg-max at the given class. */
  static long correct(INDArray outputs, int[] classes) {
    INDArray argMax = outputs.argMax(1);
    long right = 0;
    for (int i = 0; i < classes.length; i++) {
      if (argMax.getLong(i) == classes[i]) {
        right++;
      }
    }
    return right;
  }
}
