package io.qat4j.examples.bench;

import io.qat4j.examples.models.FashionCnnInt8;
import io.qat4j.examples.models.FashionCnnQuantized;
import io.qat4j.runtime.data.FashionMnist;
import io.qat4j.runtime.qat.QatOptions;
import io.qat4j.runtime.qat.TrainableModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The model and images the inference benchmark runs: the demo's trained int8 file and real test
 * images when they exist (activation sparsity, which the int8 kernels exploit, depends on both),
 * else a QAT model with ranges settled on uniform noise.
 */
final class BenchInputs {
  /**
   * Where the main job writes its int8 model, relative to the repository root (the job runs in
   * the examples module and writes to its {@code target/qat4j-demo}).
   */
  static final Path DEMO_MODEL =
      Path.of("examples", "target", "qat4j-demo", "fashion-cnn-int8.qat4j");

  private BenchInputs() {}

  /** {@code n} images of 784 values: Fashion-MNIST test images if installed, else noise. */
  static float[][] images(int n) {
    float[][] out = new float[n][];
    try {
      var test = FashionMnist.test(FashionMnist.DEFAULT_DIRECTORY);
      for (int i = 0; i < n; i++) {
        out[i] = test.image(i);
      }
      return out;
    } catch (IOException e) {
      SplittableRandom random = new SplittableRandom(7);
      for (int i = 0; i < n; i++) {
        out[i] = new float[FashionCnnInt8.INPUT_SIZE];
        for (int j = 0; j < out[i].length; j++) {
          out[i][j] = (float) random.nextDouble();
        }
      }
      return out;
    }
  }

  /** The int8 model: {@code file} if it exists, else one settled on noise. */
  static FashionCnnInt8 int8(Path file) throws IOException {
    if (Files.exists(file)) {
      return FashionCnnInt8.load(file);
    }
    TrainableModel qat = FashionCnnQuantized.qatModel(1, QatOptions.defaults());
    for (int b = 0; b < 4; b++) {
      qat.network().forward(batch(images(64)), true);
    }
    qat.schedule().beforeStep(Long.MAX_VALUE);
    qat.network().forward(batch(images(64)), true);
    return FashionCnnInt8.convert(qat);
  }

  /** Images as an ND4J batch {@code [n, 1, 28, 28]}. */
  static org.nd4j.linalg.api.ndarray.INDArray batch(float[][] images) {
    float[] flat = new float[images.length * FashionCnnInt8.INPUT_SIZE];
    for (int i = 0; i < images.length; i++) {
      System.arraycopy(images[i], 0, flat, i * FashionCnnInt8.INPUT_SIZE, images[i].length);
    }
    return Nd4j.createFromArray(flat).reshape(images.length, 1, 28, 28);
  }
}
