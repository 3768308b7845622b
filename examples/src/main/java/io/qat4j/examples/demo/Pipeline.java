package io.qat4j.examples.demo;

import io.qat4j.examples.report.CurveRecorder;
import io.qat4j.examples.report.LayerError;
import io.qat4j.examples.report.StageCurve;
import io.qat4j.runtime.data.DataFileException;
import io.qat4j.runtime.data.Dataset;
import io.qat4j.runtime.data.FashionMnist;
import io.qat4j.runtime.export.onnx.QdqExport;
import io.qat4j.runtime.int8.Int8Converter;
import io.qat4j.runtime.int8.Int8Predictor;
import io.qat4j.runtime.qat.QatOptions;
import io.qat4j.runtime.qat.TrainableModel;
import io.qat4j.runtime.train.EpochResult;
import io.qat4j.runtime.train.OptimizerSpec;
import io.qat4j.runtime.train.Predictions;
import io.qat4j.runtime.train.Trainer;
import io.qat4j.runtime.train.TrainingConfig;
import io.qat4j.runtime.train.TrainingHook;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The main job on one bundled model, as stages the command line runs together or one at a time:
 * train in float, calibrate a post-training-quantized copy, fine-tune with quantization-aware
 * training, convert to int8, and measure every form on the test set.
 */
public final class Pipeline {
  private static final int EVAL_BATCH = 256;
  /** Test images the per-layer error is measured on: enough for a stable figure, quick to run. */
  private static final int ERROR_IMAGES = 512;

  private final DemoOptions options;
  private final Progress progress;

  /** A pipeline with these options, showing its progress through {@code progress}. */
  public Pipeline(DemoOptions options, Progress progress) {
    this.options = options;
    this.progress = progress;
  }

  /**
   * A trained model, its training curve, its test accuracy, and its outputs for the test images
   * that accuracy came from (kept for the comparison with the int8 model).
   */
  public record Trained(TrainableModel model, StageCurve curve, StageResult result,
      float[][] testOutputs) {}

  /**
   * Runs every stage: trains, quantizes, converts to int8, writes the model files, reloads the
   * int8 file, and measures accuracy, agreement, per-layer error and speed.
   *
   * @throws DataFileException if the data is missing or damaged, naming the package to install
   */
  public DemoReport run() throws IOException {
    Dataset train = trainData();
    Dataset test = testData();
    List<StageResult> results = new ArrayList<>();
    List<StageCurve> curves = new ArrayList<>();
    Trained floatStage = trainFloat(train, test);
    results.add(floatStage.result());
    curves.add(floatStage.curve());
    TrainableModel ptq = calibrate(floatStage.model(), train);
    float[][] deployedOutputs = outputs(ptq, test, "PTQ (fake-quant)");
    results.add(new StageResult("PTQ (fake-quant)", TopOne.accuracy(deployedOutputs, test), 0,
        0));
    TrainableModel deployed = ptq;
    if (options.qatEpochs() > 0) {
      Trained qat = trainQat(floatStage.model(), train, test);
      results.add(qat.result());
      curves.add(qat.curve());
      deployed = qat.model();
      deployedOutputs = qat.testOutputs();
    }
    return deploy(floatStage.model(), ptq, deployed, deployedOutputs, test, results, curves);
  }

  /** The training images, limited to {@code trainLimit} if set. */
  public Dataset trainData() throws IOException {
    Dataset train = FashionMnist.train(options.data());
    return options.trainLimit() > 0 && options.trainLimit() < train.size()
        ? train.subset(0, options.trainLimit())
        : train;
  }

  /** The 10,000 test images. */
  public Dataset testData() throws IOException {
    return FashionMnist.test(options.data());
  }

  /** Trains a float model for {@code epochs}, the learning rate decaying per epoch. */
  public Trained trainFloat(Dataset train, Dataset test) throws IOException {
    TrainableModel model = options.model().floatModel(options.seed());
    OptimizerSpec optimizer =
        OptimizerSpec.adam(options.learningRate()).decayingPerEpoch(options.epochDecay());
    return train("float", model, TrainingHook.NONE, options.epochs(), optimizer, train, test);
  }

  /**
   * Post-training quantization of {@code floatModel}: fake quantization with ranges taken from
   * {@code calibrationBatches} batches of {@code train}, no training.
   */
  public TrainableModel calibrate(TrainableModel floatModel, Dataset train) {
    int batches = Math.min(options.calibrationBatches(),
        (train.size() + options.batchSize() - 1) / options.batchSize());
    try (Progress.Task task = progress.task("calibrate", batches)) {
      return TrainableModel.calibrated(floatModel, train, options.calibrationBatches(),
          options.batchSize(), task::stepTo);
    }
  }

  /**
   * Quantization-aware fine-tuning from {@code floatModel}'s weights for {@code qatEpochs}.
   * BatchNorm statistics freeze after half the fine-tuning and ranges after 80%, as PyTorch's
   * QAT recipe does, so the last steps train against the exact int8 arithmetic.
   */
  public Trained trainQat(TrainableModel floatModel, Dataset train, Dataset test)
      throws IOException {
    int batchesPerEpoch = (train.size() + options.batchSize() - 1) / options.batchSize();
    long steps = (long) batchesPerEpoch * options.qatEpochs();
    QatOptions qatOptions = QatOptions.defaults().freezing(steps / 2, steps * 4 / 5);
    TrainableModel qat = options.model().qatModel(options.seed(), qatOptions);
    qat.copyWeightsFrom(floatModel);
    return train("QAT", qat, qat.schedule(), options.qatEpochs(),
        OptimizerSpec.adam(options.qatLearningRate()), train, test);
  }

  /** Top-1 accuracy of {@code model} (float or fake-quant) on {@code test}. */
  public double accuracy(TrainableModel model, Dataset test, String name) {
    return TopOne.accuracy(outputs(model, test, name), test);
  }

  /** The outputs of {@code model} for every test image, with a progress bar. */
  public float[][] outputs(TrainableModel model, Dataset test, String name) {
    try (Progress.Task task = progress.task("evaluate " + name, test.size())) {
      return Predictions.outputs(model.network(), test, EVAL_BATCH, task::stepTo);
    }
  }

  /** The int8 engine's outputs for every test image, with a progress bar. */
  public float[][] outputs(Int8Predictor model, Dataset test, String name) {
    float[][] out = new float[test.size()][];
    try (Progress.Task task = progress.task("evaluate " + name, test.size())) {
      for (int from = 0; from < test.size(); from += EVAL_BATCH) {
        int to = Math.min(test.size(), from + EVAL_BATCH);
        float[][] images = new float[to - from][];
        for (int i = from; i < to; i++) {
          images[i - from] = test.image(i);
        }
        System.arraycopy(model.predict(images), 0, out, from, to - from);
        task.stepTo(to);
      }
    }
    return out;
  }

  /**
   * Converts the PTQ and the deployed model to int8, writes the files, reloads the int8 file and
   * measures the reloaded model: what a user would ship is what is measured.
   */
  private DemoReport deploy(TrainableModel floatModel, TrainableModel ptq,
      TrainableModel deployed, float[][] deployedOutputs, Dataset test, List<StageResult> results,
      List<StageCurve> curves) throws IOException {
    Int8Predictor ptqInt8 = Int8Predictor.of(Int8Converter.convert(ptq));
    Int8Predictor converted =
        deployed == ptq ? ptqInt8 : Int8Predictor.of(Int8Converter.convert(deployed));
    ModelFiles files = ModelFiles.write(floatModel, converted.model(), options);
    Int8Predictor loaded = Int8Predictor.load(files.int8(), options.model().graph());
    // The deployed model's outputs, from the reloaded file, serve its accuracy, the agreement
    // with the fake-quant graph and the comparison with ONNX Runtime: computed once.
    float[][] int8Outputs = outputs(loaded, test, "int8");
    float[][] ptqOutputs = deployed == ptq ? int8Outputs : outputs(ptqInt8, test, "PTQ int8");
    results.add(new StageResult("PTQ int8", TopOne.accuracy(ptqOutputs, test), 0, 0));
    if (deployed != ptq) {
      results.add(new StageResult("QAT int8", TopOne.accuracy(int8Outputs, test), 0, 0));
    }
    double step = loaded.model().output().scale();
    Agreement agreement = Agreement.of(deployedOutputs, int8Outputs, step);
    // The float network with the deployed weights: the per-layer error is quantization alone.
    TrainableModel reference = options.model().floatModel(options.seed());
    reference.copyWeightsFrom(deployed);
    List<LayerError> layerErrors = LayerErrors.measure(loaded, reference.network(),
        options.model().graph(), test, ERROR_IMAGES);
    Latency latency = Latency.measure(loaded, floatModel, test);
    Path onnxFile = options.file("int8", ".onnx");
    QdqExport.write(loaded.model(), onnxFile);
    OnnxResult onnx = OnnxResult.measure(onnxFile, test, int8Outputs, step);
    return new DemoReport(options.model(), results, curves, agreement, files, latency, onnx,
        layerErrors, WeightRanges.of(loaded.model()));
  }

  private Trained train(String stage, TrainableModel model, TrainingHook hook, int epochs,
      OptimizerSpec optimizer, Dataset train, Dataset test) throws IOException {
    TrainingConfig config = TrainingConfig.of(epochs, options.batchSize(), options.seed(),
        optimizer);
    CurveRecorder recorder = new CurveRecorder(stage, progress.training(stage));
    List<EpochResult> epochResults =
        new Trainer(model.network(), config, hook, recorder).fit(train);
    String name = stage.equals("float") ? "float" : "QAT (fake-quant)";
    double seconds = epochResults.stream().mapToDouble(EpochResult::seconds).average().orElse(0);
    double imagesPerSecond =
        epochResults.stream().mapToDouble(EpochResult::imagesPerSecond).average().orElse(0);
    float[][] testOutputs = outputs(model, test, name);
    StageResult result =
        new StageResult(name, TopOne.accuracy(testOutputs, test), seconds, imagesPerSecond);
    return new Trained(model, recorder.curve(), result, testOutputs);
  }
}
