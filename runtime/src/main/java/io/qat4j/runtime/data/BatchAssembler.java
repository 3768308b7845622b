package io.qat4j.runtime.data;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Copies chosen examples of a {@link Dataset} into fresh float arrays and wraps them as a batch. */
final class BatchAssembler {
  private final Dataset data;

  BatchAssembler(Dataset data) {
    this.data = data;
  }

  /** The batch of examples {@code order[from..to)}. */
  Batch assemble(int[] order, int from, int to, int epoch, int index) {
    int size = to - from;
    int length = data.exampleLength();
    int classes = data.classes();
    float[] features = new float[size * length];
    float[] oneHot = new float[size * classes];
    int[] classIndices = new int[size];
    for (int b = 0; b < size; b++) {
      int example = order[from + b];
      data.copyImage(example, features, b * length);
      int label = data.label(example);
      classIndices[b] = label;
      oneHot[b * classes + label] = 1f;
    }
    long[] featureShape = {size, data.channels(), data.height(), data.width()};
    INDArray x = Nd4j.create(features, featureShape, 'c');
    INDArray y = Nd4j.create(oneHot, new long[] {size, classes}, 'c');
    return new Batch(x, y, classIndices, Arrays.copyOfRange(order, from, to), epoch, index);
  }
}
