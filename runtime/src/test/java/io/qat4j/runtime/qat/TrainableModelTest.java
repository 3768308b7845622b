package io.qat4j.runtime.qat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.annotation.Activation;
import io.qat4j.annotation.Padding;
import io.qat4j.model.BatchNormSpec;
import io.qat4j.model.Conv2DSpec;
import io.qat4j.model.DenseSpec;
import io.qat4j.model.FlattenSpec;
import io.qat4j.model.MaxPoolSpec;
import io.qat4j.model.ModelDecl;
import io.qat4j.model.QuantizeDecl;
import io.qat4j.model.ReluSpec;
import io.qat4j.model.Shape;
import io.qat4j.plan.QuantizedGraph;
import io.qat4j.runtime.data.Dataset;
import io.qat4j.runtime.graph.NamedParam;
import io.qat4j.runtime.graph.Node;
import io.qat4j.runtime.quant.FakeQuantOp;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Building float, QAT and calibrated networks from a quantized wrapper graph. */
class TrainableModelTest {
  /** conv+BN+ReLU, pool, flatten, dense: one folded group and a dense output. */
  private static final QuantizedGraph GRAPH =
      QuantizedGraph.plan(
          ModelDecl.builder("Tiny", Shape.of(1, 6, 6))
              .quantize(QuantizeDecl.DEFAULT)
              .layer("conv", new Conv2DSpec(4, 3, 3, 1, 1, Padding.SAME, 1, 1, false, Activation.NONE))
              .layer("bn", new BatchNormSpec(1e-3, 0.9))
              .layer("relu", new ReluSpec())
              .layer("pool", new MaxPoolSpec(2, 2, 2, 2, Padding.VALID))
              .layer("flat", new FlattenSpec())
              .layer("out", new DenseSpec(3, true, Activation.NONE))
              .build());

  private static Dataset data(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] images = new float[n * 36];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 3;
      for (int k = 0; k < 36; k++) {
        images[i * 36 + k] = (float) (r.nextDouble() * (1 + labels[i]) / 3);
      }
    }
    return Dataset.of(images, new int[] {1, 6, 6}, labels, 3);
  }

  private static List<String> names(List<NamedParam> params) {
    return params.stream().map(NamedParam::name).toList();
  }

  @Test
  void floatAndQatNetworksNameTheirParametersAlike() {
    TrainableModel f = TrainableModel.floatModel(GRAPH, 1);
    TrainableModel q = TrainableModel.qat(GRAPH, 1, QatOptions.defaults());
    assertEquals(List.of("conv.weight", "bn.gamma", "bn.beta", "out.weight", "out.bias"),
        names(f.network().params()));
    assertEquals(names(f.network().params()), names(q.network().params()));
  }

  @Test
  void sameSeedGivesTheSameInitialWeightsInBothForms() {
    TrainableModel f = TrainableModel.floatModel(GRAPH, 5);
    TrainableModel q = TrainableModel.qat(GRAPH, 5, QatOptions.defaults());
    for (int i = 0; i < f.network().params().size(); i++) {
      assertEquals(f.network().params().get(i).param().value(),
          q.network().params().get(i).param().value());
    }
  }

  @Test
  void fakeQuantNodesSitWhereTheGraphSaysAndNowhereInsideTheFusedGroup() {
    TrainableModel q = TrainableModel.qat(GRAPH, 1, QatOptions.defaults());
    List<String> nodes = q.network().nodes().stream().map(Node::name).toList();
    assertEquals(
        List.of("input/fq", "conv", "bn", "relu", "relu/fq", "pool", "flat", "out", "out/fq"),
        nodes);
    assertInstanceOf(FoldedBatchNormOp.class, q.network().op("conv"));
    assertInstanceOf(FoldedAwayOp.class, q.network().op("bn"));
  }

  @Test
  void floatNetworkHasNoFakeQuantization() {
    TrainableModel f = TrainableModel.floatModel(GRAPH, 1);
    assertEquals(List.of("conv", "bn", "relu", "pool", "flat", "out"),
        f.network().nodes().stream().map(Node::name).toList());
  }

  @Test
  void copyWeightsFromFloatCarriesParametersAndBatchNormStatistics() {
    TrainableModel f = TrainableModel.floatModel(GRAPH, 1);
    TrainableModel q = TrainableModel.qat(GRAPH, 2, QatOptions.defaults());
    f.network().state().get(1).param().value().assign(3.5); // bn.runningVar
    q.copyWeightsFrom(f);
    for (int i = 0; i < f.network().params().size(); i++) {
      assertEquals(f.network().params().get(i).param().value(),
          q.network().params().get(i).param().value());
    }
    NamedParam var =
        q.network().state().stream().filter(p -> p.name().equals("bn.runningVar")).findFirst()
            .orElseThrow();
    assertEquals(3.5, var.param().value().getDouble(0), 0);
  }

  @Test
  void scheduleFreezesBatchNormThenRanges() {
    TrainableModel q = TrainableModel.qat(GRAPH, 1, QatOptions.defaults().freezing(3, 5));
    FoldedBatchNormOp folded = (FoldedBatchNormOp) q.network().op("conv");
    FakeQuantOp relu = (FakeQuantOp) q.network().op("relu/fq");
    q.schedule().beforeStep(2);
    assertFalse(folded.statisticsFrozen());
    q.schedule().beforeStep(3);
    assertTrue(folded.statisticsFrozen());
    assertFalse(relu.quantizer().isFrozen());
    q.schedule().beforeStep(5);
    assertTrue(relu.quantizer().isFrozen());
  }

  @Test
  void calibrationSetsAndFreezesEveryActivationRangeWithoutTraining() {
    TrainableModel f = TrainableModel.floatModel(GRAPH, 1);
    TrainableModel ptq = TrainableModel.calibrated(f, data(32, 1), 4, 8);
    for (String name : List.of("input/fq", "relu/fq", "out/fq")) {
      FakeQuantOp op = (FakeQuantOp) ptq.network().op(name);
      assertTrue(op.quantizer().hasRange(), name);
      assertTrue(op.quantizer().isFrozen(), name);
    }
    assertTrue(((FoldedBatchNormOp) ptq.network().op("conv")).statisticsFrozen());
    assertEquals(f.network().params().get(0).param().value(),
        ptq.network().params().get(0).param().value());
  }

  @Test
  void calibratedNetworkOutputsStayWithinAFewQuantizationStepsOfFloat() {
    TrainableModel f = TrainableModel.floatModel(GRAPH, 1);
    Dataset d = data(32, 2);
    TrainableModel ptq = TrainableModel.calibrated(f, d, 4, 8);
    INDArray x = io.qat4j.runtime.data.Batches.inOrder(d, 16).batch(0, 0).features();
    INDArray exact = f.network().forward(x, false);
    INDArray quantized = ptq.network().forward(x, false);
    double step = ((FakeQuantOp) ptq.network().op("out/fq")).quantizer().range().scale();
    // Each of the four quantized tensors on the way (input, conv weights, ReLU output, dense
    // weights, output) adds at most half a step of its own scale; a few output steps bound it.
    double worst = exact.sub(quantized).amaxNumber().doubleValue();
    assertTrue(worst < 4 * step, "worst " + worst + " vs step " + step);
  }
}
