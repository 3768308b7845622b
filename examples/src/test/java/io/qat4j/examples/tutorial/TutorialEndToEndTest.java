package io.qat4j.examples.tutorial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtException;
import io.qat4j.examples.demo.Agreement;
import io.qat4j.examples.demo.TopOne;
import io.qat4j.examples.models.FashionCnnInt8;
import io.qat4j.examples.models.FashionCnnQuantized;
import io.qat4j.runtime.data.Dataset;
import io.qat4j.runtime.data.FashionMnist;
import io.qat4j.runtime.qat.QatOptions;
import io.qat4j.runtime.qat.TrainableModel;
import io.qat4j.runtime.train.Predictions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tutorial's steps run in order on real Fashion-MNIST images: 2,000 training images, one float
 * epoch and one QAT epoch, conversion, the int8 file written and read back, the ONNX export run by
 * ONNX Runtime, all measured on the first 1,000 test images.
 */
class TutorialEndToEndTest {
  private static final Logger LOG = LoggerFactory.getLogger(TutorialEndToEndTest.class);
  private static final long SEED = 42;
  private static final int TRAIN_IMAGES = 2_000;
  private static final int TEST_IMAGES = 1_000;

  @TempDir static Path dir;
  private static Dataset test;
  private static TrainableModel fp32;
  private static TrainableModel qat;
  private static TutorialNetInt8 loaded;
  private static Path int8File;
  private static float[][] int8Logits;
  private static float[][] onnxLogits;

  /** Every step, as the README shows them: about 6 s on 2 cores. */
  @BeforeAll
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  static void runTheTutorial() throws IOException, OrtException {
    long start = System.nanoTime();
    Dataset train = TutorialSteps.trainingImages(FashionMnist.DEFAULT_DIRECTORY, TRAIN_IMAGES);
    test = FashionMnist.test(FashionMnist.DEFAULT_DIRECTORY).subset(0, TEST_IMAGES);
    fp32 = TutorialSteps.trainFloat(train, SEED);
    qat = TutorialSteps.trainQat(fp32, train, SEED);
    int8File = dir.resolve("tutorial-net.qat4j");
    loaded = TutorialSteps.convertSaveLoad(qat, int8File);
    int8Logits = TutorialSteps.predictFirst(loaded, test, TEST_IMAGES);
    float[][] images = new float[TEST_IMAGES][];
    for (int i = 0; i < TEST_IMAGES; i++) {
      images[i] = test.image(i);
    }
    onnxLogits = TutorialSteps.runInOnnxRuntime(loaded, dir.resolve("tutorial-net.onnx"), images);
    LOG.info("tutorial steps took {} s; top-1 on {} test images: float {}, QAT {}, int8 {}",
        (System.nanoTime() - start) / 1e9, TEST_IMAGES, accuracy(fp32), accuracy(qat),
        accuracy(int8Logits));
  }

  private static double accuracy(TrainableModel model) {
    return Predictions.accuracy(model.network(), test, 250);
  }

  private static double accuracy(float[][] logits) {
    return TopOne.accuracy(logits, test);
  }

  /** Chance is 10%; BatchNorm's running statistics must have caught up for this (momentum 0.9). */
  @Test
  void theFloatModelLearned() {
    assertTrue(accuracy(fp32) > 0.6, "float top-1 " + accuracy(fp32));
  }

  @Test
  void theQatModelLearned() {
    assertTrue(accuracy(qat) > 0.6, "QAT top-1 " + accuracy(qat));
  }

  @Test
  void theInt8ModelLearned() {
    assertTrue(accuracy(int8Logits) > 0.6, "int8 top-1 " + accuracy(int8Logits));
  }

  @Test
  void predictGivesTenLogitsPerImage() {
    assertEquals(TEST_IMAGES, int8Logits.length);
    for (float[] row : int8Logits) {
      assertEquals(TutorialNetInt8.OUTPUT_SIZE, row.length);
    }
  }

  @Test
  void theFileReadBackPredictsExactlyAsTheConvertedModel() {
    TutorialNetInt8 converted = TutorialNetInt8.convert(qat);
    for (int i = 0; i < 50; i++) {
      assertArrayEquals(converted.predict(test.image(i)), loaded.predict(test.image(i)));
    }
  }

  /** The int8 model computes what the fake-quant graph computes, up to integer rounding. */
  @Test
  void theInt8ModelAgreesWithTheFakeQuantGraph() {
    float[][] fakeQuant = Predictions.outputs(qat.network(), test, 250);
    int same = 0;
    for (int i = 0; i < TEST_IMAGES; i++) {
      same += Agreement.argMax(fakeQuant[i]) == Agreement.argMax(int8Logits[i]) ? 1 : 0;
    }
    assertTrue(same >= 0.97 * TEST_IMAGES, "same arg-max on " + same + " of " + TEST_IMAGES);
  }

  @Test
  void onnxRuntimeGivesTenLogitsPerImage() {
    assertEquals(TEST_IMAGES, onnxLogits.length);
    for (float[] row : onnxLogits) {
      assertEquals(TutorialNetInt8.OUTPUT_SIZE, row.length);
    }
  }

  /**
   * ONNX Runtime requantizes in float32 with ties to even, qat4j in fixed point: outputs may
   * differ by one output step, never more.
   */
  @Test
  void onnxRuntimeIsWithinOneOutputStepOfTheInt8Engine() {
    double step = loaded.model().output().scale();
    for (int i = 0; i < TEST_IMAGES; i++) {
      for (int j = 0; j < TutorialNetInt8.OUTPUT_SIZE; j++) {
        double diff = Math.abs(onnxLogits[i][j] - int8Logits[i][j]);
        assertTrue(diff <= step * 1.001, "image " + i + " logit " + j + ": ONNX Runtime "
            + onnxLogits[i][j] + ", qat4j " + int8Logits[i][j] + ", step " + step);
      }
    }
  }

  @Test
  void onnxRuntimeAndTheInt8EngineAgreeOnTheArgMax() {
    int same = 0;
    for (int i = 0; i < TEST_IMAGES; i++) {
      same += Agreement.argMax(onnxLogits[i]) == Agreement.argMax(int8Logits[i]) ? 1 : 0;
    }
    assertTrue(same >= 0.98 * TEST_IMAGES, "same arg-max on " + same + " of " + TEST_IMAGES);
  }

  @Test
  void anotherModelsFacadeRefusesTheFile() {
    assertThrows(IOException.class, () -> FashionCnnInt8.load(int8File));
  }

  @Test
  void convertRefusesANetworkOfAnotherModel() {
    TrainableModel other = FashionCnnQuantized.qatModel(SEED, QatOptions.defaults());
    assertThrows(IllegalArgumentException.class, () -> TutorialNetInt8.convert(other));
  }
}
