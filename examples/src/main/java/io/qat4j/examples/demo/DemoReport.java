package io.qat4j.examples.demo;

import io.qat4j.examples.models.BundledModel;
import io.qat4j.examples.report.ChannelRanges;
import io.qat4j.examples.report.LayerError;
import io.qat4j.examples.report.ReportData;
import io.qat4j.examples.report.ResultsRow;
import io.qat4j.examples.report.StageCurve;
import java.util.List;

/**
 * Everything the main job measured.
 *
 * @param model the model it ran
 * @param stages accuracy of each model form, in the order they were made
 * @param curves the training curve of each stage that trained
 * @param agreement the deployed int8 model against the fake-quant graph it came from
 * @param files the float32 and int8 model files
 * @param latency inference speed of the int8 engine and of the float forward
 * @param onnx the exported QDQ model run by ONNX Runtime
 * @param layerErrors signal-to-quantization-noise ratio of each int8 layer against float
 * @param weightRanges per-channel range of each convolution's deployed weights
 */
public record DemoReport(BundledModel model, List<StageResult> stages, List<StageCurve> curves,
    Agreement agreement, ModelFiles files, Latency latency, OnnxResult onnx,
    List<LayerError> layerErrors, List<ChannelRanges> weightRanges) {
  /** Copies the lists. */
  public DemoReport {
    stages = List.copyOf(stages);
    curves = List.copyOf(curves);
    layerErrors = List.copyOf(layerErrors);
    weightRanges = List.copyOf(weightRanges);
  }

  /** The accuracy of stage {@code name}, or NaN if there is none. */
  public double accuracy(String name) {
    return stages.stream().filter(s -> s.name().equals(name)).mapToDouble(StageResult::testAccuracy)
        .findFirst().orElse(Double.NaN);
  }

  /** The row of the results table: every figure from this run. */
  public ResultsRow resultsRow() {
    return new ResultsRow(model.graph().name(), accuracy("float"), accuracy("PTQ int8"),
        accuracy("QAT int8"), onnx.accuracy(), files.float32Bytes(), files.int8Bytes(),
        latency.floatBatch1Millis(), latency.int8Batch1Millis());
  }

  /** What the written report shows. */
  public ReportData reportData() {
    return new ReportData(model.graph().name(), curves, layerErrors, weightRanges,
        List.of(resultsRow()));
  }
}
