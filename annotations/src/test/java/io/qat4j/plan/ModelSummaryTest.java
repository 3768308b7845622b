package io.qat4j.plan;

import static io.qat4j.model.Specs.bn;
import static io.qat4j.model.Specs.conv;
import static io.qat4j.model.Specs.convNoBias;
import static io.qat4j.model.Specs.dense;
import static io.qat4j.model.Specs.flatten;
import static io.qat4j.model.Specs.maxPool;
import static io.qat4j.model.Specs.relu;
import static io.qat4j.model.Specs.softmax;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.annotation.Padding;
import io.qat4j.model.LayerKind;
import io.qat4j.model.ModelDecl;
import io.qat4j.model.PartialScheme;
import io.qat4j.model.QuantizeDecl;
import io.qat4j.model.Shape;
import org.junit.jupiter.api.Test;

class ModelSummaryTest {

  /**
   * conv1 8x1x3x3 without bias (72 params), bn1 (32), relu1, pool1, flat [1568], fc 1568x10 + 10
   * (15690).
   */
  private static ModelDecl.Builder small() {
    return ModelDecl.builder("Small", Shape.of(1, 28, 28))
        .layer("conv1", convNoBias(8, 3, Padding.SAME))
        .layer("bn1", bn())
        .layer("relu1", relu())
        .layer("pool1", maxPool(2))
        .layer("flat", flatten())
        .layer("fc", dense(10));
  }

  private static ModelSummary quantizedSmall() {
    return QuantizedGraph.plan(small().quantize(QuantizeDecl.DEFAULT).build()).summary();
  }

  private static LayerSummary row(ModelSummary s, String name) {
    return s.layers().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
  }

  // Per-layer counts

  @Test
  void convRow() {
    LayerSummary conv = row(quantizedSmall(), "conv1");
    assertEquals(LayerKind.CONV2D, conv.kind());
    assertEquals(Shape.of(8, 28, 28), conv.outputShape());
    assertEquals(72, conv.parameters());
    assertEquals(56_448, conv.macs()); // 28 * 28 * 8 * 1 * 3 * 3
    assertEquals(288, conv.float32Bytes());
  }

  @Test
  void convWithoutBiasGainsAnInt32BiasFromTheFoldedBatchNorm() {
    assertEquals(72 + 8 * 4, row(quantizedSmall(), "conv1").int8Bytes());
  }

  @Test
  void convWithBiasAndFoldedBatchNormKeepsOneInt32Bias() {
    ModelSummary s =
        QuantizedGraph.plan(
                ModelDecl.builder("B", Shape.of(1, 28, 28))
                    .quantize(QuantizeDecl.DEFAULT)
                    .layer("conv", conv(8, 3, Padding.SAME))
                    .layer("bn", bn())
                    .build())
            .summary();
    assertEquals(80, row(s, "conv").parameters());
    assertEquals(72 + 8 * 4, row(s, "conv").int8Bytes());
  }

  @Test
  void convWithoutBiasOrBatchNormHasOnlyWeightBytes() {
    ModelSummary s =
        QuantizedGraph.plan(
                ModelDecl.builder("B", Shape.of(1, 28, 28))
                    .quantize(QuantizeDecl.DEFAULT)
                    .layer("conv", convNoBias(8, 3, Padding.SAME))
                    .build())
            .summary();
    assertEquals(72, row(s, "conv").int8Bytes());
  }

  @Test
  void foldedBatchNormHasNoInt8Bytes() {
    LayerSummary bn = row(quantizedSmall(), "bn1");
    assertEquals(32, bn.parameters());
    assertEquals(128, bn.float32Bytes());
    assertEquals(0, bn.int8Bytes());
  }

  @Test
  void denseRow() {
    LayerSummary fc = row(quantizedSmall(), "fc");
    assertEquals(15_690, fc.parameters());
    assertEquals(15_680, fc.macs());
    assertEquals(15_680 + 10 * 4, fc.int8Bytes());
  }

  @Test
  void layersWithoutParametersCostNothing() {
    ModelSummary s = quantizedSmall();
    for (String name : new String[] {"relu1", "pool1", "flat"}) {
      assertEquals(0, row(s, name).parameters(), name);
      assertEquals(0, row(s, name).int8Bytes(), name);
      assertEquals(0, row(s, name).macs(), name);
    }
  }

  @Test
  void weightsAboveEightBitsTakeTwoBytes() {
    ModelSummary s =
        QuantizedGraph.plan(
                ModelDecl.builder("Wide", Shape.of(128))
                    .quantize(QuantizeDecl.weights(PartialScheme.bits(12)))
                    .layer("fc", dense(10))
                    .build())
            .summary();
    assertEquals(1_280 * 2 + 10 * 4, row(s, "fc").int8Bytes());
  }

  @Test
  void fourBitWeightsStillTakeOneByte() {
    ModelSummary s =
        QuantizedGraph.plan(
                ModelDecl.builder("Narrow", Shape.of(128))
                    .quantize(QuantizeDecl.weights(PartialScheme.bits(4)))
                    .layer("fc", dense(10))
                    .build())
            .summary();
    assertEquals(1_280 + 10 * 4, row(s, "fc").int8Bytes());
  }

  // Float layers

  @Test
  void floatModelStoresFourBytesPerParameter() {
    ModelSummary s = QuantizedGraph.plan(small().build()).summary();
    assertEquals(288, row(s, "conv1").int8Bytes());
    assertEquals(128, row(s, "bn1").int8Bytes());
    assertEquals(15_690 * 4, row(s, "fc").int8Bytes());
    assertEquals(s.totalFloat32Bytes(), s.totalInt8Bytes());
  }

  @Test
  void skippedLayerFeedingAQuantizedLayerStoresFourBytesPerParameter() {
    // conv1's output is fake-quantized where it crosses into the quantized flat/fc, but conv1
    // itself is kept float: its 4 * 9 + 4 = 40 parameters stay float32.
    ModelSummary s =
        QuantizedGraph.plan(
                ModelDecl.builder("Mixed", Shape.of(1, 8, 8))
                    .quantize(QuantizeDecl.DEFAULT)
                    .layer("conv1", conv(4, 3, Padding.SAME), QuantizeDecl.SKIP)
                    .layer("flat", flatten())
                    .layer("fc", dense(10))
                    .build())
            .summary();
    assertEquals(40, row(s, "conv1").parameters());
    assertEquals(160, row(s, "conv1").int8Bytes());
  }

  @Test
  void skippedLayerFeedingAFloatLayerStoresFourBytesPerParameter() {
    ModelSummary s =
        QuantizedGraph.plan(
                ModelDecl.builder("Mixed", Shape.of(1, 8, 8))
                    .quantize(QuantizeDecl.DEFAULT)
                    .layer("conv1", conv(4, 3, Padding.SAME), QuantizeDecl.SKIP)
                    .layer("flat", flatten(), QuantizeDecl.SKIP)
                    .layer("fc", dense(10))
                    .build())
            .summary();
    assertEquals(160, row(s, "conv1").int8Bytes());
  }

  // Totals

  @Test
  void totals() {
    ModelSummary s = quantizedSmall();
    assertEquals(72 + 32 + 15_690, s.totalParameters());
    assertEquals(56_448 + 15_680, s.totalMacs());
    assertEquals(4 * 15_794, s.totalFloat32Bytes());
    assertEquals(104 + 15_720, s.totalInt8Bytes());
  }

  @Test
  void summaryHasOneRowPerLayerInOrder() {
    ModelSummary s = quantizedSmall();
    assertEquals(
        java.util.List.of("conv1", "bn1", "relu1", "pool1", "flat", "fc"),
        s.layers().stream().map(LayerSummary::name).toList());
    assertEquals("Small", s.model());
    assertEquals(Shape.of(1, 28, 28), s.input());
  }

  // Rendering

  @Test
  void renderPrintsFixedWidthColumnsWithThousandsSeparators() {
    // conv1 by hand: 8*1*3*3 = 72 params; 28*28*8*9 = 56,448 MACs; 288 float32 bytes;
    // 72 int8 weights + 8 int32 biases from the folded BatchNorm = 104 int8 bytes.
    String conv =
        String.format(java.util.Locale.ROOT, "%-14s %-16s %-14s %11s %13s %12s %10s  %s%n",
            "conv1", "Conv2D", "[8, 28, 28]", "72", "56,448", "288", "104",
            "weights sym int8 per-channel narrow, folds bn1, fuses relu1");
    String[] lines = quantizedSmall().render().split("\n");
    assertEquals(conv.strip(), lines[2].strip());
    assertTrue(lines[1].startsWith("layer          kind             output"), lines[1]);
  }

  @Test
  void renderNamesTheModelAndEveryLayer() {
    String text = quantizedSmall().render();
    assertTrue(text.startsWith("Model Small, input [1, 28, 28]\n"), text);
    for (String name : new String[] {"conv1", "bn1", "relu1", "pool1", "flat", "fc", "total"}) {
      assertTrue(text.contains(name), name + " missing from\n" + text);
    }
  }

  @Test
  void renderGroupsThousands() {
    String text = quantizedSmall().render();
    assertTrue(text.contains("56,448"), text);
    assertTrue(text.contains("15,794"), text);
  }

  @Test
  void renderHasHeaderOneLinePerLayerAndTotal() {
    assertEquals(1 + 1 + 6 + 1, quantizedSmall().render().split("\n", -1).length - 1);
  }

  @Test
  void quantizationColumnDescribesFoldingAndFusion() {
    ModelSummary s = quantizedSmall();
    String conv = row(s, "conv1").quantization();
    assertTrue(conv.contains("weights sym int8 per-channel narrow"), conv);
    assertTrue(conv.contains("folds bn1"), conv);
    assertTrue(conv.contains("fuses relu1"), conv);
    assertTrue(row(s, "bn1").quantization().contains("folded into conv1"));
    assertTrue(row(s, "relu1").quantization().contains("output asym int8"));
    assertTrue(row(s, "pool1").quantization().contains("keeps input range"));
  }

  @Test
  void softmaxIsDescribedByItsFixedRange() {
    ModelSummary s =
        QuantizedGraph.plan(
                ModelDecl.builder("Sm", Shape.of(16))
                    .quantize(QuantizeDecl.DEFAULT)
                    .layer("fc", dense(10))
                    .layer("sm", softmax())
                    .build())
            .summary();
    assertEquals("output fixed 1/256 zp -128", row(s, "sm").quantization());
  }
}
