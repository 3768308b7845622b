package io.qat4j.examples.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.model.QuantScheme;
import io.qat4j.model.Shape;
import io.qat4j.plan.QuantizedGraph;
import io.qat4j.plan.QuantizedLayer;
import io.qat4j.plan.TensorQuant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The generated graph of FashionCnn against hand-computed shapes and quantization decisions. */
class FashionCnnGraphTest {
  private static final QuantizedGraph GRAPH = FashionCnnQuantized.GRAPH;

  private static QuantizedLayer layer(String name) {
    return GRAPH.layer(name);
  }

  @Test
  void layersRunInDeclarationOrder() {
    assertEquals(
        List.of("conv1", "bn1", "relu1", "pool1", "conv2", "bn2", "relu2", "pool2", "flat", "fc1",
            "logits"),
        GRAPH.layers().stream().map(QuantizedLayer::name).toList());
  }

  @Test
  void shapesFollowSamePaddingAndTwoByTwoPools() {
    // SAME keeps 28x28; each 2x2 pool halves; 64 * 7 * 7 = 3136 after Flatten.
    assertEquals(Shape.of(32, 28, 28), layer("conv1").outputShape());
    assertEquals(Shape.of(32, 14, 14), layer("pool1").outputShape());
    assertEquals(Shape.of(64, 14, 14), layer("conv2").outputShape());
    assertEquals(Shape.of(64, 7, 7), layer("pool2").outputShape());
    assertEquals(Shape.of(3136), layer("flat").outputShape());
    assertEquals(Shape.of(128), layer("fc1").outputShape());
    assertEquals(Shape.of(10), FashionCnnQuantized.OUTPUT_SHAPE);
    assertEquals(Shape.of(1, 28, 28), FashionCnnQuantized.INPUT_SHAPE);
  }

  @Test
  void batchNormsFoldIntoTheirConvolutions() {
    assertEquals(Optional.of("bn1"), layer("conv1").foldedBatchNorm());
    assertEquals(Optional.of("conv1"), layer("bn1").foldedInto());
    assertEquals(Optional.of("bn2"), layer("conv2").foldedBatchNorm());
    assertEquals(Optional.of("conv2"), layer("bn2").foldedInto());
  }

  @Test
  void reluAfterFoldedBatchNormFusesIntoTheConvolution() {
    assertEquals(Optional.of("relu1"), layer("conv1").fusedActivation());
    assertEquals(Optional.of("conv1"), layer("relu1").foldedInto());
    assertEquals(Optional.of("relu2"), layer("conv2").fusedActivation());
  }

  @Test
  void noFakeQuantInsideAFusedGroupOnlyOnItsLastOutput() {
    assertEquals(TensorQuant.insideFusedGroup("relu1"), layer("conv1").output());
    assertEquals(TensorQuant.insideFusedGroup("relu1"), layer("bn1").output());
    assertEquals(TensorQuant.fakeQuant(QuantScheme.INT8_ACTIVATIONS), layer("relu1").output());
  }

  @Test
  void poolsAndFlattenKeepTheirInputRange() {
    for (String name : List.of("pool1", "pool2", "flat")) {
      assertEquals(TensorQuant.sameAsInput(), layer(name).output(), name);
    }
  }

  @Test
  void convolutionWeightsArePerChannelDenseWeightsPerTensor() {
    assertEquals(Optional.of(QuantScheme.INT8_WEIGHTS_PER_CHANNEL), layer("conv1").weights());
    assertEquals(Optional.of(QuantScheme.INT8_WEIGHTS_PER_CHANNEL), layer("conv2").weights());
    assertEquals(Optional.of(QuantScheme.INT8_WEIGHTS_PER_TENSOR), layer("fc1").weights());
    assertEquals(Optional.of(QuantScheme.INT8_WEIGHTS_PER_TENSOR), layer("logits").weights());
    assertEquals(Optional.empty(), layer("bn1").weights());
  }

  @Test
  void inputAndDenseOutputsAreFakeQuantized() {
    TensorQuant activations = TensorQuant.fakeQuant(QuantScheme.INT8_ACTIVATIONS);
    assertEquals(activations, GRAPH.inputQuant());
    assertEquals(activations, layer("fc1").output());
    assertEquals(activations, layer("logits").output());
  }

  @Test
  void generatedGraphEqualsTheRuntimePlanOfTheGeneratedDeclaration() {
    assertEquals(QuantizedGraph.plan(FashionCnnQuantized.DECLARATION), GRAPH);
  }

  @Test
  void constructorBindsEveryFieldToItsLayer() {
    FashionCnnQuantized model = new FashionCnnQuantized();
    assertSame(layer("conv1"), model.conv1);
    assertSame(layer("bn2"), model.bn2);
    assertSame(layer("logits"), model.logits);
    assertEquals("fc1", model.fc1.name());
  }

  @Test
  void summaryCountsParametersAndMultiplyAccumulates() {
    // conv1: 32*1*3*3 = 288 weights; conv2: 64*32*3*3 = 18432; fc1: 3136*128 + 128; logits:
    // 128*10 + 10; BatchNorm: 4 per channel (32 + 64 channels).
    long params = 288 + 18432 + 3136 * 128 + 128 + 1280 + 10 + 4 * (32 + 64);
    assertEquals(params, FashionCnnQuantized.summary().totalParameters());
    // conv1: 28*28*32*9; conv2: 14*14*64*32*9; fc1: 3136*128; logits: 128*10.
    long macs = 28L * 28 * 32 * 9 + 14L * 14 * 64 * 32 * 9 + 3136L * 128 + 1280;
    assertEquals(macs, FashionCnnQuantized.summary().totalMacs());
    assertTrue(FashionCnnQuantized.summary().totalInt8Bytes()
        < FashionCnnQuantized.summary().totalFloat32Bytes() * 0.27);
  }
}
