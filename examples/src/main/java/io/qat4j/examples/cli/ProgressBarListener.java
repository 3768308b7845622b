package io.qat4j.examples.cli;

import io.qat4j.runtime.train.EpochResult;
import io.qat4j.runtime.train.TrainingListener;
import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;

/** Draws one progress bar per epoch with loss, accuracy and images per second. */
public final class ProgressBarListener implements TrainingListener {
  private final String task;
  private final PrintStream out;
  private ProgressBar bar;
  private double smoothedLoss = Double.NaN;

  /** A listener labelling its bars with {@code task}, drawing on {@code out}. */
  public ProgressBarListener(String task, PrintStream out) {
    this.task = task;
    this.out = out;
  }

  @Override
  public void epochStarted(int epoch, int batches) {
    smoothedLoss = Double.NaN;
    bar = ProgressBars.bar(task + " epoch " + (epoch + 1), batches, out);
  }

  @Override
  public void stepFinished(int epoch, int batch, double loss, double accuracy,
      double imagesPerSecond) {
    smoothedLoss = Double.isNaN(smoothedLoss) ? loss : 0.98 * smoothedLoss + 0.02 * loss;
    bar.stepTo(batch + 1L);
    bar.setExtraMessage(String.format(Locale.ROOT, " loss %.3f, %.0f img/s", smoothedLoss,
        imagesPerSecond));
  }

  @Override
  public void epochFinished(EpochResult result) {
    bar.close();
  }
}
