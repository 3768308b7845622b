package io.qat4j.examples.demo;

import io.qat4j.examples.models.BundledModel;
import java.nio.file.Path;

/**
 * What the main job runs.
 *
 * @param model the bundled model to train, quantize and deploy
 * @param data directory with the Fashion-MNIST IDX files
 * @param epochs float training epochs
 * @param qatEpochs quantization-aware fine-tuning epochs
 * @param batchSize examples per step
 * @param seed seed of initialisation and shuffling
 * @param trainLimit use only the first this many training images (0: all)
 * @param calibrationBatches batches used to calibrate the post-training-quantized copy
 * @param learningRate Adam's learning rate in the first float epoch
 * @param epochDecay factor applied to the float learning rate after every epoch
 * @param qatLearningRate Adam's learning rate for QAT fine-tuning
 * @param output directory for the model files and the report
 */
public record DemoOptions(
    BundledModel model,
    Path data,
    int epochs,
    int qatEpochs,
    int batchSize,
    long seed,
    int trainLimit,
    int calibrationBatches,
    double learningRate,
    double epochDecay,
    double qatLearningRate,
    Path output) {

  /** The file of stage {@code stage} ("float32", "qat", "ptq", "int8", ...) with {@code suffix}. */
  public Path file(String stage, String suffix) {
    return output.resolve(model.id() + "-" + stage + suffix);
  }
}
