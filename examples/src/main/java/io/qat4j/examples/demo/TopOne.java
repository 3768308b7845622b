package io.qat4j.examples.demo;

import io.qat4j.runtime.data.Dataset;

/** Top-1 accuracy of outputs already computed. */
public final class TopOne {
  private TopOne() {}

  /**
   * Fraction of examples of {@code data} whose largest output is their label; {@code outputs}
   * holds one row per example of {@code data}, in order.
   */
  public static double accuracy(float[][] outputs, Dataset data) {
    int correct = 0;
    for (int i = 0; i < outputs.length; i++) {
      if (Agreement.argMax(outputs[i]) == data.label(i)) {
        correct++;
      }
    }
    return correct / (double) data.size();
  }
}
