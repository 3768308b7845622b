package io.qat4j.examples.cli;

import io.qat4j.examples.demo.DemoOptions;
import io.qat4j.examples.models.BundledModel;
import io.qat4j.runtime.data.FashionMnist;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every stage of the job shares, with defaults that run the main job as is. */
public final class JobOptions {
  @Option(names = "--model", paramLabel = "ID",
      description = "Bundled model: fashion-cnn or mobilenet-mini (default: fashion-cnn).")
  String model;

  @Option(names = "--data", paramLabel = "DIR",
      description = "Fashion-MNIST IDX directory (default: ${DEFAULT-VALUE}, from the Debian"
          + " package dataset-fashion-mnist).")
  Path data = FashionMnist.DEFAULT_DIRECTORY;

  @Option(names = "--epochs", description = "Float training epochs (default: ${DEFAULT-VALUE}).")
  int epochs = 3;

  @Option(names = "--qat-epochs",
      description = "QAT fine-tuning epochs; 0 deploys the PTQ model (default: ${DEFAULT-VALUE}).")
  int qatEpochs = 1;

  @Option(names = "--batch", description = "Batch size (default: ${DEFAULT-VALUE}).")
  int batch = 64;

  @Option(names = "--seed", description = "Seed of initialisation and shuffling (default: ${DEFAULT-VALUE}).")
  long seed = 42;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Directory for model files and the report (default: ${DEFAULT-VALUE}).")
  Path output = Path.of("target", "qat4j-demo");

  @Option(names = "--train-limit", paramLabel = "N",
      description = "Train on the first N images only, 0 for all (default: ${DEFAULT-VALUE}).")
  int trainLimit = 0;

  @Option(names = "--calibration-batches", paramLabel = "N",
      description = "Batches that calibrate the PTQ model's ranges (default: ${DEFAULT-VALUE}).")
  int calibrationBatches = 32;

  @Option(names = "--lr",
      description = "Adam learning rate of the first float epoch (default: ${DEFAULT-VALUE}).")
  double learningRate = 3e-3;

  @Option(names = "--lr-decay",
      description = "Factor on the float learning rate after each epoch (default: ${DEFAULT-VALUE}).")
  double epochDecay = 0.4;

  @Option(names = "--qat-lr",
      description = "Adam learning rate of QAT fine-tuning, smaller as TFMOT and PyTorch advise"
          + " (default: ${DEFAULT-VALUE}).")
  double qatLearningRate = 1e-4;

  /** The chosen model, fashion-cnn when none was named. */
  BundledModel bundledModel() {
    return model == null ? BundledModel.FASHION_CNN : BundledModel.byId(model);
  }

  /**
   * The options as the pipeline takes them.
   *
   * @throws IllegalArgumentException naming the option whose value is out of range
   */
  public DemoOptions toDemoOptions() {
    require(epochs >= 1, "--epochs must be at least 1, got " + epochs);
    require(qatEpochs >= 0, "--qat-epochs must be at least 0, got " + qatEpochs);
    require(batch >= 1, "--batch must be at least 1, got " + batch);
    require(trainLimit >= 0, "--train-limit must be at least 0 (0: all), got " + trainLimit);
    require(calibrationBatches >= 1,
        "--calibration-batches must be at least 1, got " + calibrationBatches);
    require(learningRate > 0 && qatLearningRate > 0,
        "--lr and --qat-lr must be positive, got " + learningRate + " and " + qatLearningRate);
    require(epochDecay > 0 && epochDecay <= 1, "--lr-decay must be in (0, 1], got " + epochDecay);
    return new DemoOptions(bundledModel(), data, epochs, qatEpochs, batch, seed, trainLimit,
        calibrationBatches, learningRate, epochDecay, qatLearningRate, output);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
