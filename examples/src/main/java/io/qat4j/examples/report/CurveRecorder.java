package io.qat4j.examples.report;

import io.qat4j.runtime.train.EpochResult;
import io.qat4j.runtime.train.TrainingListener;
import java.util.Arrays;
import java.util.Objects;

/**
 * Records a {@link StageCurve} from the trainer's callbacks and passes every callback on to
 * another listener, so it chains with the progress bar:
 *
 * <pre>{@code
 * CurveRecorder recorder = new CurveRecorder("float", new ProgressBarListener("float", out));
 * new Trainer(network, config, hook, recorder).fit(train);
 * StageCurve curve = recorder.curve();
 * }</pre>
 *
 * <p>Not thread-safe; the trainer calls it from one thread.
 */
public final class CurveRecorder implements TrainingListener {
  private final String stage;
  private final TrainingListener delegate;
  private double[] losses = new double[256];
  private int steps;
  private double[] accuracies = new double[8];
  private int epochs;

  /**
   * A recorder naming its curve {@code stage} and forwarding to {@code delegate} (use {@link
   * TrainingListener#NONE} for none).
   */
  public CurveRecorder(String stage, TrainingListener delegate) {
    this.stage = Objects.requireNonNull(stage, "stage");
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public void epochStarted(int epoch, int batches) {
    delegate.epochStarted(epoch, batches);
  }

  @Override
  public void stepFinished(int epoch, int batch, double loss, double accuracy,
      double imagesPerSecond) {
    if (steps == losses.length) {
      losses = Arrays.copyOf(losses, 2 * steps);
    }
    losses[steps++] = loss;
    delegate.stepFinished(epoch, batch, loss, accuracy, imagesPerSecond);
  }

  @Override
  public void epochFinished(EpochResult result) {
    if (epochs == accuracies.length) {
      accuracies = Arrays.copyOf(accuracies, 2 * epochs);
    }
    accuracies[epochs++] = result.accuracy();
    delegate.epochFinished(result);
  }

  /** The curve recorded so far. */
  public StageCurve curve() {
    return new StageCurve(stage, Arrays.copyOf(losses, steps), Arrays.copyOf(accuracies, epochs));
  }
}
