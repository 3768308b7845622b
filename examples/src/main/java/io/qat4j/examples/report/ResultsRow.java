package io.qat4j.examples.report;

import java.util.Objects;

/**
 * One model's row of the results table. A missing figure (say, no QAT stage) is {@link
 * Double#NaN}, or a negative size; the table shows it as "—".
 *
 * @param model the model's name
 * @param floatTop1 test top-1 of the float model, a fraction 0..1
 * @param ptqInt8Top1 test top-1 of the int8 model converted after post-training quantization
 * @param qatInt8Top1 test top-1 of the int8 model converted after quantization-aware training
 * @param onnxInt8Top1 test top-1 of the exported int8 model run by ONNX Runtime
 * @param floatBytes size of the float32 model file in bytes
 * @param int8Bytes size of the int8 model file in bytes
 * @param floatMillis float inference, milliseconds per image at batch 1
 * @param int8Millis int8 inference, milliseconds per image at batch 1
 */
public record ResultsRow(String model, double floatTop1, double ptqInt8Top1, double qatInt8Top1,
    double onnxInt8Top1, long floatBytes, long int8Bytes, double floatMillis, double int8Millis) {
  /** Checks the name. */
  public ResultsRow {
    Objects.requireNonNull(model, "model");
  }
}
