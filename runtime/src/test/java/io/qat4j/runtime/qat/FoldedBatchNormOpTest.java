package io.qat4j.runtime.qat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.annotation.Activation;
import io.qat4j.annotation.Padding;
import io.qat4j.model.BatchNormSpec;
import io.qat4j.model.Conv2DSpec;
import io.qat4j.model.DenseSpec;
import io.qat4j.model.DepthwiseConv2DSpec;
import io.qat4j.model.LayerSpec;
import io.qat4j.model.Shape;
import io.qat4j.runtime.layers.ConvGeometry;
import io.qat4j.runtime.layers.ConvKernels;
import io.qat4j.runtime.layers.GradientCheck;
import io.qat4j.runtime.layers.LayerOp;
import io.qat4j.runtime.layers.LayerOps;
import io.qat4j.runtime.layers.Param;
import io.qat4j.runtime.layers.TensorTransform;
import io.qat4j.runtime.layers.WeightInit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The folded Conv/Dense + BatchNorm op: its gradients (double precision, central differences), and
 * that it computes exactly what the unfolded layers compute.
 */
class FoldedBatchNormOpTest {
  private static final BatchNormSpec BN = new BatchNormSpec(1e-3, 0.9);
  private static final Conv2DSpec CONV =
      new Conv2DSpec(3, 3, 3, 1, 1, Padding.SAME, 1, 1, true, Activation.NONE);
  private static final DepthwiseConv2DSpec DEPTHWISE =
      new DepthwiseConv2DSpec(3, 3, 2, 2, Padding.SAME, 2, 1, 1, false, Activation.NONE);
  private static final DenseSpec DENSE = new DenseSpec(4, true, Activation.NONE);
  /**
   * With batch statistics a bias before the BatchNorm is subtracted out again: its gradient is
   * exactly zero, which a gradient check cannot tell from a broken one. Batch-statistics checks
   * use these bias-free layers; the frozen check keeps the bias.
   */
  private static final Conv2DSpec CONV_NO_BIAS =
      new Conv2DSpec(3, 3, 3, 1, 1, Padding.SAME, 1, 1, false, Activation.NONE);

  private static final DenseSpec DENSE_NO_BIAS = new DenseSpec(4, false, Activation.NONE);
  /**
   * Folding is an exact rewrite, so folded and unfolded outputs differ only by the round-off of
   * a different order of double operations on O(1) values: about 1e-15; 1e-10 leaves room.
   */
  private static final double EXACT = 1e-10;

  /** The unfolded pair and the folded op sharing their parameters. */
  private record Pair(LayerOp linear, LayerOp norm, FoldedBatchNormOp folded) {}

  private static Pair pair(LayerSpec spec, Shape input, Shape output, TensorTransform transform) {
    LayerOp linear =
        LayerOps.create(spec, List.of(input), DataType.DOUBLE, 7, WeightInit.HE_NORMAL,
            TensorTransform.IDENTITY);
    LayerOp norm = LayerOps.create(BN, List.of(output), DataType.DOUBLE, 7);
    // Statistics and affine values away from their defaults, so every term matters.
    long channels = output.dim(0);
    norm.params().get(0).value().assign(Nd4j.linspace(DataType.DOUBLE, 0.5, 1.5, channels));
    norm.params().get(1).value().assign(Nd4j.linspace(DataType.DOUBLE, -0.2, 0.3, channels));
    norm.state().get(0).value().assign(Nd4j.linspace(DataType.DOUBLE, -0.1, 0.2, channels));
    norm.state().get(1).value().assign(Nd4j.linspace(DataType.DOUBLE, 0.5, 2.0, channels));
    List<Param> p = linear.params();
    if (p.size() > 1) {
      p.get(1).value().assign(Nd4j.linspace(DataType.DOUBLE, -0.3, 0.3, channels));
    }
    FoldedBatchNormOp folded =
        new FoldedBatchNormOp(LinearKernel.of(spec), p.get(0), p.size() > 1 ? p.get(1) : null,
            norm.params(), norm.state(), BN.epsilon(), BN.momentum(), transform);
    return new Pair(linear, norm, folded);
  }

  private static INDArray input(long... shape) {
    return Nd4j.rand(DataType.DOUBLE, shape).subi(0.5).muli(2);
  }

  private static double maxDifference(INDArray a, INDArray b) {
    return a.sub(b).amaxNumber().doubleValue();
  }

  @Test
  void frozenConvFoldMatchesConvThenBatchNormWithRunningStatistics() {
    Pair p = pair(CONV, Shape.of(2, 5, 5), Shape.of(3, 5, 5), TensorTransform.IDENTITY);
    p.folded().freezeStatistics();
    INDArray x = input(2, 2, 5, 5);
    INDArray expected =
        p.norm().forward(List.of(p.linear().forward(List.of(x), false)), false);
    assertTrue(maxDifference(expected, p.folded().forward(List.of(x), true)) < EXACT);
  }

  @Test
  void trainingConvFoldMatchesConvThenBatchNormWithBatchStatistics() {
    Pair p = pair(CONV, Shape.of(2, 5, 5), Shape.of(3, 5, 5), TensorTransform.IDENTITY);
    p.folded().updateStatistics(false);
    INDArray x = input(4, 2, 5, 5);
    INDArray folded = p.folded().forward(List.of(x), true);
    INDArray expected = p.norm().forward(List.of(p.linear().forward(List.of(x), true)), true);
    assertTrue(maxDifference(expected, folded) < EXACT);
  }

  @Test
  void frozenFoldIsTheInferenceFormulaConvWithScaledWeightsPlusFoldedBias() {
    Pair p = pair(CONV, Shape.of(2, 5, 5), Shape.of(3, 5, 5), TensorTransform.IDENTITY);
    p.folded().freezeStatistics();
    INDArray x = input(2, 2, 5, 5);
    INDArray gamma = p.norm().params().get(0).value();
    INDArray beta = p.norm().params().get(1).value();
    INDArray mean = p.norm().state().get(0).value();
    INDArray var = p.norm().state().get(1).value();
    INDArray bias = p.linear().params().get(1).value();
    INDArray s = gamma.div(Transforms.sqrt(var.add(BN.epsilon()), false));
    INDArray w = p.linear().params().get(0).value().mul(s.reshape(3, 1, 1, 1));
    INDArray b = beta.sub(s.mul(mean)).add(s.mul(bias));
    INDArray expected = ConvKernels.conv2d(x, w, b, ConvGeometry.of(CONV));
    assertTrue(maxDifference(expected, p.folded().forward(List.of(x), false)) < EXACT);
  }

  @Test
  void trainingUpdatesRunningStatisticsUntilFrozen() {
    Pair p = pair(CONV, Shape.of(2, 5, 5), Shape.of(3, 5, 5), TensorTransform.IDENTITY);
    INDArray var = p.norm().state().get(1).value();
    INDArray before = var.dup();
    p.folded().forward(List.of(input(4, 2, 5, 5)), true);
    INDArray afterOne = var.dup();
    assertTrue(maxDifference(before, afterOne) > 1e-6);
    p.folded().freezeStatistics();
    p.folded().forward(List.of(input(4, 2, 5, 5)), true);
    assertEquals(afterOne, var);
  }

  @Test
  void inferenceNeverUpdatesRunningStatistics() {
    Pair p = pair(DENSE, Shape.of(5), Shape.of(4), TensorTransform.IDENTITY);
    INDArray mean = p.norm().state().get(0).value().dup();
    p.folded().forward(List.of(input(3, 5)), false);
    assertEquals(mean, p.norm().state().get(0).value());
  }

  @Test
  void convGradientsWithBatchStatistics() {
    Pair p = pair(CONV_NO_BIAS, Shape.of(2, 5, 5), Shape.of(3, 5, 5), TensorTransform.IDENTITY);
    p.folded().updateStatistics(false);
    gradientCheck(p, input(3, 2, 5, 5), true);
  }

  @Test
  void convGradientsWithFrozenStatistics() {
    Pair p = pair(CONV, Shape.of(2, 5, 5), Shape.of(3, 5, 5), TensorTransform.IDENTITY);
    p.folded().freezeStatistics();
    gradientCheck(p, input(3, 2, 5, 5), true);
  }

  @Test
  void depthwiseGradientsWithBatchStatistics() {
    Pair p = pair(DEPTHWISE, Shape.of(2, 6, 6), Shape.of(4, 3, 3), TensorTransform.IDENTITY);
    p.folded().updateStatistics(false);
    gradientCheck(p, input(3, 2, 6, 6), true);
  }

  @Test
  void denseGradientsWithBatchStatistics() {
    Pair p = pair(DENSE_NO_BIAS, Shape.of(5), Shape.of(4), TensorTransform.IDENTITY);
    p.folded().updateStatistics(false);
    gradientCheck(p, input(6, 5), true);
  }

  @Test
  void gradientsFlowThroughAWeightTransformOnTheScaledWeight() {
    // A smooth stand-in for fake quantization, so central differences apply: tanh.
    TensorTransform tanh =
        new TensorTransform() {
          private INDArray input;

          @Override
          public INDArray forward(INDArray x, boolean training) {
            input = x;
            return Transforms.tanh(x, true);
          }

          @Override
          public INDArray backward(INDArray gradient) {
            INDArray t = Transforms.tanh(input, true);
            return gradient.mul(t.mul(t).rsubi(1));
          }
        };
    Pair p = pair(CONV_NO_BIAS, Shape.of(2, 5, 5), Shape.of(3, 5, 5), tanh);
    p.folded().updateStatistics(false);
    gradientCheck(p, input(3, 2, 5, 5), true);
  }

  private static void gradientCheck(Pair p, INDArray x, boolean training) {
    // The folded op owns weight and bias; gamma and beta belong to the BatchNorm it folds, so
    // check them through an op exposing all four.
    LayerOp all =
        new LayerOp() {
          @Override
          public INDArray forward(List<INDArray> inputs, boolean t) {
            return p.folded().forward(inputs, t);
          }

          @Override
          public List<INDArray> backward(INDArray g) {
            return p.folded().backward(g);
          }

          @Override
          public List<Param> params() {
            List<Param> out = new java.util.ArrayList<>(p.folded().params());
            out.addAll(p.norm().params());
            return out;
          }
        };
    GradientCheck.of(all, List.of(x), training).run();
  }
}
