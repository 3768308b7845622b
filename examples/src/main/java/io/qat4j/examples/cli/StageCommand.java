package io.qat4j.examples.cli;

import io.qat4j.examples.Main;
import io.qat4j.examples.demo.DemoOptions;
import io.qat4j.examples.demo.Pipeline;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** A subcommand of {@code qat4j}: one stage of the job, over the files in {@code --out}. */
abstract class StageCommand implements Callable<Integer> {
  @Mixin JobOptions job;
  @ParentCommand Main parent;

  @Override
  public final Integer call() throws Exception {
    DemoOptions options = job.toDemoOptions();
    run(options, new Pipeline(options, new ProgressBars(out())));
    return 0;
  }

  /** Runs the stage. */
  abstract void run(DemoOptions options, Pipeline pipeline) throws Exception;

  PrintStream out() {
    return parent.out();
  }

  void line(String format, Object... args) {
    out().println(String.format(Locale.ROOT, format, args));
  }
}
