package io.qat4j.examples.tutorial;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.qat4j.runtime.data.Dataset;
import io.qat4j.runtime.data.FashionMnist;
import io.qat4j.runtime.qat.QatOptions;
import io.qat4j.runtime.qat.TrainableModel;
import io.qat4j.runtime.train.OptimizerSpec;
import io.qat4j.runtime.train.Trainer;
import io.qat4j.runtime.train.TrainingConfig;
import io.qat4j.runtime.train.TrainingHook;
import io.qat4j.runtime.train.TrainingListener;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;

/**
 * The steps of the README tutorial on {@link TutorialNet}, one method each. The README copies the
 * code between each {@code // tutorial:NAME} and {@code // end:NAME} verbatim, and a test checks
 * it still does, so what the README shows is what compiles here.
 */
public final class TutorialSteps {
  private TutorialSteps() {}

  /** The first {@code count} Fashion-MNIST training images in {@code dir}. */
  // tutorial:data
  static Dataset trainingImages(Path dir, int count) throws IOException {
    return FashionMnist.train(dir).subset(0, count);   // reads the IDX files, raw or gzip
  }
  // end:data

  /** A float TutorialNet trained one epoch on {@code train}. */
  // tutorial:train-float
  static TrainableModel trainFloat(Dataset train, long seed) throws IOException {
    TrainableModel fp32 = TutorialNetQuantized.floatModel(seed);
    TrainingConfig config = TrainingConfig.of(1, 32, seed, OptimizerSpec.adam(3e-3));
    new Trainer(fp32.network(), config, TrainingHook.NONE, TrainingListener.NONE).fit(train);
    return fp32;
  }
  // end:train-float

  /** A fake-quantized TutorialNet fine-tuned one epoch from {@code fp32}'s weights. */
  // tutorial:train-qat
  static TrainableModel trainQat(TrainableModel fp32, Dataset train, long seed) throws IOException {
    long steps = (train.size() + 31) / 32;   // one epoch of batches of 32
    // Freeze BatchNorm statistics halfway and ranges at 80%: the last steps then train against
    // exactly the arithmetic the int8 model will do.
    QatOptions options = QatOptions.defaults().freezing(steps / 2, steps * 4 / 5);
    TrainableModel qat = TutorialNetQuantized.qatModel(seed, options);
    qat.copyWeightsFrom(fp32);
    TrainingConfig config = TrainingConfig.of(1, 32, seed, OptimizerSpec.adam(1e-4));
    new Trainer(qat.network(), config, qat.schedule(), TrainingListener.NONE).fit(train);
    return qat;
  }
  // end:train-qat

  /** The int8 model of {@code qat}, written to {@code file} and read back from it. */
  // tutorial:int8
  static TutorialNetInt8 convertSaveLoad(TrainableModel qat, Path file) throws IOException {
    TutorialNetInt8 int8 = TutorialNetInt8.convert(qat);   // refuses a network of another model
    int8.save(file);                                        // versioned, CRC-checked
    return TutorialNetInt8.load(file);                      // refuses a file of another model
  }
  // end:int8

  /** The int8 model's logits for the first {@code n} images of {@code data}. */
  // tutorial:predict
  static float[][] predictFirst(TutorialNetInt8 model, Dataset data, int n) {
    float[][] images = new float[n][];
    for (int i = 0; i < n; i++) {
      images[i] = data.image(i);   // 784 floats, channels first: TutorialNetInt8.INPUT_SHAPE
    }
    return model.predict(images);   // 10 dequantized logits per image; classify() for arg-maxes
  }
  // end:predict

  /** {@code model} exported to {@code file} as ONNX and run by ONNX Runtime on {@code images}. */
  // tutorial:onnx
  static float[][] runInOnnxRuntime(TutorialNetInt8 model, Path file, float[][] images)
      throws IOException, OrtException {
    model.exportOnnx(file);   // QDQ, opset 13
    int size = TutorialNetInt8.INPUT_SIZE;
    float[] batch = new float[images.length * size];
    for (int i = 0; i < images.length; i++) {
      System.arraycopy(images[i], 0, batch, i * size, size);
    }
    long[] shape = {images.length, 1, 28, 28};   // [N, ...INPUT_SHAPE]
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(file.toString());
        OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(batch), shape);
        OrtSession.Result result = session.run(Map.of(TutorialNetInt8.ONNX_INPUT, input))) {
      return (float[][]) result.get(TutorialNetInt8.ONNX_OUTPUT).orElseThrow().getValue();
    }
  }
  // end:onnx
}
