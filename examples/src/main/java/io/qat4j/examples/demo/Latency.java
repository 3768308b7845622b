package io.qat4j.examples.demo;

import io.qat4j.runtime.data.Dataset;
import io.qat4j.runtime.int8.Int8Predictor;
import io.qat4j.runtime.qat.TrainableModel;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A quick wall-clock reading of inference speed, for the demo's report; the JMH benchmark {@code
 * Int8Benchmark} is the careful measurement.
 *
 * @param int8Batch1Millis int8 engine, one image per call: milliseconds per image
 * @param int8Batch64Millis int8 engine, 64 images per call: milliseconds per image
 * @param int8Batch64Gmacs int8 engine at batch 64: billions of multiply-accumulates per second
 * @param floatBatch1Millis float forward on ND4J, one image per call: milliseconds per image
 */
public record Latency(double int8Batch1Millis, double int8Batch64Millis, double int8Batch64Gmacs,
    double floatBatch1Millis) {
  private static final int SINGLE_RUNS = 2000;
  private static final int BATCH_RUNS = 50;
  private static final int FLOAT_RUNS = 300;

  /** Times both forms on images of {@code test}, after a warm-up of each. */
  public static Latency measure(Int8Predictor int8, TrainableModel floatModel, Dataset test) {
    byte[] one = int8.quantize(test.image(0));
    byte[][] batch = new byte[64][];
    for (int i = 0; i < batch.length; i++) {
      batch[i] = int8.quantize(test.image(i));
    }
    for (int i = 0; i < SINGLE_RUNS / 2; i++) {
      int8.runQuantized(one);
    }
    long t0 = System.nanoTime();
    for (int i = 0; i < SINGLE_RUNS; i++) {
      int8.runQuantized(one);
    }
    double single = (System.nanoTime() - t0) / 1e6 / SINGLE_RUNS;
    for (int i = 0; i < BATCH_RUNS / 5; i++) {
      int8.runQuantized(batch);
    }
    t0 = System.nanoTime();
    for (int i = 0; i < BATCH_RUNS; i++) {
      int8.runQuantized(batch);
    }
    double perImage = (System.nanoTime() - t0) / 1e6 / BATCH_RUNS / batch.length;
    double gmacs = int8.engine().macsPerExample() / (perImage * 1e-3) / 1e9;

    int[] shape = test.exampleShape();
    INDArray image = Nd4j.createFromArray(test.image(0)).reshape(1, shape[0], shape[1], shape[2]);
    for (int i = 0; i < FLOAT_RUNS / 3; i++) {
      floatModel.network().forward(image, false);
    }
    t0 = System.nanoTime();
    for (int i = 0; i < FLOAT_RUNS; i++) {
      floatModel.network().forward(image, false);
    }
    double floatSingle = (System.nanoTime() - t0) / 1e6 / FLOAT_RUNS;
    return new Latency(single, perImage, gmacs, floatSingle);
  }
}
