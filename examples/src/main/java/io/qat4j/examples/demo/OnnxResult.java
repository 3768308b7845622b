package io.qat4j.examples.demo;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.qat4j.runtime.data.Dataset;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The exported ONNX model run by ONNX Runtime (all graph optimizations on) on the test set, beside
 * qat4j's int8 engine.
 *
 * @param file the QDQ model file
 * @param bytes its size
 * @param accuracy ONNX Runtime's top-1 accuracy
 * @param agreement ONNX Runtime's outputs against the int8 engine's
 * @param identical fraction of outputs equal to the int8 engine's (the rest of {@code
 *     agreement.withinOneStep()} is off by one step)
 * @param batch1Millis ONNX Runtime, one image per call: milliseconds per image
 */
public record OnnxResult(Path file, long bytes, double accuracy, Agreement agreement,
    double identical, double batch1Millis) {
  private static final int BATCH = 256;
  private static final int SINGLE_RUNS = 1000;

  /** Runs {@code file} on every image of {@code test}; {@code int8} are the engine's outputs. */
  public static OnnxResult measure(Path file, Dataset test, float[][] int8, double step)
      throws IOException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      try (OrtSession session = env.createSession(file.toString(), options)) {
        float[][] outputs = run(env, session, test);
        long same = 0;
        long all = 0;
        for (int i = 0; i < outputs.length; i++) {
          for (int j = 0; j < outputs[i].length; j++) {
            all++;
            if (Agreement.withinOneStep(outputs[i][j], int8[i][j], 0)) {
              same++;
            }
          }
        }
        return new OnnxResult(file, Files.size(file), TopOne.accuracy(outputs, test),
            Agreement.of(outputs, int8, step), same / (double) all, latency(env, session, test));
      }
    } catch (OrtException e) {
      throw new IOException("ONNX Runtime could not run " + file + ": " + e.getMessage(), e);
    }
  }

  private static float[][] run(OrtEnvironment env, OrtSession session, Dataset test)
      throws OrtException {
    int length = test.exampleLength();
    int[] shape = test.exampleShape();
    float[][] out = new float[test.size()][];
    for (int from = 0; from < test.size(); from += BATCH) {
      int n = Math.min(BATCH, test.size() - from);
      float[] flat = new float[n * length];
      for (int i = 0; i < n; i++) {
        test.copyImage(from + i, flat, i * length);
      }
      try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(flat),
              new long[] {n, shape[0], shape[1], shape[2]});
          OrtSession.Result result = session.run(Map.of("input", input))) {
        float[][] batch = (float[][]) result.get(0).getValue();
        System.arraycopy(batch, 0, out, from, n);
      }
    }
    return out;
  }

  private static double latency(OrtEnvironment env, OrtSession session, Dataset test)
      throws OrtException {
    int[] shape = test.exampleShape();
    try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(test.image(0)),
        new long[] {1, shape[0], shape[1], shape[2]})) {
      for (int i = 0; i < SINGLE_RUNS / 2; i++) {
        session.run(Map.of("input", input)).close();
      }
      long t0 = System.nanoTime();
      for (int i = 0; i < SINGLE_RUNS; i++) {
        session.run(Map.of("input", input)).close();
      }
      return (System.nanoTime() - t0) / 1e6 / SINGLE_RUNS;
    }
  }
}
