package io.qat4j.examples.report;

import java.util.Arrays;
import java.util.Objects;

/**
 * The training curve of one stage, e.g. "float" or "QAT".
 *
 * <p>Equality compares the arrays' contents.
 *
 * @param stage the stage's name, used as the series label
 * @param stepLoss the mean batch loss after each optimizer step, all epochs concatenated; empty
 *     if the stage did not train
 * @param epochTrainAccuracy the training accuracy (fraction 0..1) at the end of each epoch
 */
public record StageCurve(String stage, double[] stepLoss, double[] epochTrainAccuracy) {
  /** Copies both arrays, so the curve cannot change after it is made. */
  public StageCurve {
    Objects.requireNonNull(stage, "stage");
    stepLoss = Objects.requireNonNull(stepLoss, "stepLoss").clone();
    epochTrainAccuracy = Objects.requireNonNull(epochTrainAccuracy, "epochTrainAccuracy").clone();
  }

  /** A copy of the loss after each step. */
  @Override
  public double[] stepLoss() {
    return stepLoss.clone();
  }

  /** A copy of the training accuracy after each epoch. */
  @Override
  public double[] epochTrainAccuracy() {
    return epochTrainAccuracy.clone();
  }

  /** Number of optimizer steps recorded. */
  public int steps() {
    return stepLoss.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StageCurve c
        && stage.equals(c.stage)
        && Arrays.equals(stepLoss, c.stepLoss)
        && Arrays.equals(epochTrainAccuracy, c.epochTrainAccuracy);
  }

  @Override
  public int hashCode() {
    return Objects.hash(stage, Arrays.hashCode(stepLoss), Arrays.hashCode(epochTrainAccuracy));
  }

  @Override
  public String toString() {
    return "StageCurve[" + stage + ", " + stepLoss.length + " steps, "
        + epochTrainAccuracy.length + " epochs]";
  }
}
