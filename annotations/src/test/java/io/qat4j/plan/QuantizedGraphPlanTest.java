package io.qat4j.plan;

import static io.qat4j.model.Specs.add;
import static io.qat4j.model.Specs.avgPool;
import static io.qat4j.model.Specs.bn;
import static io.qat4j.model.Specs.concat;
import static io.qat4j.model.Specs.conv;
import static io.qat4j.model.Specs.custom;
import static io.qat4j.model.Specs.dense;
import static io.qat4j.model.Specs.dropout;
import static io.qat4j.model.Specs.flatten;
import static io.qat4j.model.Specs.globalAvgPool;
import static io.qat4j.model.Specs.maxPool;
import static io.qat4j.model.Specs.relu;
import static io.qat4j.model.Specs.relu6;
import static io.qat4j.model.Specs.reshape;
import static io.qat4j.model.Specs.softmax;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.annotation.Activation;
import io.qat4j.annotation.Padding;
import io.qat4j.check.Problem;
import io.qat4j.model.ModelDecl;
import io.qat4j.model.PartialScheme;
import io.qat4j.model.QuantScheme;
import io.qat4j.model.QuantizeDecl;
import io.qat4j.model.Shape;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QuantizedGraphPlanTest {

  private static final TensorQuant INT8 = new TensorQuant.FakeQuant(QuantScheme.INT8_ACTIVATIONS);
  private static final TensorQuant FLOAT = new TensorQuant.NotQuantized();
  private static final TensorQuant SAME = new TensorQuant.SameAsInput();

  private static ModelDecl.Builder quantized(Shape input) {
    return ModelDecl.builder("M", input).quantize(QuantizeDecl.DEFAULT);
  }

  private static QuantizedGraph convBnRelu() {
    return QuantizedGraph.plan(
        quantized(Shape.of(1, 8, 8))
            .layer("conv", conv(4, 3, Padding.SAME))
            .layer("bn", bn())
            .layer("relu", relu())
            .layer("flat", flatten())
            .layer("fc", dense(10))
            .build());
  }

  // Conv + BatchNorm + ReLU

  @Test
  void convFoldsTheBatchNormAndFusesTheRelu() {
    QuantizedLayer conv = convBnRelu().layer("conv");
    assertEquals(Optional.of("bn"), conv.foldedBatchNorm());
    assertEquals(Optional.of("relu"), conv.fusedActivation());
    assertEquals(Optional.empty(), conv.foldedInto());
  }

  @Test
  void batchNormAndReluFoldIntoTheConv() {
    QuantizedGraph g = convBnRelu();
    assertEquals(Optional.of("conv"), g.layer("bn").foldedInto());
    assertEquals(Optional.of("conv"), g.layer("relu").foldedInto());
  }

  @Test
  void convAndBatchNormOutputsAreInsideTheGroupCarriedByTheRelu() {
    QuantizedGraph g = convBnRelu();
    assertEquals(new TensorQuant.InsideFusedGroup("relu"), g.layer("conv").output());
    assertEquals(new TensorQuant.InsideFusedGroup("relu"), g.layer("bn").output());
  }

  @Test
  void reluOutputIsFakeQuantized() {
    QuantizedLayer relu = convBnRelu().layer("relu");
    assertEquals(INT8, relu.output());
    assertTrue(relu.fakeQuantizesOutput());
  }

  @Test
  void convWeightsArePerChannelAndDenseWeightsPerTensor() {
    QuantizedGraph g = convBnRelu();
    assertEquals(Optional.of(QuantScheme.INT8_WEIGHTS_PER_CHANNEL), g.layer("conv").weights());
    assertEquals(Optional.of(QuantScheme.INT8_WEIGHTS_PER_TENSOR), g.layer("fc").weights());
    assertEquals(Optional.empty(), g.layer("bn").weights());
  }

  @Test
  void convAndBatchNormWithoutReluAreCarriedByTheBatchNorm() {
    QuantizedGraph g =
        QuantizedGraph.plan(
            quantized(Shape.of(1, 8, 8))
                .layer("conv", conv(4, 3, Padding.SAME))
                .layer("bn", bn())
                .layer("flat", flatten())
                .build());
    assertEquals(new TensorQuant.InsideFusedGroup("bn"), g.layer("conv").output());
    assertEquals(INT8, g.layer("bn").output());
    assertEquals(Optional.empty(), g.layer("conv").fusedActivation());
  }

  // Activation fusion

  @Test
  void convWithItsOwnReluDoesNotFuseASeparateRelu() {
    QuantizedGraph g =
        QuantizedGraph.plan(
            quantized(Shape.of(1, 8, 8))
                .layer("conv", conv(4, 3, Padding.SAME, Activation.RELU))
                .layer("relu", relu())
                .build());
    assertEquals(Optional.empty(), g.layer("conv").fusedActivation());
    assertEquals(Optional.empty(), g.layer("relu").foldedInto());
    assertEquals(INT8, g.layer("conv").output());
    assertEquals(INT8, g.layer("relu").output());
  }

  @Test
  void addFusesTheReluAfterIt() {
    QuantizedGraph g =
        QuantizedGraph.plan(
            quantized(Shape.of(4, 8, 8))
                .layer("a", conv(4, 3, Padding.SAME))
                .layer("sum", add(), "a", "input")
                .layer("relu", relu())
                .build());
    assertEquals(Optional.of("relu"), g.layer("sum").fusedActivation());
    assertEquals(Optional.of("sum"), g.layer("relu").foldedInto());
    assertEquals(new TensorQuant.InsideFusedGroup("relu"), g.layer("sum").output());
    assertEquals(INT8, g.layer("relu").output());
  }

  @Test
  void denseFusesARelu6() {
    QuantizedGraph g =
        QuantizedGraph.plan(
            quantized(Shape.of(16)).layer("fc", dense(8)).layer("act", relu6()).build());
    assertEquals(Optional.of("act"), g.layer("fc").fusedActivation());
    assertEquals(new TensorQuant.InsideFusedGroup("act"), g.layer("fc").output());
  }

  @Test
  void reluDoesNotFuseIntoAConvThatFeedsAnotherLayer() {
    QuantizedGraph g =
        QuantizedGraph.plan(
            quantized(Shape.of(4, 8, 8))
                .layer("conv", conv(4, 3, Padding.SAME))
                .layer("relu", relu())
                .layer("sum", add(), "conv", "relu")
                .build());
    assertEquals(Optional.empty(), g.layer("conv").fusedActivation());
    assertEquals(INT8, g.layer("conv").output());
  }

  @Test
  void onlyTheFirstOfTwoActivationsInARowFuses() {
    QuantizedGraph g =
        QuantizedGraph.plan(
            quantized(Shape.of(1, 8, 8))
                .layer("conv", conv(4, 3, Padding.SAME))
                .layer("relu6", relu6())
                .layer("relu", relu())
                .build());
    assertEquals(Optional.of("relu6"), g.layer("conv").fusedActivation());
    assertEquals(Optional.of("conv"), g.layer("relu6").foldedInto());
    assertEquals(INT8, g.layer("relu6").output());
    assertEquals(Optional.empty(), g.layer("relu").foldedInto());
    assertEquals(INT8, g.layer("relu").output());
  }

  @Test
  void reluAfterMaxPoolStandsAlone() {
    QuantizedGraph g =
        QuantizedGraph.plan(
            quantized(Shape.of(1, 8, 8))
                .layer("conv", conv(4, 3, Padding.SAME))
                .layer("pool", maxPool(2))
                .layer("relu", relu())
                .build());
    assertEquals(Optional.empty(), g.layer("relu").foldedInto());
    assertEquals(INT8, g.layer("relu").output());
  }

  // Output policies

  @Test
  void poolsFlattenReshapeAndDropoutKeepTheirInputRange() {
    QuantizedGraph g =
        QuantizedGraph.plan(
            quantized(Shape.of(1, 8, 8))
                .layer("conv", conv(4, 3, Padding.SAME))
                .layer("max", maxPool(2))
                .layer("avg", avgPool(2, 1, Padding.SAME))
                .layer("drop", dropout(0.25))
                .layer("flat", flatten())
                .layer("shaped", reshape(4, 4, 4))
                .layer("gap", globalAvgPool())
                .build());
    for (String name : List.of("max", "avg", "drop", "flat", "shaped", "gap")) {
      assertEquals(SAME, g.layer(name).output(), name);
    }
  }

  @Test
  void concatGetsItsOwnFakeQuant() {
    QuantizedGraph g =
        QuantizedGraph.plan(
            quantized(Shape.of(1, 8, 8))
                .layer("a", conv(4, 3, Padding.SAME))
                .layer("b", conv(4, 3, Padding.SAME), "input")
                .layer("cat", concat(0), "a", "b")
                .build());
    assertEquals(INT8, g.layer("cat").output());
    assertEquals(Shape.of(8, 8, 8), g.layer("cat").outputShape());
  }

  @Test
  void softmaxHasTheFixedRange() {
    QuantizedGraph g =
        QuantizedGraph.plan(quantized(Shape.of(16)).layer("fc", dense(10)).layer("sm", softmax()).build());
    assertEquals(new TensorQuant.Fixed(1.0 / 256, -128), g.layer("sm").output());
    assertFalse(g.layer("sm").fakeQuantizesOutput());
  }

  @Test
  void customLayerWithConfigIsQuantizedByItsConfig() {
    QuantizedGraph g =
        QuantizedGraph.plan(
            quantized(Shape.of(16))
                .layer("fc", dense(10))
                .layer("swish", custom(), QuantizeDecl.config("com.example.SwishConfig"))
                .build());
    assertEquals(new TensorQuant.ByConfig("com.example.SwishConfig"), g.layer("swish").output());
  }

  // Float layers and the model input

  private static QuantizedGraph withSkippedMiddle() {
    return QuantizedGraph.plan(
        quantized(Shape.of(1, 8, 8))
            .layer("conv1", conv(4, 3, Padding.SAME))
            .layer("relu1", relu())
            .layer("conv2", conv(4, 3, Padding.SAME), QuantizeDecl.SKIP)
            .layer("relu2", relu(), QuantizeDecl.SKIP)
            .layer("flat", flatten())
            .layer("fc", dense(10))
            .build());
  }

  @Test
  void skippedLayerFeedingASkippedLayerIsNotQuantized() {
    QuantizedLayer conv2 = withSkippedMiddle().layer("conv2");
    assertEquals(FLOAT, conv2.output());
    assertEquals(Optional.empty(), conv2.weights());
  }

  @Test
  void skippedLayerFeedingAQuantizedLayerIsFakeQuantizedAtTheBoundary() {
    QuantizedGraph g = withSkippedMiddle();
    assertEquals(INT8, g.layer("relu2").output());
    assertEquals(SAME, g.layer("flat").output());
  }

  @Test
  void skippedLayersDoNotFuse() {
    QuantizedGraph g = withSkippedMiddle();
    assertEquals(Optional.empty(), g.layer("conv2").fusedActivation());
    assertEquals(Optional.empty(), g.layer("relu2").foldedInto());
  }

  @Test
  void modelWithoutQuantizeIsAllFloat() {
    QuantizedGraph g =
        QuantizedGraph.plan(
            ModelDecl.builder("Float", Shape.of(1, 8, 8))
                .layer("conv", conv(4, 3, Padding.SAME))
                .layer("bn", bn())
                .layer("relu", relu())
                .layer("pool", maxPool(2))
                .layer("flat", flatten())
                .layer("fc", dense(10))
                .layer("sm", softmax())
                .build());
    assertEquals(FLOAT, g.inputQuant());
    for (QuantizedLayer layer : g.layers()) {
      assertEquals(FLOAT, layer.output(), layer.name());
      assertEquals(Optional.empty(), layer.weights(), layer.name());
      assertEquals(Optional.empty(), layer.foldedInto(), layer.name());
    }
  }

  @Test
  void modelInputIsFakeQuantizedWhenTheFirstLayerIsQuantized() {
    assertEquals(INT8, convBnRelu().inputQuant());
  }

  @Test
  void modelInputStaysFloatWhenTheFirstLayerIsSkipped() {
    QuantizedGraph g =
        QuantizedGraph.plan(
            quantized(Shape.of(16))
                .layer("fc1", dense(8), QuantizeDecl.SKIP)
                .layer("fc2", dense(4))
                .build());
    assertEquals(FLOAT, g.inputQuant());
    assertEquals(INT8, g.layer("fc1").output());
  }

  @Test
  void batchNormWhoseProducerFeedsTwoLayersIsNotFoldedInAFloatModel() {
    QuantizedGraph g =
        QuantizedGraph.plan(
            ModelDecl.builder("Float", Shape.of(1, 8, 8))
                .layer("conv", conv(4, 3, Padding.SAME))
                .layer("bn", bn())
                .layer("sum", add(), "conv", "bn")
                .build());
    assertEquals(Optional.empty(), g.layer("bn").foldedInto());
    assertEquals(Optional.empty(), g.layer("conv").foldedBatchNorm());
  }

  @Test
  void layerSchemeOverrideReachesThePlan() {
    QuantizedGraph g =
        QuantizedGraph.plan(
            quantized(Shape.of(16))
                .layer("fc", dense(8), QuantizeDecl.weights(PartialScheme.bits(4)))
                .build());
    assertEquals(Optional.of(new QuantScheme(4, false, true, true)), g.layer("fc").weights());
  }

  // The graph itself

  @Test
  void layersKeepDeclarationOrderWithResolvedInputsAndShapes() {
    QuantizedGraph g = convBnRelu();
    assertEquals(
        List.of("conv", "bn", "relu", "flat", "fc"),
        g.layers().stream().map(QuantizedLayer::name).toList());
    assertEquals(List.of("input"), g.layer("conv").inputs());
    assertEquals(List.of("relu"), g.layer("flat").inputs());
    assertEquals(Shape.of(256), g.layer("flat").outputShape());
    assertEquals("fc", g.output().name());
    assertEquals(Shape.of(10), g.outputShape());
    assertEquals(Shape.of(1, 8, 8), g.input());
  }

  @Test
  void unknownLayerNameThrowsListingTheLayers() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> convBnRelu().layer("nope"));
    assertTrue(e.getMessage().contains("conv, bn, relu, flat, fc"), e.getMessage());
  }

  // Invalid models

  @Test
  void invalidModelExceptionListsEveryError() {
    ModelDecl decl =
        quantized(Shape.of(1, 8, 8))
            .layer("fc", dense(10))
            .layer("odd", custom(), "fc")
            .layer("bn", bn(), "odd")
            .build();
    InvalidModelException e =
        assertThrows(InvalidModelException.class, () -> QuantizedGraph.plan(decl));
    assertEquals(
        List.of("DenseNeedsFlatten", "UnsupportedLayer", "UnfoldableBatchNorm"),
        e.problems().stream().map(Problem::id).toList());
    for (Problem p : e.problems()) {
      assertTrue(e.getMessage().contains(p.formatted()), e.getMessage());
    }
    assertTrue(e.getMessage().startsWith("Model M cannot be quantized:"), e.getMessage());
  }

  @Test
  void invalidModelExceptionKeepsWarningsButListsOnlyErrors() {
    ModelDecl decl =
        ModelDecl.builder("M", Shape.of(16))
            .quantize(QuantizeDecl.weights(PartialScheme.bits(4)))
            .layer("fc", dense(10), "nowhere")
            .build();
    InvalidModelException e =
        assertThrows(InvalidModelException.class, () -> QuantizedGraph.plan(decl));
    assertEquals(
        List.of("NotEightBit", "UnknownInput"), e.problems().stream().map(Problem::id).toList());
    assertFalse(e.getMessage().contains("NotEightBit"), e.getMessage());
    assertTrue(e.getMessage().contains("fc: [qat4j:UnknownInput]"), e.getMessage());
  }

  @Test
  void warningsAloneDoNotStopThePlan() {
    QuantizedGraph g =
        QuantizedGraph.plan(
            ModelDecl.builder("M", Shape.of(16))
                .quantize(QuantizeDecl.weights(PartialScheme.bits(4)))
                .layer("fc", dense(10))
                .build());
    assertEquals(4, g.layer("fc").weights().orElseThrow().bits());
  }

  @Test
  void emptyModelCannotBePlanned() {
    InvalidModelException e =
        assertThrows(
            InvalidModelException.class,
            () -> QuantizedGraph.plan(ModelDecl.builder("Empty", Shape.of(4)).build()));
    assertInstanceOf(IllegalArgumentException.class, e);
    assertEquals("EmptyModel", e.problems().get(0).id());
  }
}
