package io.qat4j.examples;

import io.qat4j.examples.cli.ProgressBarListener;
import io.qat4j.examples.demo.DemoOptions;
import io.qat4j.examples.demo.DemoReport;
import io.qat4j.examples.demo.FashionDemo;
import io.qat4j.examples.demo.ReportPrinter;
import io.qat4j.examples.models.FashionCnnQuantized;
import io.qat4j.examples.models.MobileNetMiniQuantized;
import io.qat4j.runtime.data.DataFileException;
import io.qat4j.runtime.data.FashionMnist;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The main job: prints the compile-time summaries of the bundled models, then trains FashionCnn
 * on Fashion-MNIST in float, calibrates a post-training-quantized copy, fine-tunes it with
 * quantization-aware training, and prints the test accuracy of each.
 */
@Command(
    name = "qat4j-demo",
    mixinStandardHelpOptions = true,
    description = "Float training, post-training quantization and QAT of FashionCnn on Fashion-MNIST.")
public final class Main implements Callable<Integer> {
  @Option(names = "--data", description = "Fashion-MNIST IDX directory (default: ${DEFAULT-VALUE}).")
  Path data = FashionMnist.DEFAULT_DIRECTORY;

  @Option(names = "--epochs", description = "Float training epochs (default: ${DEFAULT-VALUE}).")
  int epochs = 3;

  @Option(names = "--qat-epochs", description = "QAT fine-tuning epochs (default: ${DEFAULT-VALUE}).")
  int qatEpochs = 1;

  @Option(names = "--batch", description = "Batch size (default: ${DEFAULT-VALUE}).")
  int batch = 64;

  @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed = 42;

  @Option(names = "--train-limit",
      description = "Train on the first N images only, 0 for all (default: ${DEFAULT-VALUE}).")
  int trainLimit = 0;

  @Option(names = "--lr", description = "Adam learning rate of the first float epoch (default: ${DEFAULT-VALUE}).")
  double learningRate = 3e-3;

  @Option(names = "--lr-decay",
      description = "Factor on the float learning rate after each epoch (default: ${DEFAULT-VALUE}).")
  double epochDecay = 0.4;

  @Option(names = "--qat-lr",
      description = "Adam learning rate of QAT fine-tuning, smaller as TFMOT and PyTorch advise"
          + " (default: ${DEFAULT-VALUE}).")
  double qatLearningRate = 1e-4;

  @Option(names = "--out",
      description = "Directory for the float32 and int8 model files (default: ${DEFAULT-VALUE}).")
  Path output = Path.of("target", "qat4j-demo");

  @Option(names = "--summary-only", description = "Print the model summaries and stop.")
  boolean summaryOnly;

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
    return new CommandLine(new Main(out)).execute(args);
  }

  @Override
  public Integer call() throws Exception {
    if (epochs < 1 || qatEpochs < 0 || batch < 1 || trainLimit < 0) {
      throw new CommandLine.ParameterException(new CommandLine(this),
          "--epochs and --batch must be at least 1, --qat-epochs and --train-limit at least 0.");
    }
    out.println(FashionCnnQuantized.summary().render());
    out.println(MobileNetMiniQuantized.summary().render());
    if (summaryOnly) {
      return 0;
    }
    DemoOptions options =
        new DemoOptions(data, epochs, qatEpochs, batch, seed, trainLimit, 32, learningRate,
            epochDecay, qatLearningRate, output);
    DemoReport report;
    try {
      report = new FashionDemo(options, task -> new ProgressBarListener(task, out)).run();
    } catch (DataFileException e) {
      out.println(e.getMessage());
      return 2;
    }
    new ReportPrinter(out).print(report);
    return 0;
  }
}
