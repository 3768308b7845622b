package io.qat4j.examples.demo;

import java.util.List;

/**
 * Everything the demo measured.
 *
 * @param stages accuracy of each model form, in the order they were made
 * @param agreement the deployed int8 model against the fake-quant graph it came from
 * @param files the float32 and int8 model files
 * @param latency inference speed of the int8 engine and of the float forward
 * @param onnx the exported QDQ model run by ONNX Runtime
 */
public record DemoReport(List<StageResult> stages, Agreement agreement, ModelFiles files,
    Latency latency, OnnxResult onnx) {
  /** Copies the stages. */
  public DemoReport {
    stages = List.copyOf(stages);
  }

  /** The accuracy of stage {@code name}, or NaN if there is none. */
  public double accuracy(String name) {
    return stages.stream().filter(s -> s.name().equals(name)).mapToDouble(StageResult::testAccuracy)
        .findFirst().orElse(Double.NaN);
  }
}
