package io.qat4j.examples.cli;

import io.qat4j.examples.demo.DemoOptions;
import io.qat4j.examples.demo.Pipeline;
import io.qat4j.examples.demo.TrainedModelFile;
import io.qat4j.runtime.data.Dataset;
import java.nio.file.Path;
import picocli.CommandLine.Command;

/** Trains in float, then fine-tunes with QAT, and writes both checkpoints. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train --model in float for --epochs, then with QAT for --qat-epochs; writes"
        + " <model>-float32.ckpt and <model>-qat.ckpt to --out.")
final class TrainCommand extends StageCommand {
  @Override
  void run(DemoOptions options, Pipeline pipeline) throws Exception {
    Dataset train = pipeline.trainData();
    Dataset test = pipeline.testData();
    Pipeline.Trained floatStage = pipeline.trainFloat(train, test);
    Path floatFile = options.file("float32", ".ckpt");
    TrainedModelFile.write(floatStage.model(), floatFile);
    line("float: test top-1 %.2f%%, written to %s", 100 * floatStage.result().testAccuracy(),
        floatFile);
    if (options.qatEpochs() > 0) {
      Pipeline.Trained qat = pipeline.trainQat(floatStage.model(), train, test);
      Path qatFile = options.file("qat", ".ckpt");
      TrainedModelFile.write(qat.model(), qatFile);
      line("QAT (fake-quant): test top-1 %.2f%%, written to %s",
          100 * qat.result().testAccuracy(), qatFile);
    }
  }
}
