package io.qat4j.examples.cli;

import io.qat4j.examples.demo.DemoOptions;
import io.qat4j.examples.demo.Pipeline;
import io.qat4j.examples.demo.TopOne;
import io.qat4j.runtime.data.Dataset;
import io.qat4j.runtime.int8.Int8Predictor;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Top-1 accuracy of an int8 model file on the test images. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Run an int8 model file (default <model>-int8.qat4j in --out, written by"
        + " 'convert') on the 10,000 test images and print its top-1 accuracy.")
final class EvaluateCommand extends StageCommand {
  @Option(names = "--file", paramLabel = "FILE", description = "The int8 model file to evaluate.")
  Path file;

  @Override
  void run(DemoOptions options, Pipeline pipeline) throws Exception {
    Path model = file != null ? file : options.file("int8", ".qat4j");
    Int8Predictor int8 = Int8Files.load(model, options);
    Dataset test = pipeline.testData();
    double accuracy = TopOne.accuracy(pipeline.outputs(int8, test, "int8"), test);
    line("%s: int8 test top-1 %.2f%% on %,d images", model, 100 * accuracy, test.size());
  }
}
