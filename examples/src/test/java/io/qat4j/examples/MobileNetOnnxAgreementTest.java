package io.qat4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.examples.demo.OnnxResult;
import io.qat4j.examples.demo.TopOne;
import io.qat4j.examples.models.MobileNetMiniInt8;
import io.qat4j.examples.models.MobileNetMiniQuantized;
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
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MobileNet-style model (depthwise, residual Add, Concat, global average pool) trained on real
 * Fashion-MNIST images (float, then QAT, one short epoch each on the first 10,000 training
 * images), converted to int8, exported as QDQ and run by ONNX Runtime (all optimizations on) on
 * all 10,000 test images, against qat4j's engine. ONNX Runtime requantizes in float32 with
 * round-half-even, qat4j in fixed point with ties away from zero (and averages with ties away
 * from zero, where ONNX Runtime's QLinearGlobalAveragePool rounds half to even), so outputs may
 * differ by one output step; the test allows that, never more, on at least 99% of values.
 */
class MobileNetOnnxAgreementTest {
  private static final Logger LOG = LoggerFactory.getLogger(MobileNetOnnxAgreementTest.class);
  private static final int TRAIN_IMAGES = 10_000;
  private static final int BATCH = 64;
  private static final long SEED = 42;

  @TempDir static Path output;
  private static OnnxResult onnx;
  private static double int8Accuracy;

  @BeforeAll
  static void trainConvertExportAndRun() throws IOException {
    Dataset train = FashionMnist.train(FashionMnist.DEFAULT_DIRECTORY).subset(0, TRAIN_IMAGES);
    Dataset test = FashionMnist.test(FashionMnist.DEFAULT_DIRECTORY);
    TrainableModel floatModel = MobileNetMiniQuantized.floatModel(SEED);
    fit(floatModel, TrainingHook.NONE, OptimizerSpec.adam(3e-3), train);
    TrainableModel qat = MobileNetMiniQuantized.qatModel(SEED, QatOptions.defaults());
    qat.copyWeightsFrom(floatModel);
    fit(qat, qat.schedule(), OptimizerSpec.adam(1e-4), train);

    MobileNetMiniInt8 int8 = MobileNetMiniInt8.convert(qat);
    float[][] outputs = new float[test.size()][];
    for (int i = 0; i < test.size(); i++) {
      outputs[i] = int8.predict(test.image(i));
    }
    int8Accuracy = TopOne.accuracy(outputs, test);
    Path file = output.resolve("mobilenet-mini-int8.onnx");
    int8.exportOnnx(file);
    onnx = OnnxResult.measure(file, test, outputs, int8.model().output().scale());
    LOG.info("MobileNetMini int8 top-1 {}, ONNX Runtime top-1 {}; ONNX Runtime against the int8"
            + " engine on {} images: same arg-max {}, outputs identical {}, off by one step {},"
            + " within one step {}", int8Accuracy, onnx.accuracy(), onnx.agreement().images(),
        onnx.agreement().sameArgMax(), onnx.identical(),
        onnx.agreement().withinOneStep() - onnx.identical(), onnx.agreement().withinOneStep());
  }

  private static void fit(TrainableModel model, TrainingHook hook, OptimizerSpec optimizer,
      Dataset train) throws IOException {
    new Trainer(model.network(), TrainingConfig.of(1, BATCH, SEED, optimizer), hook,
        TrainingListener.NONE).fit(train);
  }

  @Test
  void theModelLearnedSomething() {
    // Ten classes: chance is 10% (measured here: 55.6%). Not a quality bar: the agreement below
    // means something only on weights, BatchNorm statistics and ranges that training shaped.
    // With 5,000 training images the running statistics had not caught up (BatchNorm momentum
    // 0.99) and every image got one class.
    assertTrue(int8Accuracy > 0.4, "int8 top-1 " + int8Accuracy);
  }

  @Test
  void atLeast99PercentOfOutputsLieWithinOneStepOfTheInt8Engine() {
    assertEquals(10_000, onnx.agreement().images());
    assertTrue(onnx.agreement().withinOneStep() >= 0.99,
        "within one step " + onnx.agreement().withinOneStep());
  }

  /**
   * At least 98% (measured 99.0%), below FashionCnn's 99.9%: this briefly trained model is unsure
   * of many images, its two highest logits a step or two apart, where a one-step difference moves
   * the arg-max.
   */
  @Test
  void onnxRuntimeAndTheInt8EngineAgreeOnTheArgMax() {
    assertTrue(onnx.agreement().sameArgMax() >= 0.98,
        "same arg-max " + onnx.agreement().sameArgMax());
  }
}
