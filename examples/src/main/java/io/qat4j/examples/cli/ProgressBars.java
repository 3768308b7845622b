package io.qat4j.examples.cli;

import io.qat4j.examples.demo.Progress;
import io.qat4j.runtime.train.TrainingListener;
import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** {@link Progress} as console progress bars: one per training epoch, calibration, evaluation. */
final class ProgressBars implements Progress {
  private final PrintStream out;

  ProgressBars(PrintStream out) {
    this.out = out;
  }

  @Override
  public TrainingListener training(String stage) {
    return new ProgressBarListener(stage, out);
  }

  @Override
  public Task task(String name, long total) {
    ProgressBar bar = new ProgressBarBuilder()
        .setTaskName(name)
        .setInitialMax(total)
        .setStyle(ProgressBarStyle.ASCII)
        .setConsumer(new ConsoleProgressBarConsumer(out))
        .setUpdateIntervalMillis(500)
        .build();
    return new Task() {
      @Override
      public void stepTo(long done) {
        bar.stepTo(done);
      }

      @Override
      public void close() {
        bar.close();
      }
    };
  }
}
