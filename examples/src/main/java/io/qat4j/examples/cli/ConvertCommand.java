package io.qat4j.examples.cli;

import io.qat4j.examples.demo.DemoOptions;
import io.qat4j.examples.demo.Pipeline;
import io.qat4j.examples.demo.TrainedModelFile;
import io.qat4j.runtime.int8.Int8Converter;
import io.qat4j.runtime.int8.Int8Model;
import io.qat4j.runtime.int8.Int8ModelFile;
import io.qat4j.runtime.qat.QatOptions;
import io.qat4j.runtime.qat.TrainableModel;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Converts the QAT (or PTQ) checkpoint to an int8 model file. */
@Command(name = "convert", mixinStandardHelpOptions = true,
    description = "Convert <model>-qat.ckpt (or <model>-ptq.ckpt with --from ptq) from --out to an"
        + " integer-only int8 model: writes <model>-int8.qat4j (or <model>-ptq-int8.qat4j).")
final class ConvertCommand extends StageCommand {
  /** Which fake-quant model to convert. */
  enum Source {
    qat, ptq
  }

  @Option(names = "--from", description = "qat or ptq (default: ${DEFAULT-VALUE}).")
  Source from = Source.qat;

  @Override
  void run(DemoOptions options, Pipeline pipeline) throws Exception {
    TrainableModel model = options.model().qatModel(options.seed(), QatOptions.defaults());
    TrainedModelFile.readInto(model, options.file(from.name(), ".ckpt"),
        from == Source.qat ? "qat4j train" : "qat4j calibrate");
    Int8Model int8 = Int8Converter.convert(model);
    Path file = options.file(from == Source.qat ? "int8" : "ptq-int8", ".qat4j");
    Int8ModelFile.write(int8, file);
    line("int8 model (%d layers) written to %s, %,d bytes", int8.layers().size(), file,
        Files.size(file));
  }
}
