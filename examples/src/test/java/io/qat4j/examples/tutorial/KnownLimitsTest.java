package io.qat4j.examples.tutorial;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.annotation.Activation;
import io.qat4j.annotation.Padding;
import io.qat4j.model.AddSpec;
import io.qat4j.model.Conv2DSpec;
import io.qat4j.model.MaxPoolSpec;
import io.qat4j.model.ModelDecl;
import io.qat4j.model.PartialScheme;
import io.qat4j.model.QuantizeDecl;
import io.qat4j.model.ReluSpec;
import io.qat4j.model.Shape;
import io.qat4j.plan.QuantizedGraph;
import io.qat4j.runtime.data.Dataset;
import io.qat4j.runtime.export.onnx.QdqExport;
import io.qat4j.runtime.int8.Int8Converter;
import io.qat4j.runtime.int8.Int8Model;
import io.qat4j.runtime.qat.TrainableModel;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The README's known limits that the compiler lets through and conversion or export refuses, each
 * on a tiny calibrated model declared in code.
 */
class KnownLimitsTest {
  private static final Shape INPUT = Shape.of(1, 4, 4);

  private static Conv2DSpec conv(int filters, Activation activation) {
    return new Conv2DSpec(filters, 1, 1, 1, 1, Padding.VALID, 1, 1, true, activation);
  }

  private static ModelDecl.Builder model() {
    return ModelDecl.builder("Limit", INPUT).quantize(QuantizeDecl.DEFAULT);
  }

  /** A fake-quantized model of {@code decl}, ranges calibrated on four random images. */
  private static TrainableModel calibrated(ModelDecl decl) {
    float[] images = new float[4 * 16];
    java.util.Random random = new java.util.Random(1);
    for (int i = 0; i < images.length; i++) {
      images[i] = random.nextFloat() * 2 - 1;
    }
    Dataset data = Dataset.of(images, new int[] {1, 4, 4}, new int[4], 1);
    TrainableModel fp32 = TrainableModel.floatModel(QuantizedGraph.plan(decl), 1);
    return TrainableModel.calibrated(fp32, data, 1, 4);
  }

  private static void assertConversionRefused(ModelDecl decl, String messagePart) {
    TrainableModel model = calibrated(decl);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Int8Converter.convert(model));
    assertTrue(e.getMessage().contains(messagePart), e.getMessage());
  }

  @Test
  void aReluAfterAPoolHasNoInt8Layer() {
    assertConversionRefused(model()
        .layer("conv", conv(2, Activation.NONE))
        .layer("pool", new MaxPoolSpec(2, 2, 2, 2, Padding.VALID))
        .layer("relu", new ReluSpec())
        .build(), "relu");
  }

  @Test
  void aSecondReluInARowHasNoInt8Layer() {
    assertConversionRefused(model()
        .layer("conv", conv(2, Activation.NONE))
        .layer("relu", new ReluSpec())
        .layer("again", new ReluSpec())
        .build(), "again");
  }

  @Test
  void aReluAfterAConvThatFeedsTwoLayersHasNoInt8Layer() {
    assertConversionRefused(model()
        .layer("conv", conv(2, Activation.NONE))
        .layer("relu", new ReluSpec())
        .layer("sum", new AddSpec(), "conv", "relu")
        .build(), "relu");
  }

  @Test
  void anAddOfThreeInputsHasNoInt8Layer() {
    assertConversionRefused(model()
        .layer("a", conv(2, Activation.NONE), "input")
        .layer("b", conv(2, Activation.NONE), "input")
        .layer("c", conv(2, Activation.NONE), "input")
        .layer("sum", new AddSpec(), "a", "b", "c")
        .build(), "Add takes 2 inputs");
  }

  @Test
  void asymmetricWeightsHaveNoInt8Layer() {
    PartialScheme asymmetric = new PartialScheme(
        Optional.empty(), Optional.empty(), Optional.of(false), Optional.of(false));
    assertConversionRefused(model()
        .layer("conv", conv(2, Activation.NONE), QuantizeDecl.weights(asymmetric))
        .build(), "symmetric");
  }

  @Test
  void aSkippedConvHasNoInt8Layer() {
    assertConversionRefused(model()
        .layer("conv", conv(2, Activation.NONE))
        .layer("float", conv(2, Activation.NONE), QuantizeDecl.SKIP)
        .layer("last", conv(2, Activation.NONE))
        .build(), "float");
  }

  /** The control: a skipped layer without weights between quantized layers converts. */
  @Test
  void aSkippedPoolBetweenQuantizedLayersConverts() {
    TrainableModel model = calibrated(model()
        .layer("conv", conv(2, Activation.NONE))
        .layer("pool", new MaxPoolSpec(2, 2, 2, 2, Padding.VALID), QuantizeDecl.SKIP)
        .layer("last", conv(2, Activation.NONE))
        .build());
    assertDoesNotThrow(() -> Int8Converter.convert(model));
  }

  @Test
  void fourBitWeightsConvertButDoNotExportToOnnx() {
    TrainableModel model = calibrated(model()
        .layer("conv", conv(2, Activation.NONE), QuantizeDecl.weights(PartialScheme.bits(4)))
        .build());
    Int8Model int8 = assertDoesNotThrow(() -> Int8Converter.convert(model));
    assertThrows(IllegalArgumentException.class, () -> QdqExport.toBytes(int8));
  }

  /** The control of the ReLU tests: fused into the conv right before it, it converts. */
  @Test
  void aReluRightAfterAConvConverts() {
    TrainableModel model = calibrated(model()
        .layer("conv", conv(2, Activation.NONE))
        .layer("relu", new ReluSpec())
        .build());
    assertDoesNotThrow(() -> Int8Converter.convert(model));
  }

  /** The control: the same Add with two inputs converts, so the test above pins the count. */
  @Test
  void anAddOfTwoInputsConverts() {
    TrainableModel model = calibrated(model()
        .layer("a", conv(2, Activation.NONE), "input")
        .layer("b", conv(2, Activation.NONE), "input")
        .layer("sum", new AddSpec(), "a", "b")
        .build());
    assertDoesNotThrow(() -> Int8Converter.convert(model));
  }
}
