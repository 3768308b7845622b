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

  /** An ASCII bar named {@code name} of {@code total} steps on {@code out}, redrawn twice a second. */
  static ProgressBar bar(String name, long total, PrintStream out) {
    return new ProgressBarBuilder()
        .setTaskName(name)
        .setInitialMax(total)
        .setStyle(ProgressBarStyle.ASCII)
        .setConsumer(new ConsoleProgressBarConsumer(out))
        .setUpdateIntervalMillis(500)
        .build();
  }

  @Override
  public TrainingListener training(String stage) {
    return new ProgressBarListener(stage, out);
  }

  @Override
  public Task task(String name, long total) {
    ProgressBar bar = bar(name, total, out);
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
