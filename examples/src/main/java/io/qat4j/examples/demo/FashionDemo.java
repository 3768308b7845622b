package io.qat4j.examples.demo;

import io.qat4j.examples.models.FashionCnnInt8;
import io.qat4j.examples.models.FashionCnnQuantized;
import io.qat4j.runtime.data.Dataset;
import io.qat4j.runtime.data.FashionMnist;
import io.qat4j.runtime.export.onnx.QdqExport;
import io.qat4j.runtime.qat.QatOptions;
import io.qat4j.runtime.qat.TrainableModel;
import io.qat4j.runtime.train.EpochResult;
import io.qat4j.runtime.train.OptimizerSpec;
import io.qat4j.runtime.train.Predictions;
import io.qat4j.runtime.train.Trainer;
import io.qat4j.runtime.train.TrainingConfig;
import io.qat4j.runtime.train.TrainingHook;
import io.qat4j.runtime.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The main job on FashionCnn: train in float, calibrate a post-training-quantized copy, fine-tune
 * with quantization-aware training, and measure each on the test set.
 */
public final class FashionDemo {
  private static final int EVAL_BATCH = 256;

  private final DemoOptions options;
  private final Function<String, TrainingListener> listeners;

  /** A demo with these options; {@code listeners} makes a progress listener per stage name. */
  public FashionDemo(DemoOptions options, Function<String, TrainingListener> listeners) {
    this.options = options;
    this.listeners = listeners;
  }

  /**
   * Runs every stage: trains, quantizes, converts to int8, writes the model files, reloads the
   * int8 file, and measures accuracy, agreement and speed.
   */
  public DemoReport run() throws IOException {
    Dataset train = FashionMnist.train(options.data());
    if (options.trainLimit() > 0 && options.trainLimit() < train.size()) {
      train = train.subset(0, options.trainLimit());
    }
    Dataset test = FashionMnist.test(options.data());
    List<StageResult> results = new ArrayList<>();

    TrainableModel floatModel = FashionCnnQuantized.floatModel(options.seed());
    List<EpochResult> floatEpochs =
        train(floatModel, TrainingHook.NONE, options.epochs(),
            OptimizerSpec.adam(options.learningRate()).decayingPerEpoch(options.epochDecay()), train,
            "float");
    results.add(stage("float", floatModel, test, floatEpochs));

    TrainableModel ptq =
        TrainableModel.calibrated(floatModel, train, options.calibrationBatches(), options.batchSize());
    results.add(stage("PTQ (fake-quant)", ptq, test, List.of()));

    if (options.qatEpochs() == 0) {
      return deploy(floatModel, ptq, ptq, test, results);
    }
    int batchesPerEpoch = (train.size() + options.batchSize() - 1) / options.batchSize();
    long qatSteps = (long) batchesPerEpoch * options.qatEpochs();
    // Freeze BatchNorm statistics after half the fine-tuning and ranges after 80%, as PyTorch's
    // QAT recipe does, so the last steps train against the exact int8 arithmetic.
    QatOptions qatOptions = QatOptions.defaults().freezing(qatSteps / 2, qatSteps * 4 / 5);
    TrainableModel qat = FashionCnnQuantized.qatModel(options.seed(), qatOptions);
    qat.copyWeightsFrom(floatModel);
    List<EpochResult> qatEpochs =
        train(qat, qat.schedule(), options.qatEpochs(), OptimizerSpec.adam(options.qatLearningRate()),
            train, "QAT");
    results.add(stage("QAT (fake-quant)", qat, test, qatEpochs));
    return deploy(floatModel, ptq, qat, test, results);
  }

  /**
   * Converts the PTQ and the deployed model to int8, writes the files, reloads the int8 file and
   * measures the reloaded model: what a user would ship is what is measured.
   */
  private DemoReport deploy(TrainableModel floatModel, TrainableModel ptq,
      TrainableModel deployed, Dataset test, List<StageResult> results) throws IOException {
    FashionCnnInt8 ptqInt8 = FashionCnnInt8.convert(ptq);
    FashionCnnInt8 converted = deployed == ptq ? ptqInt8 : FashionCnnInt8.convert(deployed);
    ModelFiles files = ModelFiles.write(floatModel, converted, options.output());
    FashionCnnInt8 loaded = FashionCnnInt8.load(files.int8());
    // The deployed model's outputs, from the reloaded file, serve its accuracy, the agreement
    // with the fake-quant graph and the comparison with ONNX Runtime: computed once.
    float[][] int8Outputs = predictAll(loaded, test);
    float[][] ptqOutputs = deployed == ptq ? int8Outputs : predictAll(ptqInt8, test);
    results.add(new StageResult("PTQ int8", TopOne.accuracy(ptqOutputs, test), 0, 0));
    if (deployed != ptq) {
      results.add(new StageResult("QAT int8", TopOne.accuracy(int8Outputs, test), 0, 0));
    }
    double step = loaded.model().output().scale();
    Agreement agreement = Agreement.of(Predictions.outputs(deployed.network(), test, EVAL_BATCH),
        int8Outputs, step);
    Latency latency = Latency.measure(loaded.predictor(), floatModel, test);
    Path onnxFile = options.output().resolve("fashion-cnn-int8.onnx");
    QdqExport.write(loaded.model(), onnxFile);
    OnnxResult onnx = OnnxResult.measure(onnxFile, test, int8Outputs, step);
    return new DemoReport(results, agreement, files, latency, onnx);
  }

  private static float[][] predictAll(FashionCnnInt8 model, Dataset test) {
    float[][] out = new float[test.size()][];
    for (int from = 0; from < test.size(); from += EVAL_BATCH) {
      int to = Math.min(test.size(), from + EVAL_BATCH);
      float[][] images = new float[to - from][];
      for (int i = from; i < to; i++) {
        images[i - from] = test.image(i);
      }
      float[][] batch = model.predict(images);
      System.arraycopy(batch, 0, out, from, batch.length);
    }
    return out;
  }

  private List<EpochResult> train(TrainableModel model, TrainingHook hook, int epochs,
      OptimizerSpec optimizer, Dataset train, String name) throws IOException {
    TrainingConfig config = TrainingConfig.of(epochs, options.batchSize(), options.seed(), optimizer);
    return new Trainer(model.network(), config, hook, listeners.apply(name)).fit(train);
  }

  private static StageResult stage(String name, TrainableModel model, Dataset test,
      List<EpochResult> epochs) {
    double accuracy = Predictions.accuracy(model.network(), test, EVAL_BATCH);
    double seconds = epochs.stream().mapToDouble(EpochResult::seconds).average().orElse(0);
    double imagesPerSecond = epochs.stream().mapToDouble(EpochResult::imagesPerSecond).average().orElse(0);
    return new StageResult(name, accuracy, seconds, imagesPerSecond);
  }
}
