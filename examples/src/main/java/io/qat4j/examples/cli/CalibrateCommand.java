package io.qat4j.examples.cli;

import io.qat4j.examples.demo.DemoOptions;
import io.qat4j.examples.demo.Pipeline;
import io.qat4j.examples.demo.TrainedModelFile;
import io.qat4j.runtime.qat.TrainableModel;
import java.nio.file.Path;
import picocli.CommandLine.Command;

/** Post-training quantization of the trained float model. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
    description = "Post-training quantization: reads <model>-float32.ckpt from --out (written by"
        + " 'train'), takes activation ranges from --calibration-batches training batches, writes"
        + " <model>-ptq.ckpt.")
final class CalibrateCommand extends StageCommand {
  @Override
  void run(DemoOptions options, Pipeline pipeline) throws Exception {
    TrainableModel floatModel = options.model().floatModel(options.seed());
    TrainedModelFile.readInto(floatModel, options.file("float32", ".ckpt"), "qat4j train");
    TrainableModel ptq = pipeline.calibrate(floatModel, pipeline.trainData());
    Path file = options.file("ptq", ".ckpt");
    TrainedModelFile.write(ptq, file);
    line("PTQ (fake-quant): test top-1 %.2f%%, written to %s",
        100 * pipeline.accuracy(ptq, pipeline.testData(), "PTQ (fake-quant)"), file);
  }
}
