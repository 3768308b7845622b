package io.qat4j.examples.cli;

import io.qat4j.examples.demo.DemoOptions;
import io.qat4j.examples.demo.Latency;
import io.qat4j.examples.demo.Pipeline;
import io.qat4j.examples.demo.TrainedModelFile;
import io.qat4j.runtime.int8.Int8Predictor;
import io.qat4j.runtime.qat.TrainableModel;
import picocli.CommandLine.Command;

/** A quick latency reading of the int8 engine against the float forward. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Time <model>-int8.qat4j at batch 1 and 64 and the float model"
        + " (<model>-float32.ckpt) at batch 1, both from --out. A quick reading; the JMH"
        + " benchmark Int8Benchmark is the careful one.")
final class BenchCommand extends StageCommand {
  @Override
  void run(DemoOptions options, Pipeline pipeline) throws Exception {
    Int8Predictor int8 = Int8Files.load(options.file("int8", ".qat4j"), options);
    TrainableModel floatModel = options.model().floatModel(options.seed());
    TrainedModelFile.readInto(floatModel, options.file("float32", ".ckpt"), "qat4j train");
    Latency l = Latency.measure(int8, floatModel, pipeline.testData());
    line("int8 batch 1 %.3f ms/image, int8 batch 64 %.4f ms/image (%.1f GMAC/s), float (ND4J)"
        + " batch 1 %.3f ms/image", l.int8Batch1Millis(), l.int8Batch64Millis(),
        l.int8Batch64Gmacs(), l.floatBatch1Millis());
  }
}
