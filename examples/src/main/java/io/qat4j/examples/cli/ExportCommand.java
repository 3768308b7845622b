package io.qat4j.examples.cli;

import io.qat4j.examples.demo.DemoOptions;
import io.qat4j.examples.demo.OnnxResult;
import io.qat4j.examples.demo.Pipeline;
import io.qat4j.runtime.data.Dataset;
import io.qat4j.runtime.export.onnx.QdqExport;
import io.qat4j.runtime.int8.Int8Predictor;
import java.nio.file.Path;
import picocli.CommandLine.Command;

/** Exports the int8 model as ONNX QDQ and checks it in ONNX Runtime. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Export <model>-int8.qat4j from --out as an ONNX QDQ model (opset 13),"
        + " <model>-int8.onnx, then run it in ONNX Runtime on the test images against qat4j's"
        + " engine.")
final class ExportCommand extends StageCommand {
  @Override
  void run(DemoOptions options, Pipeline pipeline) throws Exception {
    Int8Predictor int8 = Int8Files.load(options.file("int8", ".qat4j"), options);
    Path onnxFile = options.file("int8", ".onnx");
    QdqExport.write(int8.model(), onnxFile);
    Dataset test = pipeline.testData();
    OnnxResult onnx = OnnxResult.measure(onnxFile, test, pipeline.outputs(int8, test, "int8"),
        int8.model().output().scale());
    line("ONNX (QDQ, opset 13) %,d bytes (%s), run by ONNX Runtime: top-1 %.2f%%, same arg-max"
        + " as the int8 engine %.2f%%, outputs identical %.2f%%, off by one step %.2f%%",
        onnx.bytes(), onnxFile, 100 * onnx.accuracy(), 100 * onnx.agreement().sameArgMax(),
        100 * onnx.identical(), 100 * (onnx.agreement().withinOneStep() - onnx.identical()));
  }
}
