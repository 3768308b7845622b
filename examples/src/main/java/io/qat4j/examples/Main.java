package io.qat4j.examples;

import io.qat4j.examples.cli.Commands;
import io.qat4j.examples.cli.JobOptions;
import io.qat4j.examples.demo.DemoOptions;
import io.qat4j.examples.demo.DemoReport;
import io.qat4j.examples.demo.Pipeline;
import io.qat4j.examples.demo.ReportPrinter;
import io.qat4j.examples.report.Report;
import io.qat4j.examples.report.ReportWriter;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The {@code qat4j} command line. Without a subcommand it runs the main job on {@code --model}:
 * trains in float, calibrates a post-training-quantized copy, fine-tunes with quantization-aware
 * training, converts to int8, exports to ONNX, then prints the results table and writes the report
 * with its plots to {@code --out}. The subcommands run one stage at a time over the files in
 * {@code --out}.
 */
@Command(
    name = "qat4j",
    mixinStandardHelpOptions = true,
    description = {"Quantization-aware training and int8 inference of the bundled models on"
        + " Fashion-MNIST.",
        "Without a subcommand: the whole job (train, calibrate, QAT, convert, export, evaluate,"
            + " report)."},
    subcommandsRepeatable = false)
public final class Main implements Callable<Integer> {
  @Mixin JobOptions job;

  private final PrintStream out;

  Main(PrintStream out) {
    this.out = out;
  }

  /** Runs the command line; exits with its status. */
  public static void main(String[] args) {
    System.exit(run(System.out, args));
  }

  /** Runs the command line, printing to {@code out}; returns the exit status. */
  static int run(PrintStream out, String... args) {
    return Commands.commandLine(new Main(out), out).execute(args);
  }

  /** Where commands print. */
  public PrintStream out() {
    return out;
  }

  @Override
  public Integer call() throws Exception {
    DemoOptions options = job.toDemoOptions();
    out.println(options.model().summary().render());
    DemoReport report = new Pipeline(options, Commands.progressBars(out)).run();
    ReportPrinter printer = new ReportPrinter(out);
    printer.print(report);
    printer.printResults(List.of(report));
    Report written = ReportWriter.write(report.reportData(), options.output());
    out.println();
    out.println("report: " + written.markdown() + " (" + written.plots().size() + " plots)");
    return 0;
  }
}
