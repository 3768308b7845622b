package io.qat4j.runtime.int8;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.annotation.Activation;
import io.qat4j.annotation.Padding;
import io.qat4j.model.ConcatSpec;
import io.qat4j.model.Conv2DSpec;
import io.qat4j.model.DenseSpec;
import io.qat4j.model.FlattenSpec;
import io.qat4j.model.ModelDecl;
import io.qat4j.model.QuantizeDecl;
import io.qat4j.model.Shape;
import io.qat4j.plan.QuantizedGraph;
import io.qat4j.runtime.qat.TrainableModel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Conversion of settled QAT models: which layers the int8 model has, and that it computes what
 * the fake-quant graph computes in evaluation.
 */
class Int8ConverterTest {
  @Test
  void foldedAndFusedLayersHaveNoLayerOfTheirOwn() {
    Int8Model model = Int8Converter.convert(
        ConversionFixtures.settled(ConversionFixtures.everyKind(), 1, 3));
    assertEquals(List.of("conv1", "dw", "pw", "residual", "strided", "pooled", "joined", "smooth",
        "dilated", "gap", "fc", "logits"), model.layerNames());
  }

  @Test
  void readersOfAFusedActivationReadItsAnchor() {
    Int8Model model = Int8Converter.convert(
        ConversionFixtures.settled(ConversionFixtures.everyKind(), 1, 3));
    assertEquals(List.of("conv1", "pw"), model.layer("residual").inputs());
    assertEquals(List.of("residual"), model.layer("pooled").inputs());
    assertEquals(List.of("conv1"), model.layer("dw").inputs());
  }

  @Test
  void fusedReluClampsAtTheZeroPointAndRelu6AtTheCodeOfSix() {
    Int8Model model = Int8Converter.convert(
        ConversionFixtures.settled(ConversionFixtures.everyKind(), 1, 3));
    Int8Conv conv1 = (Int8Conv) model.layer("conv1");
    assertEquals(conv1.output().zeroPoint(), conv1.clampMin());
    assertEquals(Math.min(127, conv1.output().quantize(6.0)), conv1.clampMax());
    Int8Add add = (Int8Add) model.layer("residual");
    assertEquals(add.output().zeroPoint(), add.clampMin());
    Int8Conv pw = (Int8Conv) model.layer("pw");
    assertEquals(-128, pw.clampMin());
    assertEquals(127, pw.clampMax());
  }

  @Test
  void convolutionWeightsArePerChannelAndDenseWeightsPerTensor() {
    Int8Model model = Int8Converter.convert(
        ConversionFixtures.settled(ConversionFixtures.everyKind(), 1, 3));
    Int8Conv conv1 = (Int8Conv) model.layer("conv1");
    assertEquals(8, conv1.multipliers().length);
    assertTrue(java.util.Arrays.stream(conv1.multipliers()).distinct().count() > 1,
        "per-channel scales differ between channels");
    assertEquals(1, ((Int8Dense) model.layer("fc")).multipliers().length);
    assertTrue(((Int8Conv) model.layer("dw")).depthwise());
  }

  @Test
  void symmetricWeightsUseTheFullNarrowRangeInEveryChannel() {
    Int8Conv conv1 = (Int8Conv) Int8Converter.convert(
        ConversionFixtures.settled(ConversionFixtures.everyKind(), 1, 3)).layer("conv1");
    int per = conv1.weights().length / 8;
    for (int o = 0; o < 8; o++) {
      int max = 0;
      for (int k = o * per; k < (o + 1) * per; k++) {
        max = Math.max(max, Math.abs(conv1.weights()[k]));
        assertTrue(conv1.weights()[k] >= -127, "narrow range never uses -128");
      }
      assertEquals(127, max, "channel " + o + " reaches ±127 at its largest weight");
    }
  }

  /**
   * The int8 model follows the fake-quant graph in evaluation: the same arg-max for at least 95%
   * of 256 random inputs and at least 75% of logits within one output step. Not tighter, because
   * this graph has two averaging layers (AvgPool, GlobalAvgPool) whose fake-quant outputs are
   * exact float averages while the int8 kernels round them to the grid (up to half a step each,
   * measured mean 0.25 step), and that difference propagates through the dilated conv and two
   * dense layers; random weights also leave logits close together. Measured: 82% within one step.
   */
  @Test
  void int8OutputsFollowTheFakeQuantGraph() {
    assertAgreement(ConversionFixtures.everyKind(), 0.95, 0.75);
  }

  /**
   * Without averaging layers the two agree closely: a conv, a dense and a Softmax, whose outputs
   * have the fixed step 1/256; at least 95% on both counts.
   */
  @Test
  void int8SoftmaxFollowsTheFakeQuantGraph() {
    assertAgreement(ConversionFixtures.withSoftmax(), 0.95, 0.95);
  }

  private static void assertAgreement(QuantizedGraph graph, double argMax, double withinStep) {
    TrainableModel qat = ConversionFixtures.settled(graph, 7, 4);
    Int8Predictor predictor = Int8Predictor.of(Int8Converter.convert(qat));
    int n = 256;
    INDArray batch = ConversionFixtures.images(graph.input(), n, 99);
    INDArray expected = qat.network().forward(batch, false);
    float[][] examples = new float[n][];
    for (int i = 0; i < n; i++) {
      examples[i] = ConversionFixtures.example(batch, i);
    }
    float[][] actual = predictor.predict(examples);
    double step = predictor.model().output().scale();
    int sameArgMax = 0;
    int close = 0;
    int outputs = actual[0].length;
    for (int i = 0; i < n; i++) {
      float[] fq = ConversionFixtures.example(expected, i);
      if (Outputs.argMax(fq) == Outputs.argMax(actual[i])) {
        sameArgMax++;
      }
      for (int j = 0; j < outputs; j++) {
        if (Outputs.withinOneStep(fq[j], actual[i][j], step)) {
          close++;
        }
      }
    }
    double argMaxRate = sameArgMax / (double) n;
    double closeRate = close / (double) (n * outputs);
    assertTrue(argMaxRate >= argMax, "arg-max agreement " + argMaxRate);
    assertTrue(closeRate >= withinStep, "outputs within one step " + closeRate);
  }

  @Test
  void aNegativeConcatAxisCountsFromTheEndOfTheExampleShape() {
    QuantizedGraph graph = QuantizedGraph.plan(ModelDecl.builder("NegativeAxis",
            Shape.of(2, 4, 4))
        .quantize(QuantizeDecl.DEFAULT)
        .layer("a", new Conv2DSpec(3, 1, 1, 1, 1, Padding.SAME,
            1, 1, true, Activation.NONE), "input")
        .layer("b", new Conv2DSpec(2, 1, 1, 1, 1, Padding.SAME,
            1, 1, true, Activation.NONE), "input")
        .layer("joined", new ConcatSpec(-3), "a", "b")
        .layer("flat", new FlattenSpec())
        .layer("logits", new DenseSpec(2, true, Activation.NONE))
        .build());
    Int8Concat joined = (Int8Concat) Int8Converter.convert(
        ConversionFixtures.settled(graph, 2, 2)).layer("joined");
    assertEquals(0, joined.axis());
    assertEquals(Shape.of(5, 4, 4), joined.outputShape());
  }

  @Test
  void aFloatModelIsRefusedWithTheWayOut() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Int8Converter.convert(TrainableModel.floatModel(ConversionFixtures.everyKind(), 1)));
    assertTrue(e.getMessage().contains("float model"), e.getMessage());
    assertTrue(e.getMessage().contains("TrainableModel.qat"), e.getMessage());
  }

  @Test
  void aModelWithoutRangesIsRefused() {
    TrainableModel fresh = TrainableModel.qat(ConversionFixtures.everyKind(), 1,
        io.qat4j.runtime.qat.QatOptions.defaults());
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Int8Converter.convert(fresh));
    assertTrue(e.getMessage().contains("no quantization range yet"), e.getMessage());
  }

  @Test
  void theModelInputIsQuantizedWithItsTrackedRange() {
    Int8Model model = Int8Converter.convert(
        ConversionFixtures.settled(ConversionFixtures.everyKind(), 1, 3));
    // Inputs are uniform in [0, 1): the range is [0, ~1], so zero point -128 and scale ~1/255.
    assertEquals(-128, model.input().zeroPoint());
    assertEquals(1.0 / 255, model.input().scale(), 0.01 / 255);
    assertInstanceOf(Int8Dense.class, model.outputLayer());
  }
}
