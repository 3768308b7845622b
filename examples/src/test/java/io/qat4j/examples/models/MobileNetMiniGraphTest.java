package io.qat4j.examples.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qat4j.model.QuantScheme;
import io.qat4j.model.Shape;
import io.qat4j.plan.QuantizedGraph;
import io.qat4j.plan.QuantizedLayer;
import io.qat4j.plan.TensorQuant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The generated graph of MobileNetMini, with its residual Add and its Concat, against
 * hand-computed shapes and quantization decisions.
 */
class MobileNetMiniGraphTest {
  private static final QuantizedGraph GRAPH = MobileNetMiniQuantized.GRAPH;
  private static final TensorQuant INT8 = TensorQuant.fakeQuant(QuantScheme.INT8_ACTIVATIONS);

  private static QuantizedLayer layer(String name) {
    return GRAPH.layer(name);
  }

  @Test
  void stridedStemHalvesTheImage() {
    // SAME with stride 2: ceil(28 / 2) = 14.
    assertEquals(Shape.of(16, 14, 14), layer("stem").outputShape());
  }

  @Test
  void depthwiseKeepsChannelsAndStridedDepthwiseHalves() {
    assertEquals(Shape.of(16, 14, 14), layer("dw1").outputShape());
    assertEquals(Shape.of(16, 7, 7), layer("down").outputShape());
    assertEquals(Optional.of(QuantScheme.INT8_WEIGHTS_PER_CHANNEL), layer("dw1").weights());
  }

  @Test
  void residualAddSumsTheTwoBlockOutputs() {
    assertEquals(List.of("pw1Bn", "pw2Bn"), layer("residual").inputs());
    assertEquals(Shape.of(16, 14, 14), layer("residual").outputShape());
  }

  @Test
  void addRequantizesItsInputsSoEachInputCarriesItsOwnRange() {
    // pw1Bn feeds both dw2 and the Add: it ends its fused group, so it is fake-quantized.
    assertEquals(INT8, layer("pw1Bn").output());
    assertEquals(INT8, layer("pw2Bn").output());
    assertEquals(Optional.of("pw1"), layer("pw1Bn").foldedInto());
  }

  @Test
  void reluAfterAddFusesIntoTheAdd() {
    assertEquals(Optional.of("residualRelu"), layer("residual").fusedActivation());
    assertEquals(TensorQuant.insideFusedGroup("residualRelu"), layer("residual").output());
    assertEquals(INT8, layer("residualRelu").output());
  }

  @Test
  void shortcutIsAStridedPointwiseConvolutionFromTheResidual() {
    // VALID 1x1 with stride 2: ceil(14 / 2) = 7.
    assertEquals(List.of("residualRelu"), layer("shortcut").inputs());
    assertEquals(Shape.of(16, 7, 7), layer("shortcut").outputShape());
    assertEquals(INT8, layer("shortcut").output());
  }

  @Test
  void concatJoinsChannelsAndIsQuantizedAfterTheJoin() {
    assertEquals(List.of("downRelu", "shortcut"), layer("joined").inputs());
    assertEquals(Shape.of(32, 7, 7), layer("joined").outputShape());
    assertEquals(INT8, layer("joined").output());
  }

  @Test
  void headPoolsGloballyThenClassifies() {
    assertEquals(Shape.of(64), layer("gap").outputShape());
    assertEquals(TensorQuant.sameAsInput(), layer("gap").output());
    assertEquals(Shape.of(10), MobileNetMiniQuantized.OUTPUT_SHAPE);
  }

  @Test
  void everyBatchNormFoldsIntoThePrecedingConvolution() {
    for (String bn : List.of("stemBn", "dw1Bn", "pw1Bn", "dw2Bn", "pw2Bn", "downBn", "expandBn")) {
      String conv = bn.substring(0, bn.length() - 2);
      assertEquals(Optional.of(conv), layer(bn).foldedInto(), bn);
      assertEquals(Optional.of(bn), layer(conv).foldedBatchNorm(), conv);
    }
  }

  @Test
  void relu6AfterFoldedBatchNormFusesIntoTheConvolution() {
    assertEquals(Optional.of("stemRelu"), layer("stem").fusedActivation());
    assertEquals(Optional.of("expandRelu"), layer("expand").fusedActivation());
    assertEquals(TensorQuant.insideFusedGroup("downRelu"), layer("downBn").output());
  }

  @Test
  void generatedGraphEqualsTheRuntimePlanOfTheGeneratedDeclaration() {
    assertEquals(QuantizedGraph.plan(MobileNetMiniQuantized.DECLARATION), GRAPH);
  }
}
