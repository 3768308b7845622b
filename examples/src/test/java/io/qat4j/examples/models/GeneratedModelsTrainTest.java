package io.qat4j.examples.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.runtime.data.Dataset;
import io.qat4j.runtime.qat.QatOptions;
import io.qat4j.runtime.qat.TrainableModel;
import io.qat4j.runtime.train.EpochResult;
import io.qat4j.runtime.train.OptimizerSpec;
import io.qat4j.runtime.train.Trainer;
import io.qat4j.runtime.train.TrainingConfig;
import io.qat4j.runtime.train.TrainingListener;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both example models, residual Add and Concat included, train in float and with fake
 * quantization through their generated factories. Small synthetic data keeps it fast; whether
 * they learn Fashion-MNIST well is the main job's to show.
 */
class GeneratedModelsTrainTest {
  private static Dataset images(int n) {
    SplittableRandom r = new SplittableRandom(3);
    float[] pixels = new float[n * 28 * 28];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 10;
      for (int k = 0; k < 28 * 28; k++) {
        pixels[i * 28 * 28 + k] = (float) (r.nextDouble() * (labels[i] + 1) / 10);
      }
    }
    return Dataset.of(pixels, new int[] {1, 28, 28}, labels, 10);
  }

  private static LongFunction<TrainableModel> factory(String model, boolean qat) {
    QatOptions options = QatOptions.defaults();
    return switch (model + (qat ? "/qat" : "/float")) {
      case "FashionCnn/float" -> FashionCnnQuantized::floatModel;
      case "FashionCnn/qat" -> seed -> FashionCnnQuantized.qatModel(seed, options);
      case "MobileNetMini/float" -> MobileNetMiniQuantized::floatModel;
      default -> seed -> MobileNetMiniQuantized.qatModel(seed, options);
    };
  }

  private static void trainsAndPredicts(String model, boolean qat) throws IOException {
    TrainableModel m = factory(model, qat).apply(11);
    Dataset data = images(40);
    List<EpochResult> epochs =
        new Trainer(m.network(), TrainingConfig.of(3, 8, 11, OptimizerSpec.adam(1e-3)),
                m.schedule(), TrainingListener.NONE)
            .fit(data);
    assertEquals(3, epochs.size());
    assertTrue(epochs.stream().allMatch(e -> Double.isFinite(e.meanLoss())), epochs.toString());
    var out = m.network().forward(io.qat4j.runtime.data.Batches.inOrder(data, 8).batch(0, 0)
        .features(), false);
    assertArrayEquals(new long[] {8, 10}, out.shape());
  }

  @ParameterizedTest
  @ValueSource(strings = {"FashionCnn", "MobileNetMini"})
  void trainsInFloat(String model) throws IOException {
    trainsAndPredicts(model, false);
  }

  @ParameterizedTest
  @ValueSource(strings = {"FashionCnn", "MobileNetMini"})
  void trainsWithFakeQuantization(String model) throws IOException {
    trainsAndPredicts(model, true);
  }
}
