package io.qat4j.runtime.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qat4j.model.BatchNormSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** BatchNorm: gradients in both modes, running statistics, and inference with them. */
class BatchNormOpTest {
  private static final BatchNormSpec SPEC = new BatchNormSpec(1e-3, 0.9);

  private static LayerOp withRandomAffine(int... dims) {
    LayerOp op = Ops.doubleOp(SPEC, dims);
    Ops.randomize(op, "gamma", 1, 0.5, 1.5);
    Ops.randomize(op, "beta", 2, -0.5, 0.5);
    return op;
  }

  @Test
  void gradientsInTrainingModeOn4dInput() {
    GradientCheck.check(withRandomAffine(3, 3, 4), TestArrays.doubles(3, 4, 3, 3, 4));
  }

  @Test
  void gradientsInTrainingModeOn2dInput() {
    GradientCheck.check(withRandomAffine(5), TestArrays.doubles(4, 6, 5));
  }

  @Test
  void gradientsInInferenceMode() {
    LayerOp op = withRandomAffine(3, 2, 2);
    Ops.randomize(op, "runningMean", 5, -0.5, 0.5);
    Ops.randomize(op, "runningVar", 6, 0.5, 2);
    GradientCheck.of(op, List.of(TestArrays.doubles(7, 2, 3, 2, 2)), false).run();
  }

  @Test
  void trainingUpdatesRunningStatisticsWithMomentum() {
    LayerOp op = Ops.doubleOp(SPEC, 2, 2, 2);
    INDArray x = TestArrays.doubles(8, 3, 2, 2, 2);
    op.forward(List.of(x), true);
    // Per channel over N, H, W; the variance is the biased (population) one, as in Keras.
    for (int c = 0; c < 2; c++) {
      double[] v = x.get(
          NDArrayIndex.all(),
          NDArrayIndex.point(c)).dup().data().asDouble();
      double mean = 0;
      for (double d : v) {
        mean += d / v.length;
      }
      double var = 0;
      for (double d : v) {
        var += (d - mean) * (d - mean) / v.length;
      }
      assertEquals(0.1 * mean, Ops.param(op, "runningMean").value().getDouble(c), 1e-12);
      assertEquals(0.9 + 0.1 * var, Ops.param(op, "runningVar").value().getDouble(c), 1e-12);
    }
    op.forward(List.of(x), false);
    assertEquals(0.1 * x.get(NDArrayIndex.all(),
            NDArrayIndex.point(0)).meanNumber().doubleValue(),
        Ops.param(op, "runningMean").value().getDouble(0), 1e-12, "inference leaves them alone");
  }

  @Test
  void trainingNormalizesWithBatchStatistics() {
    LayerOp op = Ops.doubleOp(new BatchNormSpec(1e-9, 0.99), 4);
    INDArray out = op.forward(List.of(TestArrays.doubles(9, 16, 4)), true);
    assertArrayEquals(new double[4], out.mean(0).data().asDouble(), 1e-12);
    assertArrayEquals(new double[] {1, 1, 1, 1}, out.var(false, 0).data().asDouble(), 1e-6);
  }

  @Test
  void inferenceUsesRunningStatistics() {
    LayerOp op = Ops.doubleOp(SPEC, 2);
    Ops.param(op, "runningMean").value().assign(
        Nd4j.createFromArray(1.0, -2.0));
    Ops.param(op, "runningVar").value().assign(
        Nd4j.createFromArray(4.0, 0.25));
    Ops.param(op, "gamma").value().assign(Nd4j.createFromArray(2.0, 1.0));
    Ops.param(op, "beta").value().assign(Nd4j.createFromArray(0.5, 0.0));
    INDArray x = Nd4j.createFromArray(new double[][] {{3, -1}});
    INDArray out = op.forward(List.of(x), false);
    double first = 2 * (3 - 1) / Math.sqrt(4 + 1e-3) + 0.5;
    double second = (-1 + 2) / Math.sqrt(0.25 + 1e-3);
    assertArrayEquals(new double[] {first, second}, out.data().asDouble(), 1e-12);
  }
}
